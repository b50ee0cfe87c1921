"""``seed_demo --reset``: delete what the demo created, keeping the reference data."""

from django.contrib.auth import get_user_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from accompaniment.models import Case
from home.models import HomePage
from listings.models import Listing, Organisation
from reference.desks import default_site_id
from reference.models import HealthFacility

from .content.accompaniment import REFERENTS
from .content.facilities import FACILITIES
from .content.listings import LISTINGS
from .content.organisations import MODERATOR_USERNAME, ORGANISATIONS
from .content.site import HOME
from .images import DEMO_COLLECTION_NAME


def reset_demo_content(ctx):
    """Delete what the demo created; reference data (communes, EPCIs, professions) stays."""
    User = get_user_model()
    # Demo cases first: their interests point at demo listings (timeline and interests cascade).
    Case.objects.filter(is_demo=True).delete()
    _, deleted = Listing.objects.filter(slug__in=[s["slug"] for s in LISTINGS]).delete()
    ctx.count("annonces supprimées", deleted.get(Listing._meta.label, 0))
    names = [name for _, name, *_ in ORGANISATIONS]
    # Names are unique within a desk: the demo's is the default one.
    Organisation.objects.filter(site_id=default_site_id(), name__in=names).delete()
    usernames = [username for *_, username in ORGANISATIONS] + [MODERATOR_USERNAME]
    usernames += [username for username, *_ in REFERENTS]  # their assignment rules cascade
    User.objects.filter(username__in=usernames).delete()
    for _, name, code, *_ in FACILITIES:
        HealthFacility.objects.filter(name=name, commune__insee_code=code).delete()
    _delete_demo_pages()
    collection = Collection.objects.filter(name=DEMO_COLLECTION_NAME, depth=2).first()
    if collection is not None:
        get_image_model().objects.filter(collection=collection).delete()
        collection.delete()


def _delete_demo_pages():
    """Delete the demo HomePage and its subtree; the default site is kept, pointed at the tree
    root until the home page is created again."""
    for home in HomePage.objects.filter(slug=HOME["slug"]):
        tree_root = Page.get_first_root_node()
        for site in Site.objects.filter(root_page=home):
            site.root_page = tree_root
            site.save()
        home.delete()
