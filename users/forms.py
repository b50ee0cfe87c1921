from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm


class UserCreationForm(WagtailUserCreationForm):
    pass


class UserEditForm(WagtailUserEditForm):
    pass
