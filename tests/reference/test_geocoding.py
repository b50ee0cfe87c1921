import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.content_version import bump_content_version
from reference.geocoding import AddressMatch, LocalBanGeocoder, query_words, search_addresses
from reference.models import Address, AddressKind, Commune

URL = "/referentiels/adresses/"


def commune(code, name, population, latitude=44.75, longitude=5.37):
    return Commune.objects.create(
        insee_code=code,
        name=name,
        departement_code=code[:2],
        population=population,
        centroid_latitude=latitude,
        centroid_longitude=longitude,
    )


def address(commune, street, number=None, suffix="", postcode="26150", kind=None, ban_id=None, **extra):
    kind = kind or (AddressKind.HOUSENUMBER if number is not None else AddressKind.STREET)
    ban_id = ban_id or f"{commune.insee_code}_{abs(hash(street)) % 10_000:04d}_{number or 0:05d}{suffix}"
    return Address.objects.create(
        ban_id=ban_id,
        kind=kind,
        number=number,
        suffix=suffix,
        street_name=street,
        postcode=postcode,
        commune=commune,
        latitude=extra.pop("latitude", 44.749),
        longitude=extra.pop("longitude", 5.381),
        **extra,
    )


@pytest.fixture
def places():
    die = commune("26113", "Die", 4844)
    valence = commune("26362", "Valence", 64726, 44.92, 4.91)
    return {
        "die": die,
        "valence": valence,
        "die_square": address(die, "Place de la République"),
        "die_12": address(die, "Place de la République", 12),
        "die_12_bis": address(die, "Place de la République", 12, "bis"),
        "die_120": address(die, "Place de la République", 120),
        "die_1": address(die, "Place de la République", 1),
        "clairette": address(die, "Avenue de la Clairette", 12),
        "valence_12": address(valence, "Place de la République", 12, postcode="26000", latitude=44.93, longitude=4.89),
        "valence_square": address(valence, "Place de la République", postcode="26000", latitude=44.93, longitude=4.89),
    }


def labels(matches):
    return [match.label for match in matches]


@pytest.mark.django_db
def test_words_match_without_accents_case_or_punctuation(places):
    found = labels(search_addresses("RÉPUBLIQUE, die", limit=10))

    assert found[0] == "Place de la République 26150 Die"
    assert "12 Place de la République 26150 Die" in found
    assert not any("Valence" in label for label in found)
    assert labels(search_addresses("republique")) == labels(search_addresses("République"))


@pytest.mark.django_db
def test_a_number_first_puts_the_exact_number_first(places):
    found = search_addresses("12 pl rep die", limit=10)

    assert labels(found)[:2] == ["12 Place de la République 26150 Die", "12 bis Place de la République 26150 Die"]
    assert "120 Place de la République 26150 Die" in labels(found)
    assert "1 Place de la République 26150 Die" not in labels(found)  # every word must match
    assert found[0] == AddressMatch(
        label="12 Place de la République 26150 Die",
        latitude=44.749,
        longitude=5.381,
        commune_code="26113",
        commune="Die",
        kind="housenumber",
    )


@pytest.mark.django_db
def test_whole_words_come_before_prefixes(places):
    dieulefit = commune("26114", "Dieulefit", 3300)
    address(dieulefit, "Place de la République", 12, postcode="26220")

    found = labels(search_addresses("12 pl rep die", limit=10))

    assert found[:2] == ["12 Place de la République 26150 Die", "12 bis Place de la République 26150 Die"]
    assert "12 Place de la République 26220 Dieulefit" in found


@pytest.mark.django_db
def test_without_a_commune_larger_communes_come_first(places):
    assert labels(search_addresses("12 place de la republique", limit=2)) == [
        "12 Place de la République 26000 Valence",
        "12 Place de la République 26150 Die",
    ]


@pytest.mark.django_db
def test_commune_filter_takes_a_code_or_a_commune(places):
    by_code = labels(search_addresses("12 place republique", commune="26113", limit=10))
    by_commune = labels(search_addresses("12 place republique", commune=places["die"], limit=10))

    assert by_code == by_commune
    assert by_code and all(label.endswith("Die") for label in by_code)
    assert search_addresses("12 place republique", commune="26999") == []


@pytest.mark.django_db
def test_short_queries_find_nothing(places):
    assert search_addresses("12") == []
    assert search_addresses(" d-i ") == []
    assert search_addresses("die")


@pytest.mark.django_db
def test_communes_answer_when_no_address_matches():
    commune("26198", "Montélimar", 40000, 44.55, 4.75)
    commune("26063", "Buis-les-Baronnies", 2300, 44.27, 5.27)
    commune("07010", "Montélimar-sur-Ardèche (test)", 100, 44.5, 4.5)  # outside the territory

    found = search_addresses("montel")

    assert found == [AddressMatch("Montélimar", 44.55, 4.75, "26198", "Montélimar", "municipality")]
    assert labels(search_addresses("buis baronnies")) == ["Buis-les-Baronnies"]
    assert search_addresses("buis", commune="26198") == []


@pytest.mark.django_db
def test_a_commune_named_exactly_comes_before_its_addresses(places):
    found = search_addresses("Die", limit=3)

    assert found[0].kind == "municipality" and found[0].label == "Die"
    assert found[1].label == "Place de la République 26150 Die"  # then streets before numbers


@pytest.mark.django_db
def test_answers_are_cached_until_the_content_changes(places, django_assert_num_queries):
    search_addresses("12 pl rep die")
    with django_assert_num_queries(0):
        search_addresses("12  PL. rép, Die")
    Address.objects.filter(pk=places["die_12"].pk).update(latitude=44.7)
    bump_content_version()  # as an import does (reference/importers/command.py)
    assert search_addresses("12 pl rep die")[0].latitude == 44.7


# --- The endpoint -----------------------------------------------------------------------


@pytest.mark.django_db
def test_endpoint_contract(client, places):
    assert reverse("reference:address_search") == URL

    response = client.get(URL, {"q": "12 pl rep", "commune": "26113", "limit": "2"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "results": [
            {
                "label": "12 Place de la République 26150 Die",
                "latitude": 44.749,
                "longitude": 5.381,
                "commune_code": "26113",
                "commune": "Die",
                "kind": "housenumber",
            },
            {
                "label": "12 bis Place de la République 26150 Die",
                "latitude": 44.749,
                "longitude": 5.381,
                "commune_code": "26113",
                "commune": "Die",
                "kind": "housenumber",
            },
        ]
    }


@pytest.mark.django_db
def test_endpoint_default_limit_and_short_query(client, places):
    assert len(client.get(URL, {"q": "place republique"}).json()["results"]) == 5
    assert client.get(URL, {"q": "pl"}).json() == {"results": []}


@pytest.mark.parametrize(
    "params, message",
    [
        ({}, "Indiquez le texte à rechercher"),
        ({"q": "   "}, "Indiquez le texte à rechercher"),
        ({"q": "x" * 201}, "au plus 200 caractères"),
        ({"q": "die\x00"}, "caractère nul"),
        ({"q": "die", "limit": "0"}, "« limit » doit être un nombre entier de 1 à 10"),
        ({"q": "die", "limit": "11"}, "« limit » doit être un nombre entier de 1 à 10"),
        ({"q": "die", "limit": "deux"}, "« limit » doit être un nombre entier de 1 à 10"),
        ({"q": "die", "limit": "-1"}, "« limit » doit être un nombre entier de 1 à 10"),
        ({"q": "die", "commune": "Die"}, "« commune » doit être un code INSEE"),
        ({"q": "die", "commune": "261130"}, "« commune » doit être un code INSEE"),
    ],
)
@pytest.mark.django_db
def test_endpoint_refuses_bad_parameters_in_french(client, params, message):
    response = client.get(URL, params)

    assert response.status_code == 400
    assert message in response.json()["error"]


@pytest.mark.django_db
def test_endpoint_is_read_only(client):
    assert client.post(URL, {"q": "die"}).status_code == 405


@pytest.mark.slow
@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.django_db
def test_endpoint_query_count_does_not_grow_with_results(client, size, django_assert_num_queries):
    communes = [commune(f"26{100 + n:03d}", f"Commune {n}", 100 + n) for n in range(size)]
    for n, place in enumerate(communes):
        address(place, "Place de la République", n + 1, ban_id=f"{place.insee_code}_0001_{n + 1:05d}")
        address(place, "Place de la République", ban_id=f"{place.insee_code}_voie")

    # Communes list (cached per content version) + addresses: two queries, whatever the size;
    # + 2 the first time: the request's desk (its site by host, its settings), then cached.
    with django_assert_num_queries(4):
        assert len(client.get(URL, {"q": "place republique", "limit": "10"}).json()["results"]) == min(10, 2 * size)
    with django_assert_num_queries(1):
        assert client.get(URL, {"q": "republique", "limit": "10"}).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(URL, {"q": "republique", "limit": "10"}).status_code == 200


@pytest.mark.django_db
def test_commune_frame_endpoint(client):
    square = [[[5.0, 44.0], [5.2, 44.0], [5.2, 44.3], [5.0, 44.3], [5.0, 44.0]]]
    Commune.objects.create(
        insee_code="26113",
        name="Die",
        departement_code="26",
        boundary={"type": "Polygon", "coordinates": square},
        centroid_latitude=44.15,
        centroid_longitude=5.1,
    )

    response = client.get(reverse("reference:commune_frame", args=["26113"]))

    assert response.status_code == 200
    assert response.json() == {"code": "26113", "name": "Die", "centre": [44.15, 5.1], "bbox": [5.0, 44.0, 5.2, 44.3]}
    missing = client.get("/referentiels/communes/26999/cadre.json")
    assert missing.status_code == 404 and "inconnue" in missing.json()["error"]


@pytest.mark.django_db
def test_local_backend_ranks_streets_before_numbers_without_a_number(places):
    found = LocalBanGeocoder().search("place de la republique", commune_code="26113", limit=3)

    assert [match.kind for match in found] == ["street", "housenumber", "housenumber"]


# --- Bad input never costs a 500 or a long query ------------------------------------------


@pytest.mark.parametrize(
    "params, message",
    [
        # str.isdigit() accepts these, int() does not: they used to answer 500.
        ({"q": "rue", "limit": "²"}, "« limit » doit être un nombre entier de 1 à 10"),
        ({"q": "rue", "limit": "①"}, "« limit » doit être un nombre entier de 1 à 10"),
        ({"q": "rue", "limit": "٣"}, "« limit » doit être un nombre entier de 1 à 10"),  # Arabic-Indic 3
        ({"q": "rue", "limit": "３"}, "« limit » doit être un nombre entier de 1 à 10"),  # fullwidth 3
        ({"q": "rue", "limit": "003"}, "« limit » doit être un nombre entier de 1 à 10"),
        # \d of the INSEE pattern matches any Unicode digit unless compiled as ASCII.
        ({"q": "rue", "commune": "26１１３"}, "« commune » doit être un code INSEE"),  # fullwidth
        ({"q": "rue", "commune": "26١١٣"}, "« commune » doit être un code INSEE"),  # Arabic-Indic
        ({"q": "rue", "commune": "26113\x00"}, "« commune » doit être un code INSEE"),
        # A NUL has a message of its own (PostgreSQL refuses it in a string).
        ({"q": "die\x00"}, "caractère nul"),
    ],
)
@pytest.mark.django_db
def test_endpoint_refuses_unicode_digits_and_nul_in_french(client, params, message):
    response = client.get(URL, params)

    assert response.status_code == 400
    assert message in response.json()["error"]


@pytest.mark.django_db
def test_nul_is_not_called_too_long(client):
    assert "200 caractères" not in client.get(URL, {"q": "die\x00"}).json()["error"]


@pytest.mark.django_db
def test_lowercase_corsican_commune_code_is_accepted(client):
    assert client.get(URL, {"q": "rue", "commune": "2a004"}).status_code == 200


def address_sql(query, **options):
    """(number of queries, SQL of the addresses' query) for a local search."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        search_addresses(query, **options)
    statements = [entry["sql"] for entry in captured.captured_queries]
    address_queries = [sql for sql in statements if "search_text" in sql]
    return len(statements), (address_queries[0] if address_queries else "")


def like_count(sql):
    where, _, order = sql.upper().partition("ORDER BY")
    return where.count(" LIKE "), order.count(" LIKE ")


@pytest.mark.django_db
def test_many_words_run_a_bounded_query(places):
    normal_count, normal_sql = address_sql("12 place republique")
    assert like_count(normal_sql) == (3, 3)

    # 66 distinct words of two letters and the useful ones: at most 6 words reach the SQL.
    filler = " ".join(f"{first}{second}" for first in "bcdfghjk" for second in "aeiouyzw")[:150]
    many_count, many_sql = address_sql(f"12 {filler} place republique")
    where_likes, order_likes = like_count(many_sql)

    assert many_count == normal_count
    assert where_likes <= 6 and order_likes <= 6


@pytest.mark.django_db
def test_repeated_and_one_letter_words_are_left_out(places):
    _count, sql = address_sql(" ".join(["a"] * 99))  # passes the 3-character minimum
    assert sql == ""  # nothing left to search: no address query at all
    assert search_addresses(" ".join(["a"] * 99)) == []

    _count, sql = address_sql(" ".join(["republique"] * 50))
    assert like_count(sql) == (1, 1)

    # The number and the longest words are kept, in the query's order (the number still leads).
    assert labels(search_addresses("12 a b c d e f g h place de la republique die", limit=2)) == [
        "12 Place de la République 26150 Die",
        "12 bis Place de la République 26150 Die",
    ]


def test_query_words_keep_numbers_and_the_longest_words():
    tokens = ["12", "a", "b", "de", "la", "la", "republique", "place", "7", "die", "x"]

    # Repeats and one-letter words go; of « de » and « la » (as long), the first one stays.
    assert query_words(tokens) == ["12", "de", "republique", "place", "7", "die"]
    assert query_words(["1", "a", "die"]) == ["1", "die"]
    assert query_words([str(n) for n in range(20)]) == [str(n) for n in range(10, 16)]


@pytest.mark.parametrize(
    "code",
    [
        "x" * 5000,  # used to be echoed back whole
        "26113x",
        "2611",
        "<script>",
        "26１１３",  # fullwidth digits
        "99999",  # not a département
    ],
)
@pytest.mark.django_db
def test_commune_frame_takes_only_insee_codes(client, code):
    response = client.get(f"/referentiels/communes/{code}/cadre.json")

    assert response.status_code == 404
    # The site's own « page introuvable », not the view's JSON that named the code.
    assert not response["Content-Type"].startswith("application/json")
    assert f"« {code} »" not in response.content.decode()


@pytest.mark.django_db
def test_commune_frame_code_forms(client):
    Commune.objects.create(insee_code="2A004", name="Ajaccio", departement_code="2A")

    assert client.get("/referentiels/communes/2a004/cadre.json").json()["code"] == "2A004"
    # The pickers' template reverses the URL with a placeholder code and puts the commune's in.
    placeholder = reverse("reference:commune_frame", args=["00000"])
    assert placeholder == "/referentiels/communes/00000/cadre.json"
    assert client.get(placeholder).status_code == 404
