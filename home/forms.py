"""The editors' page form, shared by every page type of the desk (``base_form_class``).

Two things Wagtail's own form leaves to chance:

- **ASCII addresses.** ``WAGTAIL_ALLOW_UNICODE_SLUGS = False`` makes the admin's JavaScript
  and Wagtail's automatic slugs ASCII, but a slug typed by hand (or posted without the
  script) is stored as sent; it is transliterated here (« abandonné » → « abandonne »).
- **An address already taken.** Wagtail puts « slug déjà utilisé » on the slug field, in
  the « Promotion » tab, while the editor is on « Contenu »: after an autosaved draft was
  abandoned, publishing a page of the same title failed with nothing visible. A form-level
  error (Wagtail lists those in the message at the top of every tab) names the page that
  holds the address and proposes a free one, found as Wagtail finds its automatic slugs
  (``-2``, ``-3``…).
"""

from django import forms
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

# Wagtail's own counter goes on without limit; a desk never has this many namesakes.
MAX_SUFFIX = 100


def free_slug(base_slug, parent_page, page=None):
    """The first of ``base``, ``base-2``, ``base-3``… free under ``parent_page`` (None if
    all are taken), with Wagtail's own availability test."""
    for suffix in range(1, MAX_SUFFIX + 1):
        candidate = base_slug if suffix == 1 else f"{base_slug}-{suffix}"
        if Page._slug_is_available(candidate, parent_page, page):
            return candidate
    return None


def page_state(page):
    if page.live:
        return "publiée avec des modifications en brouillon" if page.has_unpublished_changes else "publiée"
    return "brouillon jamais publié" if not page.first_published_at else "dépubliée"


class DeskPageForm(WagtailAdminPageForm):
    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug and not slug.isascii():
            slug = slugify(slug)
        return slug

    def clean(self):
        slug = self.cleaned_data.get("slug")  # Wagtail's clean() drops it when it is taken
        cleaned_data = super().clean()
        if slug and "slug" in self.errors and self.parent_page is not None:
            holder = self.slug_holder(slug)
            if holder is not None:
                self.explain_slug_conflict(slug, holder)
        return cleaned_data

    def slug_holder(self, slug):
        siblings = self.parent_page.get_children()
        if self.instance.pk:
            siblings = siblings.not_page(self.instance)
        return siblings.filter(slug=slug).first()

    def explain_slug_conflict(self, slug, holder):
        suggestion = free_slug(slug, self.parent_page, self.instance if self.instance.pk else None)
        proposal = f" L'adresse « {suggestion} » est libre." if suggestion else ""
        # Replaces Wagtail's message on the field (same fact, said once, with the page's name).
        self.errors["slug"] = self.error_class([f"Déjà utilisée par la page « {holder.title} ».{proposal}"])
        self.add_error(
            None,
            forms.ValidationError(
                "L'adresse « %(slug)s » est déjà celle de la page « %(title)s » (%(state)s, dans « %(parent)s »). "
                "Changez l'adresse de cette page-ci dans l'onglet « Promotion »%(proposal)s, "
                "ou supprimez l'autre page s'il s'agit d'un brouillon abandonné.",
                code="slug_in_use",
                params={
                    "slug": slug,
                    "title": holder.title,
                    "state": page_state(holder),
                    "parent": self.parent_page.title,
                    "proposal": f" (« {suggestion} » est libre)" if suggestion else "",
                },
            ),
        )
        self.slug_conflict = {"slug": slug, "holder": holder, "suggestion": suggestion}
