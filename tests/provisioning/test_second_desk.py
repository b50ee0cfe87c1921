"""Issue 17: two desks of two sectors side by side in one instance, set up by configuration
only — a health desk for the Drôme (the default site) and a rural veterinarians' desk for the
Ardèche (`bootstrap_desk --hostname … --sector docs/examples/secteur-veterinaire.json`)."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Site

from aides.models import AidAudience
from home.models import DeskSettings, HomePage
from provisioning.report import BootstrapError
from provisioning.sectors import load_sector
from reference.models import Commune, Profession
from reference.vocabularies import Term, Vocabulary

from .test_bootstrap_desk import ARDECHE, ARDECHE_CODES, ARDECHE_FILE, DROME

pytestmark = pytest.mark.slow

VETO_SECTOR = Path(settings.BASE_DIR) / "docs/examples/secteur-veterinaire.json"
VETO = [
    "--hostname",
    "veto.test",
    "--territory-code",
    ARDECHE["code"],
    "--territory-name",
    ARDECHE["name"],
    "--bbox",
    ",".join(map(str, ARDECHE["bbox"])),
    "--sector",
    str(VETO_SECTOR),
    "--desk-name",
    "Guichet vétérinaire",
    "--communes-file",
    str(ARDECHE_FILE),
]


def bootstrap(*args):
    output = StringIO()
    call_command("bootstrap_desk", *args, stdout=output)
    return output.getvalue()


@pytest.fixture
def two_desks(db, settings, tmp_path):
    """The Drôme's health desk (five communes), then the Ardèche's veterinarians' desk."""
    settings.TERRITORY = DROME
    data = json.loads((Path(settings.BASE_DIR) / "data/drome/communes-26-drome.geojson").read_text(encoding="utf-8"))
    data["features"] = data["features"][:5]
    drome = tmp_path / "communes-26-extrait.geojson"
    drome.write_text(json.dumps(data), encoding="utf-8")
    health_output = bootstrap("--communes-file", str(drome))
    veto_output = bootstrap(*VETO)
    return {
        "health": Site.objects.get(is_default_site=True),
        "veto": Site.objects.get(hostname="veto.test"),
        "outputs": (health_output, veto_output),
        "drome_codes": {feature["properties"]["code"] for feature in data["features"]},
    }


def codes(site, vocabulary):
    return list(
        Term.objects.filter(site=site, vocabulary=vocabulary).order_by("sort_order").values_list("code", flat=True)
    )


def test_each_desk_has_its_own_site_territory_and_sector(two_desks):
    health, veto = two_desks["health"], two_desks["veto"]
    assert veto.root_page.specific_class is HomePage and veto.root_page_id != health.root_page_id
    assert HomePage.objects.count() == 2

    desk = DeskSettings.for_site(veto)
    assert (desk.desk_name, desk.territory_code, desk.territory_name) == ("Guichet vétérinaire", "07", "Ardèche")
    assert DeskSettings.for_site(health).territory_code == "26"
    # Communes are shared: both territories are in the instance.
    assert set(Commune.objects.filter(departement_code="07").values_list("insee_code", flat=True)) == ARDECHE_CODES
    assert (
        set(Commune.objects.filter(departement_code="26").values_list("insee_code", flat=True))
        == two_desks["drome_codes"]
    )

    assert codes(veto, Vocabulary.LISTING_KIND) == ["clientele", "poste_salarie", "remplacement", "local"]
    assert codes(veto, Vocabulary.FACILITY_KIND) == ["clinique_veterinaire", "cabinet_veterinaire"]
    assert "office" in codes(health, Vocabulary.LISTING_KIND) and "clientele" not in codes(
        health, Vocabulary.LISTING_KIND
    )
    assert list(Profession.objects.filter(site=veto).values_list("name", flat=True)) == [
        "Vétérinaire rural",
        "Auxiliaire spécialisé vétérinaire",
    ]
    assert list(Profession.objects.filter(site=health).values_list("name", flat=True)) == ["Médecin généraliste"]
    assert set(AidAudience.objects.filter(site=veto).values_list("code", flat=True)) == {
        "etudiant-veterinaire",
        "jeune-diplome",
        "veterinaire-installe",
    }
    from users.models import GroupDesk

    veto_groups = dict(GroupDesk.objects.filter(site=veto).values_list("role", "group__name"))
    assert veto_groups["moderators"] == "Modérateurs – Guichet vétérinaire"
    assert len(veto_groups) == 4
    health_output, veto_output = two_desks["outputs"]
    assert "Guichet prêt." in veto_output and "veto.test" in veto_output
    assert "- professions : Vétérinaire rural, Auxiliaire spécialisé vétérinaire" in veto_output


def test_running_both_again_creates_nothing(two_desks):
    before = {model: model.objects.count() for model in (Site, HomePage, Term, Profession, AidAudience, Commune)}
    assert "Rien à créer" in bootstrap(*VETO)
    assert {model: model.objects.count() for model in before} == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--territory-code", "07"], "accompagnent --hostname"),
        (["--hostname", "veto.test"], "indiquez aussi : --territory-code, --territory-name, --bbox"),
        (
            ["--hostname", "veto.test", "--territory-code", "07", "--territory-name", "Ardèche", "--bbox", "1,2,3"],
            "--bbox : Saisissez le cadre",
        ),
    ],
)
def test_options_are_checked_in_french(db, args, message):
    with pytest.raises(CommandError, match=message):
        bootstrap("--communes-file", str(ARDECHE_FILE), *args)
    assert not Site.objects.filter(hostname="veto.test").exists()


def test_a_second_desk_refuses_communes_outside_its_own_territory(db):
    args = [*VETO]
    args[args.index("--territory-code") + 1] = "26"
    with pytest.raises(CommandError, match="pas du département 26"):
        bootstrap(*args)
    assert not Site.objects.filter(hostname="veto.test").exists()


def test_the_example_sector_file_reads(tmp_path):
    sector = load_sector(VETO_SECTOR)
    assert sector.name == "Vétérinaires ruraux"
    assert set(sector.vocabularies) == set(Vocabulary.values)
    broken = tmp_path / "secteur.json"
    for content, message in [
        ("{", "JSON attendu"),
        (
            '{"name": "X", "professions": [{"name": "A"}], "audiences": [], "vocabularies": {"kinds": []}}',
            "vocabulaire inconnu « kinds »",
        ),
        ('{"name": "X", "professions": [], "audiences": [], "vocabularies": {}}', "vocabulaire(s) vide(s)"),
    ]:
        broken.write_text(content, encoding="utf-8")
        with pytest.raises(BootstrapError, match=re.escape(message)):
            load_sector(broken)
    with pytest.raises(BootstrapError, match="introuvable"):
        load_sector(tmp_path / "absent.json")


def test_both_desks_serve_their_vocabularies_through_the_same_schema(two_desks, client):
    from graphql import build_client_schema, build_schema, get_introspection_query, print_schema
    from graphql.utilities import lexicographic_sort_schema

    from graphql_api.management.commands.export_schema import SCHEMA_PATH

    committed = print_schema(lexicographic_sort_schema(build_schema(SCHEMA_PATH.read_text(encoding="utf-8"))))
    answers = {}
    for host in ("localhost", "veto.test"):
        introspection = client.post(
            "/graphql/",
            {"query": get_introspection_query(descriptions=True, specified_by_url=True, input_value_deprecation=True)},
            content_type="application/json",
            HTTP_HOST=host,
        ).json()["data"]
        assert print_schema(lexicographic_sort_schema(build_client_schema(introspection))) == committed, host
        body = client.post(
            "/graphql/",
            {"query": "{ listingKinds { code } siteSettings { deskName territoryName } }"},
            content_type="application/json",
            HTTP_HOST=host,
        ).json()["data"]
        answers[host] = ([kind["code"] for kind in body["listingKinds"]], body["siteSettings"]["territoryName"])
    assert answers["veto.test"] == (["clientele", "poste_salarie", "remplacement", "local"], "Ardèche")
    assert answers["localhost"][0][0] == "office" and answers["localhost"][1] == "Drôme"


def test_a_veterinary_listing_goes_from_submission_to_the_veterinary_map_only(
    two_desks, client, mailoutbox, django_capture_on_commit_callbacks
):
    """The second sector end to end, through the same screens and the same schema: a town of
    the Ardèche submits a « Clientèle à reprendre » on the veterinary host; the health desk's
    moderator can neither see nor approve it; the veterinary desk's moderator approves it in
    Wagtail's workflow; it is then public on the veterinary desk (API, map, page) and nowhere
    on the health desk."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from listings.models import Listing, ListingStatus, Organisation
    from users.models import GroupDesk

    health, veto = two_desks["health"], two_desks["veto"]
    privas = Commune.objects.get(insee_code="07186")
    users = get_user_model().objects
    town = Organisation.objects.create(name="Mairie de Privas", kind="municipality", site=veto)
    town.communes.add(privas)
    contributor = users.create_user("elus-privas", "elus@privas.example.org", "motdepasse")
    town.members.add(contributor)

    def staff(name, site):
        user = users.create_user(name, f"{name}@example.org", "motdepasse")
        user.groups.add(GroupDesk.objects.get(site=site, role="moderators").group)
        return user

    vet_moderator, health_moderator = staff("moderation-veto", veto), staff("moderation-sante", health)

    # 1. The town submits on the veterinary host, with the desk's own kinds and professions.
    client.force_login(contributor)
    form = client.get(reverse("contributions:create"), HTTP_HOST="veto.test").content.decode()
    assert "Clientèle à reprendre" in form and "Local médical" not in form
    response = client.post(
        reverse("contributions:create"),
        {
            "kind": "clientele",
            "title": "Clientèle rurale mixte à reprendre à Privas",
            "summary": "Cabinet de deux vétérinaires, bovins et canins, départ en retraite.",
            "description": "Clientèle fidèle, astreintes partagées avec la clinique voisine.",
            "professions": [str(Profession.objects.get(site=veto, slug="veterinaire-rural").pk)],
            "commune": str(privas.pk),
            "address": "3 place de l'Hôtel de ville",
            "latitude": "44.735",
            "longitude": "4.599",
            "conditions": "Accompagnement du cédant pendant six mois.",
            "contact-name": "Paul Roux",
            "contact-role": "Maire adjoint",
            "contact-email": "paul.roux@privas.example.org",
            "contact-phone": "04 75 00 00 07",
        },
        HTTP_HOST="veto.test",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    listing = Listing.objects.get(title="Clientèle rurale mixte à reprendre à Privas")
    assert (listing.site_id, listing.kind, listing.status) == (veto.pk, "clientele", ListingStatus.PENDING)

    # 2. The health desk's moderator sees nothing of it and cannot approve it.
    index = reverse(Listing.snippet_viewset.get_url_name("list"))
    task_state = listing.current_workflow_task_state
    approve = reverse(
        Listing.snippet_viewset.get_url_name("workflow_action"), args=[listing.pk, "approve", task_state.pk]
    )
    client.force_login(health_moderator)
    assert listing.title not in client.get(index).content.decode()
    assert client.post(approve, {"comment": ""}).status_code in (302, 403, 404)
    assert Listing.objects.annotate_status().get(pk=listing.pk).moderation_status == ListingStatus.PENDING

    # 3. The veterinary desk's moderator finds it in their list and approves it.
    client.force_login(vet_moderator)
    assert listing.title in client.get(index).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    listing.refresh_from_db()
    assert listing.live and listing.status == ListingStatus.PUBLISHED
    [approved] = [message for message in mailoutbox if message.to == ["elus@privas.example.org"]]
    assert listing.title in approved.body

    # 4. Public on the veterinary desk only: API (code and label), map, page.
    client.logout()

    def answer(host):
        body = client.post(
            "/graphql/",
            {"query": "{ listings { results { slug kindCode } } listingMap listingKinds { code label } }"},
            content_type="application/json",
            HTTP_HOST=host,
        ).json()
        assert "errors" not in body, body
        return body["data"]

    vet, health_answer = answer("veto.test"), answer("localhost")
    assert {"slug": listing.slug, "kindCode": "clientele"} in vet["listings"]["results"]
    assert {"code": "clientele", "label": "Clientèle à reprendre"} in vet["listingKinds"]
    [pin] = [f for f in vet["listingMap"]["features"] if f["properties"]["slug"] == listing.slug]
    assert pin["properties"]["kindCode"] == "clientele"
    assert listing.slug not in json.dumps(health_answer)
    assert client.get(f"/annonces/{listing.slug}/", HTTP_HOST="veto.test").status_code == 200
    assert client.get(f"/annonces/{listing.slug}/", HTTP_HOST="localhost").status_code == 404
    assert listing.title in client.get("/carte/", HTTP_HOST="veto.test").content.decode()
    assert listing.title not in client.get("/carte/", HTTP_HOST="localhost").content.decode()
