"""A listing page shows the details of its kind in French, JSON-LD for the job-like kinds
(never any contact data, never breakable by a title) and names photo links without alt text."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from frontend.templatetags.structured_data import job_posting, json_ld_script
from home.factories import ImageFactory
from listings.factories import ListingFactory, OrganisationFactory
from listings.models import ListingContact, ListingKind, ListingPhoto

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
NBSP, NNBSP = "\u00a0", "\u202f"


def page(client, listing):
    response = client.get(reverse("frontend:listing", args=[listing.slug]))
    assert response.status_code == 200
    return response.content.decode()


def facts(html):
    """The « Conditions et disponibilité » list as {term: definition} (tags stripped)."""
    section = html.split('id="conditions-title"', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", section, re.S)
    return {term: re.sub(r"<[^>]+>", "", definition).strip() for term, definition in pairs}


def json_ld(html):
    scripts = JSON_LD.findall(html)
    assert len(scripts) <= 1
    return json.loads(scripts[0]) if scripts else None


@pytest.fixture
def organisation():
    return OrganisationFactory(
        name="Centre départemental de santé",
        website="https://sante.example.org/",
        email="rh-confidentiel@example.org",
        phone="04 75 99 99 99",
    )


def test_a_replacement_shows_its_dates_rhythm_and_housing(client, small_site):
    listing = ListingFactory(
        kind=ListingKind.REPLACEMENT,
        title="Remplacement d'été à Pré-Vert",
        commune=small_site.communes["c"],
        available_from=datetime.date(2027, 7, 1),
        available_until=datetime.date(2027, 8, 31),
        replacement_rhythm="occasional",
        housing_included=True,
    )
    shown = facts(page(client, listing))
    assert shown["Dates du remplacement"] == "Du 1er juillet au 31 août 2027"
    assert shown["Rythme"] == "Ponctuel (congés, formation…)"
    assert shown["Logement fourni"] == "Oui"
    assert "Contrat" not in shown and "Secrétariat partagé" not in shown


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime.date(2027, 7, 1), datetime.date(2027, 7, 31), "Du 1er au 31 juillet 2027"),
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 5), "Du 15 décembre 2026 au 5 janvier 2027"),
        (None, datetime.date(2027, 1, 5), "5 janvier 2027"),
    ],
)
def test_date_ranges_read_as_french(client, small_site, start, end, expected):
    listing = ListingFactory(
        kind=ListingKind.INTERN_HOUSING, commune=small_site.communes["c"], available_from=start, available_until=end
    )
    shown = facts(page(client, listing))
    assert expected in shown.values()
    if start is None:
        assert shown["Disponible jusqu'au"] == expected


def test_a_salaried_post_shows_contract_working_time_and_pay(client, small_site, organisation):
    listing = ListingFactory(
        kind=ListingKind.SALARIED_POST,
        title="Médecin salarié à Pré-Vert",
        commune=small_site.communes["c"],
        organisation=organisation,
        contract_type="fixed_term",
        working_time="part_time",
        working_time_details="0,8 ETP",
        monthly_pay_min_eur=6500,
        monthly_pay_max_eur=7800,
        housing_included=False,
    )
    shown = facts(page(client, listing))
    assert shown["Contrat"] == "CDD"
    assert shown["Temps de travail"] == "Temps partiel (0,8 ETP)"
    assert shown["Salaire brut mensuel"] == f"De 6{NNBSP}500{NBSP}€ à 7{NNBSP}800{NBSP}€"
    assert shown["Logement fourni"] == "Non"
    assert "Rythme" not in shown


def test_premises_and_intern_housing_show_their_own_details(client, small_site):
    office = ListingFactory(kind=ListingKind.OFFICE, commune=small_site.communes["c"], shared_secretariat=False)
    assert facts(page(client, office))["Secrétariat partagé"] == "Non"
    housing = ListingFactory(
        kind=ListingKind.INTERN_HOUSING,
        commune=small_site.communes["c"],
        intern_places=4,
        intern_monthly_price_eur=Decimal("150"),
    )
    shown = facts(page(client, housing))
    assert shown["Places pour internes"] == "4 places"
    assert shown["Prix par interne"] == f"150{NBSP}€ par mois, charges comprises"
    free = ListingFactory(
        kind=ListingKind.INTERN_HOUSING, commune=small_site.communes["c"], intern_places=1, intern_monthly_price_eur=0
    )
    shown = facts(page(client, free))
    assert (shown["Places pour internes"], shown["Prix par interne"]) == ("1 place", "Gratuit")


def test_a_salaried_post_is_a_job_posting_without_any_contact_data(client, small_site, organisation):
    listing = ListingFactory(
        kind=ListingKind.SALARIED_POST,
        title="Pédiatre salarié(e) à Pré-Vert",
        summary="Poste de pédiatre au centre de santé.",
        commune=small_site.communes["c"],
        professions=[small_site.professions["paediatrician"]],
        organisation=organisation,
        address="2 place de la Mairie",
        available_from=datetime.date(2027, 9, 1),
        contract_type="permanent",
        working_time="either",
        monthly_pay_min_eur=6500,
        monthly_pay_max_eur=7800,
        contacts=[
            ListingContact(
                name="Dominique Publique", email="publique@example.org", phone="06 12 34 56 78", consent_to_publish=True
            )
        ],
    )
    html = page(client, listing)
    assert "publique@example.org" in html  # consented: on the page…
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Pédiatre salarié(e) à Pré-Vert"
    assert data["description"] == "Poste de pédiatre au centre de santé."
    assert data["datePosted"].startswith(str(datetime.date.today().year))
    assert data["employmentType"] == ["FULL_TIME", "PART_TIME"]
    assert data["jobStartDate"] == "2027-09-01"
    assert data["occupationalCategory"] == "Pédiatre"
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "unitText": "MONTH", "minValue": 6500, "maxValue": 7800},
    }
    address = data["jobLocation"]["address"]
    assert address["@type"] == "PostalAddress"
    assert (address["addressLocality"], address["addressCountry"]) == ("Pré-Vert", "FR")
    assert address["streetAddress"] == "2 place de la Mairie"
    assert address["addressRegion"]
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Centre départemental de santé",
        "url": "https://sante.example.org/",
    }
    assert data["url"].endswith(f"/{listing.slug}/")
    # …but never in the structured data, nor the structure's own e-mail and phone.
    text = JSON_LD.findall(html)[0]
    for private in ("@example.org", "mailto:", "06 12 34 56 78", "04 75 99 99 99", "Dominique", "telephone", "email"):
        assert private not in text, private


@pytest.mark.parametrize(
    ("kind", "employment_type"),
    [(ListingKind.REPLACEMENT, ["TEMPORARY", "CONTRACTOR"]), (ListingKind.COLLABORATION, ["CONTRACTOR"])],
)
def test_replacements_and_collaborations_are_job_postings_too(client, small_site, kind, employment_type):
    listing = ListingFactory(kind=kind, commune=small_site.communes["c"])
    data = json_ld(page(client, listing))
    assert data["@type"] == "JobPosting"
    assert data["employmentType"] == employment_type
    assert "baseSalary" not in data and "hiringOrganization" not in data


@pytest.mark.parametrize(
    "kind",
    [ListingKind.OFFICE, ListingKind.PRACTICE_TAKEOVER, ListingKind.PARTNERSHIP, ListingKind.INTERN_HOUSING],
)
def test_other_kinds_have_no_structured_data(client, small_site, kind):
    listing = ListingFactory(kind=kind, commune=small_site.communes["c"])
    html = page(client, listing)
    assert json_ld(html) is None
    assert 'rel="stylesheet"' in html.split("</head>", 1)[0]  # the map's assets are still in the head


def test_a_title_cannot_close_the_script_element(client, small_site):
    title = 'Poste </script><script>alert("x")</script> & <!-- ok'
    listing = ListingFactory(
        kind=ListingKind.SALARIED_POST, commune=small_site.communes["c"], title=title, slug="poste-piege"
    )
    html = page(client, listing)
    head = html.split("</head>", 1)[0]
    assert "<script>alert" not in head
    raw = JSON_LD.findall(head)[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw)["title"] == title


def test_the_json_is_escaped_like_json_script():
    script = json_ld_script({"title": "</script>&"})
    assert script == '<script type="application/ld+json">{"title": "\\u003C/script\\u003E\\u0026"}</script>'
    assert job_posting({"kind": "office"}) is None
    assert job_posting(None) is None


def test_a_fixed_pay_is_a_single_value():
    data = job_posting(
        {"kind": "salaried_post", "title": "Poste", "monthlyPayMinEur": 7000, "monthlyPayMaxEur": None}, region="Drôme"
    )
    assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", "unitText": "MONTH", "value": 7000}
    assert data["jobLocation"]["address"]["addressRegion"] == "Drôme"


def test_photo_links_without_alt_text_are_named_from_the_listing(client, small_site):
    described = ImageFactory(alt_text="Façade du cabinet")
    bare = ImageFactory(alt_text="")
    listing = ListingFactory(
        kind=ListingKind.OFFICE,
        title="Cabinet « Les Tilleuls »",
        commune=small_site.communes["c"],
        photos=[
            ListingPhoto(image=described, caption="", sort_order=0),
            ListingPhoto(image=bare, caption="", sort_order=1),
        ],
    )
    html = page(client, listing)
    gallery = html.split('class="gallery"', 1)[1].split("</section>", 1)[0]
    links = re.findall(r"<a [^>]*>.*?</a>", gallery, re.S)
    assert len(links) == 2
    assert "aria-label" not in links[0] and 'alt="Façade du cabinet"' in links[0]
    assert 'aria-label="Photo 2 de l\'annonce « Cabinet « Les Tilleuls » » – agrandir"' in links[1]
