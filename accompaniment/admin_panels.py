"""Panels of the case's edit form that Wagtail does not have: the timeline's sub-forms with
their own form and formset classes, and three read-only panels — « Fil du dossier » (every
entry, events included, newest first), the person's interests in listings with
« Mettre en relation », and the aids this profile may claim (``aides.eligibility``)."""

from django.urls import reverse
from wagtail.admin.panels import InlinePanel, Panel

from aides.eligibility import Situation, answer
from aides.models import AidPage
from home.desks import desk_pages

from .models import EntryKind


class FormInlinePanel(InlinePanel):
    """An InlinePanel whose sub-forms are built on ``form_class`` and ``formset_class``."""

    def __init__(self, *args, form_class=None, formset_class=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_class = form_class
        self.formset_class = formset_class

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "form_class": self.form_class, "formset_class": self.formset_class}

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        if self.form_class is not None:
            formset["form"] = self.form_class
        if self.formset_class is not None:
            formset["formset"] = self.formset_class
        return options


class ReadOnlyPanel(Panel):
    """A panel that shows something about the saved case, with nothing to submit."""

    template_name = ""

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template_name

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            case = self.instance
            context["case"] = case
            context["saved"] = bool(case is not None and case.pk)
            if context["saved"]:
                context.update(self.panel.context_for(case, self))
            return context

    def context_for(self, case, bound_panel):
        return {}


class CaseThreadPanel(ReadOnlyPanel):
    template_name = "accompaniment/admin/thread_panel.html"

    def context_for(self, case, bound_panel):
        entries = case.timeline.select_related("author", "partner").order_by("-created_at", "-pk")
        return {"entries": entries, "event": EntryKind.EVENT, "task": EntryKind.TASK}


class InterestsPanel(ReadOnlyPanel):
    template_name = "accompaniment/admin/interests_panel.html"

    def context_for(self, case, bound_panel):
        interests = list(case.interests.select_related("listing", "introduced_by").order_by("-created_at"))
        for interest in interests:
            interest.introduce_url = reverse("accompaniment_cases:introduce", args=[case.pk, interest.pk])
        return {"interests": interests}


def situation_of(case):
    """The case's profile as the aid finder asks it: one practice mode only if one was chosen."""
    commune = case.communes.order_by("name").first()
    modes = list(case.practice_modes or [])
    return Situation(
        site_id=case.site_id,
        audience=case.audience,
        profession=case.profession,
        commune=commune,
        practice_mode=modes[0] if len(modes) == 1 else None,
    )


class SuggestedAidsPanel(ReadOnlyPanel):
    """Aids the person may claim (« vous y avez droit ») or should check, each with a label
    that ticks it in « Aides retenues » (one click, no script: a ``<label for>``)."""

    template_name = "accompaniment/admin/suggested_aids_panel.html"

    def context_for(self, case, bound_panel):
        # The case's desk's aids only, as its « Aides retenues » (accompaniment.admin_forms).
        aids = desk_pages(AidPage.objects.live().public(), case.site)
        aids = aids.only("id", "title", "amount_period").order_by("title", "pk")
        result = answer(aids, situation_of(case))
        checkboxes = {}
        form = bound_panel.form
        if form is not None and "aids" in form.fields:
            for option in form["aids"]:
                checkboxes[str(option.data["value"])] = (option.id_for_label, bool(option.data["selected"]))
        rows = []
        for assessment in (*result.eligible, *result.to_check):
            box, ticked = checkboxes.get(str(assessment.aid.pk), (None, False))
            rows.append({"assessment": assessment, "checkbox_id": box, "ticked": ticked})
        return {"rows": rows, "missing": result.missing}
