"""The aid page's admin form, per desk (the site the page is, or will be, in): the type of aid
is a select of the desk's « Types d'aide » (reference/vocabularies.py); its professions and
audiences are the desk's, and so is its funder (another desk's partner is neither offered by
the form nor accepted by the page's model, ``AidPage.clean``)."""

from home.desks import desk_pages
from home.forms import DeskPageForm
from reference.desks import desk_related_fields
from reference.vocabularies import Vocabulary, use_term_select

FUNDER_OF_ANOTHER_DESK = "Ce partenaire est celui d'un autre guichet : choisissez un partenaire de ce guichet."


class AidPageForm(DeskPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = self._desk()
        self.desk_id = site.pk if site is not None else None
        use_term_select(self, "aid_type", self.desk_id, Vocabulary.AID_TYPE)
        # Offered and accepted: the desk's professions and audiences only.
        desk_related_fields(self, self.desk_id, {"professions": "site", "audiences": "site"})
        if site is not None and (funder := self.fields.get("funder")):
            # A page: the desk's tree, not a site column (a new page is checked here, before it
            # has a place in the tree for AidPage.clean).
            funder.queryset = desk_pages(funder.queryset, site)
            funder.error_messages["invalid_choice"] = FUNDER_OF_ANOTHER_DESK

    def _desk(self):
        page = self.instance if self.instance.pk else self.parent_page
        return page.get_site() if page is not None else None
