from axes.models import AccessAttempt
from wagtail.admin.viewsets.model import ModelViewSet


class LockedLoginViewSet(ModelViewSet):
    """Failed logins counted by django-axes (cms/lockout.py). Deleting a row unlocks that
    account from that address at once; rows also expire after AXES_COOLOFF_TIME."""

    model = AccessAttempt
    icon = "lock"
    menu_label = "Connexions bloquées"
    add_to_settings_menu = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_filter = ["username"]
    form_fields = ["username", "ip_address"]
