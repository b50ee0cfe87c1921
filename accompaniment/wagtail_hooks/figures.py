"""Admin hooks for the accompaniment figures: the panel of the admin home page (the exact
figures, the user's own open cases and tasks due) and the exports of the breakdowns.

The panel is for whoever may view cases; the exports for ``accompaniment.export_figures``
(both accompaniment groups). Both give the exact figures — they stay within the group —
and aggregates only: no case, no name.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from laces.components import Component
from wagtail import hooks
from wagtail.models import Site

from users.roles import desk_ids_with_permission

from ..exports import CONTENT_TYPES, figures_csv, figures_xlsx
from ..figures import ALL_DESKS, staff_figures, staff_totals
from ..models import Case, EntryKind, TimelineEntry

VIEW_PERMISSION = "accompaniment.view_case"
EXPORT_PERMISSION = "accompaniment.export_figures"
EXPORT_URL_NAME = "accompaniment_figures_export"
WRITERS = {"csv": figures_csv, "xlsx": figures_xlsx}


def figures_desk(request, permission):
    """Whose figures ``request.user`` sees: every desk's for a superuser (ALL_DESKS), else one
    desk where they hold ``permission`` — the admin host's if it is one, else their first.
    None of another desk's cases are ever counted for them."""
    if request.user.is_superuser:
        return ALL_DESKS
    ids = desk_ids_with_permission(request.user, {permission})
    here = Site.find_for_request(request)
    if here is not None and here.pk in ids:
        return here.pk
    return min(ids, default=0)  # 0: no desk, nothing counted


def tasks_due(user, today=None):
    """The tasks not done, due today or before, of the open cases ``user`` follows."""
    return TimelineEntry.objects.filter(
        kind=EntryKind.TASK,
        done=False,
        due_on__lte=today or timezone.localdate(),
        case__in=Case.objects.open().filter(referent=user),
    )


class FiguresPanel(Component):
    name = "accompaniment_figures"
    template_name = "accompaniment/admin/figures_panel.html"
    order = 45  # above the listings' panel: a référent's own cases first

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        can_export = self.user.has_perm(EXPORT_PERMISSION)
        return {
            "figures": staff_totals(figures_desk(parent_context["request"], VIEW_PERMISSION)),
            "own_open_cases": Case.objects.open().filter(referent=self.user).count(),
            "tasks_due": tasks_due(self.user).count(),
            "cases_url": reverse("accompaniment_cases:index"),
            "export_urls": {fmt: reverse(EXPORT_URL_NAME, args=[fmt]) for fmt in WRITERS} if can_export else {},
        }


@hooks.register("construct_homepage_panels")
def add_figures_panel(request, panels):
    if request.user.has_perm(VIEW_PERMISSION):
        panels.append(FiguresPanel(request.user))


def export_figures(request, file_format):
    """The exact breakdowns as a spreadsheet (CSV or XLSX)."""
    if file_format not in WRITERS:
        raise Http404("Format inconnu : CSV ou XLSX.")
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied("Vous n'avez pas le droit d'exporter les chiffres de l'accompagnement.")
    content = WRITERS[file_format](staff_figures(site_id=figures_desk(request, EXPORT_PERMISSION)))
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    filename = f"chiffres-accompagnement-{timezone.localdate():%Y-%m-%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@hooks.register("register_admin_urls")
def register_figures_urls():
    return [path("accompagnement/chiffres/export.<str:file_format>", export_figures, name=EXPORT_URL_NAME)]
