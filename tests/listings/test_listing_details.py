"""The details per kind (dates, rhythm, contract, working time, pay, secretariat, housing,
intern places and price): French validation, the contributor and public forms, the admin."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from listings.models import Listing, ListingKind, ListingStatus
from provisioning.reference_lists import HEALTH_VOCABULARIES
from reference.vocabularies import Term, Vocabulary

from .conftest import error_messages, started_seconds_ago
from .conftest import make_listing as new_listing

pytestmark = pytest.mark.django_db

PUBLIC_URL = "/proposer-une-annonce/"


def make_listing(commune, **overrides):
    """A salaried post unless ``kind=`` says otherwise: the kind with the most details."""
    return new_listing(commune, **{"kind": ListingKind.SALARIED_POST, **overrides})


def health_detail_kinds():
    """{detail field: kinds that take it} in the health desk's seed (the default desk's terms)."""
    kinds = {}
    for entry in HEALTH_VOCABULARIES[Vocabulary.LISTING_KIND]:
        for name in entry["detail_fields"]:
            kinds.setdefault(name, []).append(entry["code"])
    return kinds


# --- The model's rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "details"),
    [
        (
            ListingKind.REPLACEMENT,
            {
                "available_from": datetime.date(2027, 7, 1),
                "available_until": datetime.date(2027, 8, 31),
                "replacement_rhythm": "occasional",
                "housing_included": True,
            },
        ),
        (
            ListingKind.SALARIED_POST,
            {
                "contract_type": "fixed_term",
                "working_time": "part_time",
                "working_time_details": "0,8 ETP",
                "monthly_pay_min_eur": 6500,
                "monthly_pay_max_eur": 6500,
                "housing_included": False,
                "available_until": datetime.date(2027, 12, 31),
            },
        ),
        (ListingKind.OFFICE, {"shared_secretariat": True, "surface_m2": Decimal("30")}),
        (ListingKind.COLLABORATION, {"shared_secretariat": False, "housing_included": True}),
        (ListingKind.INTERN_HOUSING, {"intern_places": 4, "intern_monthly_price_eur": Decimal("0")}),
    ],
)
def test_the_details_of_each_kind_are_accepted(valence, kind, details):
    listing = make_listing(valence, kind=kind, **details)
    listing.full_clean()
    listing.save()
    listing.refresh_from_db()
    for name, value in details.items():
        assert getattr(listing, name) == value, name


@pytest.mark.parametrize(("name", "kinds"), sorted(health_detail_kinds().items()))
def test_a_detail_given_for_another_kind_is_refused_not_dropped(valence, name, kinds):
    other_kind = next(kind for kind in ListingKind if kind not in kinds)
    value = {
        "available_until": datetime.date(2027, 8, 31),
        "replacement_rhythm": "regular",
        "contract_type": "permanent",
        "working_time": "full_time",
        "working_time_details": "Quatre jours",
        "monthly_pay_min_eur": 6000,
        "monthly_pay_max_eur": 7000,
        "housing_included": False,  # « Non » is an answer too
        "shared_secretariat": True,
        "intern_places": 2,
        "intern_monthly_price_eur": Decimal("150"),
    }[name]
    listing = make_listing(valence, kind=other_kind, **{name: value})
    assert error_messages(listing)[name] == [
        f"Ce champ ne concerne pas une annonce de type « {other_kind.label} » : videz-le ou changez le type d'annonce."
    ]
    assert getattr(listing, name) == value, "the value stays for the contributor to see and fix"


@pytest.mark.parametrize(
    ("kind", "details", "field", "message"),
    [
        (
            ListingKind.REPLACEMENT,
            {"available_from": datetime.date(2027, 8, 31), "available_until": datetime.date(2027, 7, 1)},
            "available_until",
            "La date de fin ne peut pas précéder la date de début.",
        ),
        (
            ListingKind.SALARIED_POST,
            {"monthly_pay_min_eur": 8000, "monthly_pay_max_eur": 6000},
            "monthly_pay_max_eur",
            "Le salaire maximum ne peut pas être inférieur au salaire minimum.",
        ),
        (
            ListingKind.SALARIED_POST,
            {"monthly_pay_min_eur": -1},
            "monthly_pay_min_eur",
            "Le salaire ne peut pas être négatif.",
        ),
        (
            ListingKind.SALARIED_POST,
            {"monthly_pay_max_eur": 90_000},
            "monthly_pay_max_eur",
            "Montant trop élevé pour un salaire mensuel : indiquez le brut par mois.",
        ),
        (ListingKind.INTERN_HOUSING, {"intern_places": 0}, "intern_places", "Indiquez au moins une place."),
        (ListingKind.INTERN_HOUSING, {"intern_places": 500}, "intern_places", "Indiquez au plus 200 places."),
        (
            ListingKind.INTERN_HOUSING,
            {"intern_monthly_price_eur": Decimal("-5")},
            "intern_monthly_price_eur",
            "Le prix ne peut pas être négatif.",
        ),
    ],
)
def test_inconsistent_details_get_a_french_message(valence, kind, details, field, message):
    listing = make_listing(valence, kind=kind, **details)
    assert error_messages(listing)[field] == [message]


def test_an_unknown_code_is_refused_in_french(valence):
    listing = make_listing(valence, contract_type="interim")
    assert "n’est pas un choix valide" in error_messages(listing)["contract_type"][0]


def test_an_unreadable_date_is_a_validation_error_not_a_crash(valence):
    listing = make_listing(valence, kind=ListingKind.REPLACEMENT, available_from="2027-07-01", available_until="demain")
    assert "available_until" in error_messages(listing)


# --- The forms ---------------------------------------------------------------------------------


@pytest.fixture
def post_data(listing_data):
    return {
        **listing_data,
        "kind": "salaried_post",
        "title": "Médecin généraliste salarié",
        "surface_m2": "",
        "monthly_rent_eur": "",
        "available_from": "2027-09-01",
        "available_until": "2028-08-31",
        "housing_included": "true",
        "contract_type": "fixed_term",
        "working_time": "part_time",
        "working_time_details": "Quatre jours par semaine",
        "monthly_pay_min_eur": "6500",
        "monthly_pay_max_eur": "7800",
        "shared_secretariat": "unknown",
    }


def test_the_forms_group_the_details_per_kind_with_legends_and_linked_help(client, members):
    client.force_login(members["alice"])
    pages = {"contributor": client.get(reverse("contributions:create")).content.decode()}
    client.logout()  # a signed-in member is sent from the public form to their space
    pages["public"] = client.get(PUBLIC_URL).content.decode()
    for url, html in pages.items():
        for legend in (
            "Conditions et disponibilité",
            "Pour un remplacement",
            "Pour un poste salarié",
            "Pour des locaux",
            "Pour un logement d&#x27;interne",
        ):
            assert f"<legend>{legend}</legend>" in html, (url, legend)
        assert 'data-listing-kinds="office practice_takeover collaboration partnership"' in html
        assert "Pour une annonce de type : Poste salarié." in html
        assert 'aria-describedby="id_monthly_pay_min_eur_helptext"' in html
        assert 'id="id_monthly_pay_min_eur_helptext"' in html
        assert '<option value="unknown" selected>Non précisé</option>' in html
        assert '<option value="" selected>Non précisé</option>' in html  # contract, rhythm, working time


def test_a_contributor_saves_the_details_and_finds_them_in_the_edit_form(client, members, post_data):
    client.force_login(members["alice"])
    response = client.post(reverse("contributions:create"), post_data)
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert (listing.contract_type, listing.working_time, listing.working_time_details) == (
        "fixed_term",
        "part_time",
        "Quatre jours par semaine",
    )
    assert (listing.monthly_pay_min_eur, listing.monthly_pay_max_eur) == (6500, 7800)
    assert (listing.available_from, listing.available_until) == (datetime.date(2027, 9, 1), datetime.date(2028, 8, 31))
    assert (listing.housing_included, listing.shared_secretariat) == (True, None)

    html = client.get(reverse("contributions:edit", args=[listing.pk])).content.decode()
    assert '<option value="fixed_term" selected>CDD</option>' in html
    assert '<option value="true" selected>Oui</option>' in html
    assert 'value="2028-08-31"' in html
    assert 'value="7800"' in html
    assert 'value="Quatre jours par semaine"' in html

    response = client.post(
        reverse("contributions:edit", args=[listing.pk]),
        {**post_data, "housing_included": "false", "monthly_pay_max_eur": ""},
    )
    assert response.status_code == 302
    latest = Listing.objects.get().get_latest_revision_as_object()
    assert (latest.housing_included, latest.monthly_pay_max_eur) == (False, None)


def test_a_bad_detail_in_the_contributor_form_shows_a_french_error_and_keeps_the_input(client, members, post_data):
    client.force_login(members["alice"])
    response = client.post(reverse("contributions:create"), {**post_data, "monthly_pay_max_eur": "5000"})
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Le salaire maximum ne peut pas être inférieur au salaire minimum." in html
    assert 'value="Quatre jours par semaine"' in html
    assert 'value="6500"' in html and 'value="5000"' in html
    assert 'value="2028-08-31"' in html
    assert '<option value="fixed_term" selected>CDD</option>' in html
    assert Listing.objects.count() == 0


@pytest.fixture
def public_submission(post_data):
    return {
        **post_data,
        "kind": "replacement",
        "contract_type": "",
        "working_time": "",
        "working_time_details": "",
        "monthly_pay_min_eur": "",
        "monthly_pay_max_eur": "",
        "available_from": "2027-07-01",
        "available_until": "2027-08-31",
        "replacement_rhythm": "occasional",
        "housing_included": "true",
        "started": started_seconds_ago(60),
        "submission_key": str(uuid.uuid4()),
        "website": "",
    }


def test_the_public_form_saves_a_replacement_with_its_dates_and_rhythm(client, public_submission):
    response = client.post(PUBLIC_URL, public_submission)
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert listing.status == ListingStatus.PENDING
    assert (listing.kind, listing.replacement_rhythm, listing.housing_included) == ("replacement", "occasional", True)
    assert (listing.available_from, listing.available_until) == (datetime.date(2027, 7, 1), datetime.date(2027, 8, 31))
    assert listing.contract_type == "" and listing.monthly_pay_min_eur is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"available_until": "2027-06-01"}, "available_until", "La date de fin ne peut pas précéder la date de début."),
        ({"available_until": "31/31/2027"}, "available_until", "Saisissez une date valide, par exemple"),
        ({"contract_type": "permanent"}, "contract_type", "ne concerne pas une annonce de type « Remplacement »"),
        ({"intern_places": "-2"}, "intern_places", "Indiquez au moins une place."),
        ({"replacement_rhythm": "daily"}, "replacement_rhythm", "Sélectionnez un choix valide."),
        ({"working_time_details": "x" * 200}, "working_time_details", "au plus 120 caractères"),
        ({"working_time_details": "Lundi\u200bmardi"}, "working_time_details", "caractères invisibles"),
    ],
)
def test_a_bad_detail_in_the_public_form_gets_a_french_error_and_loses_nothing(
    client, public_submission, changes, field, message
):
    response = client.post(PUBLIC_URL, {**public_submission, **changes})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert Listing.objects.count() == 0
    # Everything else the person typed is still there.
    assert 'value="Médecin généraliste salarié"' in html
    assert '<option value="occasional" selected>' in html or field == "replacement_rhythm"
    assert 'value="2027-07-01"' in html
    assert 'value="Claire Martin"' in html


# --- The admin ---------------------------------------------------------------------------------


def admin_data(listing, **changes):
    return {
        "kind": listing.kind,
        "title": listing.title,
        "slug": listing.slug,
        "summary": listing.summary,
        "description": "",
        "commune": str(listing.commune_id),
        "address": "",
        "location": listing.location,
        "conditions": "",
        "housing_included": "unknown",
        "shared_secretariat": "unknown",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "10",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1",
        **changes,
    }


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))
    return client


def test_the_admin_edit_view_shows_and_saves_the_details(admin_client, valence):
    listing = make_listing(valence)
    listing.save()
    url = f"/admin/snippets/listings/listing/edit/{listing.pk}/"
    html = admin_client.get(url).content.decode()
    assert "Détails selon le type d&#x27;annonce" in html
    assert "Pour un poste salarié" in html
    assert "Pour une annonce de type : Poste salarié." in html
    assert "En euros bruts par mois, pour le temps de travail indiqué." in html

    response = admin_client.post(
        url,
        admin_data(
            listing,
            contract_type="permanent",
            working_time="full_time",
            monthly_pay_min_eur="7000",
            monthly_pay_max_eur="8500",
            housing_included="true",
            available_until="2028-06-30",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Listing.objects.get(pk=listing.pk).get_latest_revision_as_object()
    assert (saved.contract_type, saved.working_time, saved.housing_included) == ("permanent", "full_time", True)
    assert (saved.monthly_pay_min_eur, saved.monthly_pay_max_eur) == (7000, 8500)
    assert saved.available_until == datetime.date(2028, 6, 30)


def test_the_admin_refuses_a_detail_of_another_kind_in_french(admin_client, valence):
    listing = make_listing(valence, kind=ListingKind.OFFICE)
    listing.save()
    response = admin_client.post(
        f"/admin/snippets/listings/listing/edit/{listing.pk}/",
        admin_data(listing, intern_places="3", monthly_pay_min_eur="-4"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ne concerne pas une annonce de type « Local professionnel disponible »" in html
    assert "Le salaire ne peut pas être négatif." in html
    assert Listing.objects.get(pk=listing.pk).intern_places is None


def test_the_moderators_preview_shows_the_details_of_the_kind(valence):
    from django.template.loader import render_to_string

    listing = make_listing(
        valence,
        kind=ListingKind.REPLACEMENT,
        replacement_rhythm="regular",
        available_until=datetime.date(2027, 8, 31),
        housing_included=True,
    )
    listing.save()
    rows = dict(listing.kind_details())
    assert rows["Logement fourni"] == "oui" and rows["Disponible jusqu'au"] == datetime.date(2027, 8, 31)
    assert "Rythme du remplacement" in rows and "Type de contrat" not in rows
    html = render_to_string("listings/listing.html", {"object": listing})
    assert "31 août 2027" in html and "Logement fourni" in html


# --- Kinds defined by the desk (reference.Term) ------------------------------------------------------


@pytest.fixture
def shared_flat(db):
    """A kind the desk added as data: a flat share for interns, which takes the intern places."""
    return Term.objects.create(
        vocabulary=Vocabulary.LISTING_KIND,
        code="colocation",
        label="Colocation d'internes",
        sort_order=8,
        detail_fields=["intern_places", "housing_included"],
    )


def test_a_desk_defined_kind_takes_the_details_it_names(valence, shared_flat):
    make_listing(valence, kind="colocation", intern_places=3, housing_included=True).full_clean()
    Term.objects.create(vocabulary=Vocabulary.LISTING_KIND, code="bureau", label="Bureau partagé")
    listing = make_listing(valence, kind="bureau", intern_places=3)
    assert error_messages(listing)["intern_places"] == [
        "Ce champ ne concerne pas une annonce de type « Bureau partagé » : videz-le ou changez le type d'annonce."
    ]


def test_a_kind_the_desk_does_not_have_is_refused(valence):
    assert error_messages(make_listing(valence, kind="colocation"))["kind"] == [
        "Type d'annonce inconnu pour ce guichet."
    ]


def test_the_preview_shows_the_details_a_desk_defined_kind_takes(valence, shared_flat):
    listing = make_listing(valence, kind="colocation", intern_places=3, housing_included=False)
    listing.save()
    assert dict(listing.kind_details()) == {"Places pour internes": 3, "Logement fourni": "non"}
    assert listing.kind_label == "Colocation d'internes"


def test_the_public_form_offers_only_the_desks_kinds(client, shared_flat):
    Term.objects.filter(vocabulary=Vocabulary.LISTING_KIND, code="partnership").delete()
    html = client.get(PUBLIC_URL).content.decode()
    select = html.split('name="kind"')[1].split("</select>")[0]
    assert '<option value="colocation">Colocation d&#x27;internes</option>' in select
    assert 'value="partnership"' not in select and 'value="office"' in select
    # The fieldsets of the details name the desk's kinds that take them.
    assert 'data-listing-kinds="intern_housing colocation"' in html
    assert "Pour une annonce de type : Logement pour internes ou Colocation d&#x27;internes." in html


def test_the_public_form_refuses_a_kind_the_desk_does_not_have(client, public_submission):
    response = client.post(PUBLIC_URL, {**public_submission, "kind": "partnership-x"})
    assert "Type d&#x27;annonce inconnu pour ce guichet : choisissez-en un dans la liste." in response.content.decode()
    assert Listing.objects.count() == 0


def test_the_admin_offers_the_desks_kinds_and_lists_their_labels(admin_client, valence, shared_flat):
    listing = make_listing(valence, kind="colocation", title="Colocation à Valence")
    listing.save()
    html = admin_client.get(f"/admin/snippets/listings/listing/edit/{listing.pk}/").content.decode()
    assert '<option value="colocation" selected>Colocation d&#x27;internes</option>' in html
    assert "Pour une annonce de type : Logement pour internes ou Colocation d&#x27;internes." in html
    listing_page = admin_client.get("/admin/snippets/listings/listing/").content.decode()
    assert "Colocation d&#x27;internes" in listing_page.split("<tbody")[-1]
    filtered = admin_client.get("/admin/snippets/listings/listing/", {"kind": "colocation"}).content.decode()
    assert "Colocation à Valence" in filtered
