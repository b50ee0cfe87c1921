"""« Être accompagné(e) »: the public request form and its thanks page."""

from django.views.generic import TemplateView

from listings.desk import request_site

from .. import intake
from ..forms import RequestForm
from ..models import CaseSource
from .common import GuardedFormView


class RequestView(GuardedFormView):
    form_class = RequestForm
    template_name = "accompaniment/request_form.html"
    success_url_name = "accompaniment:thanks"

    def get_form(self, data=None):
        # The case is the desk's of the host the form is sent from.
        return self.form_class(data, site=request_site(self.request))

    def accept(self, form):
        case = form.save(commit=False)
        form.save_m2m()  # the communes: kept by modelcluster until the case is saved
        return intake.receive_case(case, source=CaseSource.FORM)


class ThanksView(TemplateView):
    """The same page after any request (a new case, an interest, a confirmation asked by
    e-mail): it never tells whether the address was already known."""

    template_name = "accompaniment/thanks.html"
