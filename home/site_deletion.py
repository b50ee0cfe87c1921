"""Paramètres › Sites: deleting a desk's site that still owns rows (listings, professions,
staff groups… every ``site`` foreign key is PROTECT) answers with a French message listing
them, instead of Django's ProtectedError and a server error.

Wagtail's sites DeleteView has no before-delete hook: this subclass is served at its delete
URL, ahead of Wagtail's (wagtail_hooks.py), and only adds the refusal.
"""

from collections import Counter

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.urls import path
from wagtail.sites.views import DeleteView, SiteViewSet


def still_owned(objects):
    """« 3 annonces, 4 groupes d'un guichet »: the rows in ``objects``, counted by model."""
    counts = Counter(type(row)._meta for row in objects)
    return ", ".join(
        f"{count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"
        for opts, count in sorted(counts.items(), key=lambda item: str(item[0].verbose_name_plural))
    )


class DeskSiteDeleteView(DeleteView):
    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except (ProtectedError, RestrictedError) as error:
            rows = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
            messages.error(
                self.request,
                f"Le site « {self.object.hostname} » n'est pas supprimé : des éléments appartiennent encore "
                f"à son guichet ({still_owned(rows)}). Supprimez-les ou rattachez-les à un autre guichet d'abord.",
            )
            return redirect(self.index_url_name)


class DeskSiteViewSet(SiteViewSet):
    delete_view_class = DeskSiteDeleteView


def delete_url():
    """The path of Wagtail's site deletion URL, served by DeskSiteDeleteView."""
    viewset = DeskSiteViewSet("wagtailsites", url_prefix="sites")
    return path(
        f"{viewset.url_prefix}/delete/<{viewset.pk_path_converter}:pk>/", viewset.delete_view, name="desk_site_delete"
    )
