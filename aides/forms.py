"""The aid page's admin form: the type of aid is a select of the desk's « Types d'aide »
(reference/vocabularies.py) and its professions and audiences are the desk's, the desk
being the site the page is (or will be) in."""

from home.forms import DeskPageForm
from reference.desks import desk_related_fields
from reference.vocabularies import Vocabulary, use_term_select


class AidPageForm(DeskPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.desk_id = self._desk_id()
        use_term_select(self, "aid_type", self.desk_id, Vocabulary.AID_TYPE)
        # Offered and accepted: the desk's professions and audiences only.
        desk_related_fields(self, self.desk_id, {"professions": "site", "audiences": "site"})

    def _desk_id(self):
        page = self.instance if self.instance.pk else self.parent_page
        site = page.get_site() if page is not None else None
        return site.pk if site is not None else None
