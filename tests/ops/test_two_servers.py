"""Stateless app servers: two gunicorn servers on different ports share one PostgreSQL
database and one Redis, and behave as one site.

A visitor proposes a listing on server A; a moderator signs in on A and approves on B
(the session lives in the database and Redis, not in A's memory); the cached GraphQL
answers of both servers then show the listing (the content version in Redis changed);
the public form's rate limit counts submissions made on either server.
"""

import time
import uuid

import requests
from django.core import signing

from .conftest import REDIS_TEST_URL, base_env, pg_url, requires_postgres, requires_redis, run_script

pytestmark = [requires_postgres, requires_redis]

QUERY = "{ listings { totalCount results { title } } }"
TITLE = "Cabinet partagé à Die (test deux serveurs)"

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from reference.models import Commune, Profession
commune = Commune.objects.create(insee_code="26113", name="Die")
profession = Profession.objects.create(name="Médecin généraliste", slug="medecin-generaliste")
user = get_user_model().objects.create_user("moderatrice", "moderatrice@example.org", "motdepasse-moderatrice")
user.groups.add(Group.objects.get(name="Modérateurs"))
print(json.dumps({"commune": commune.pk, "profession": profession.pk}))
"""

APPROVE_URL = """
import json
from listings.models import Listing
listing = Listing.objects.get(title=%r)
state = listing.current_workflow_state.current_task_state
name = Listing.snippet_viewset.get_url_name("workflow_action")
from django.urls import reverse
print(json.dumps({"url": reverse(name, args=(listing.pk, "approve", state.pk)), "live": listing.live}))
"""


def graphql(server):
    response = requests.get(server.url + "/graphql/", params={"query": QUERY}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["data"]["listings"], response.headers.get("X-Cache")


def csrf_token(session, url):
    response = session.get(url, timeout=10)
    assert response.status_code == 200, response.text[:500]
    return session.cookies["csrftoken"]


SECRET_KEY_FOR_SERVERS = base_env()["SECRET_KEY"]


def signed_started(seconds_ago):
    from listings.forms import STARTED_SALT

    return signing.Signer(key=SECRET_KEY_FOR_SERVERS, salt=STARTED_SALT).sign(str(int(time.time() - seconds_ago)))


def submission(ids):
    return {
        "kind": "office",
        "title": TITLE,
        "summary": "Local de 30 m² dans une maison de santé.",
        "professions": [str(ids["profession"])],
        "commune": str(ids["commune"]),
        "address": "1 place de la République",
        "latitude": "44.7530",
        "longitude": "5.3700",
        "contact-name": "Claire Martin",
        "contact-email": "claire.martin@example.org",
        "started": signed_started(60),
        "submission_key": str(uuid.uuid4()),
        "website": "",
    }


def test_submission_on_a_moderation_on_b_cache_invalidated_on_both(fresh_database, redis_prefix, app_server):
    database = fresh_database("two")
    env = base_env(
        DATABASE_URL=pg_url(database),
        REDIS_URL=REDIS_TEST_URL,
        CACHE_KEY_PREFIX=redis_prefix,
        PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR=1,
    )
    ids = run_script(SETUP, env=env)
    server_a = app_server(env, name="a")
    server_b = app_server(env, name="b")
    assert server_a.port != server_b.port

    # Both servers answer and cache the empty list.
    for server in (server_a, server_b):
        assert graphql(server)[0]["totalCount"] == 0
        listings, cache_status = graphql(server)
        assert (listings["totalCount"], cache_status) == (0, "HIT")

    # A visitor proposes a listing on A: it waits for moderation, invisible on both.
    visitor = requests.Session()
    token = csrf_token(visitor, server_a.url + "/proposer-une-annonce/")
    response = visitor.post(
        server_a.url + "/proposer-une-annonce/",
        data={**submission(ids), "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=20,
    )
    assert response.status_code == 302, response.text[:2000]
    assert response.headers["Location"].endswith("/proposer-une-annonce/merci/")
    for server in (server_a, server_b):
        assert graphql(server)[0]["totalCount"] == 0

    # The moderator signs in on A …
    moderator = requests.Session()
    token = csrf_token(moderator, server_a.url + "/admin/login/")
    response = moderator.post(
        server_a.url + "/admin/login/",
        data={"username": "moderatrice", "password": "motdepasse-moderatrice", "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=20,
    )
    assert response.status_code == 302, response.text[:2000]
    # … and her session works on B: it is stored in the database and Redis, not in A.
    dashboard = moderator.get(server_b.url + "/admin/", allow_redirects=False, timeout=20)
    assert dashboard.status_code == 200

    # She approves on B through Wagtail's workflow action.
    approve = run_script(APPROVE_URL % TITLE, env=env)
    assert approve["live"] is False
    response = moderator.post(
        server_b.url + approve["url"],
        data={"csrfmiddlewaretoken": moderator.cookies["csrftoken"]},
        headers={"Referer": server_b.url + "/admin/"},
        allow_redirects=False,
        timeout=20,
    )
    assert response.status_code == 302, response.text[:2000]

    # Both servers' cached answers were invalidated: the listing is public on A and B.
    for server in (server_a, server_b):
        listings, cache_status = graphql(server)
        assert cache_status == "MISS"
        assert [item["title"] for item in listings["results"]] == [TITLE]

    # The rate limit (1 per hour here) counted A's submission: B refuses the next one.
    token = csrf_token(visitor, server_b.url + "/proposer-une-annonce/")
    response = visitor.post(
        server_b.url + "/proposer-une-annonce/",
        data={**submission(ids), "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=20,
    )
    assert response.status_code == 429
    assert "Trop d'envois" in response.text

    # Nothing of this went to local files or process memory of A or B: the keys are in Redis.
    import redis

    keys = [key.decode() for key in redis.Redis.from_url(REDIS_TEST_URL).scan_iter(f"{redis_prefix}:*")]
    assert any("graphql_api:content-version" in key for key in keys)
    assert any("ratelimit:public-form" in key for key in keys)  # core/ratelimit.py
    assert any("django.contrib.sessions" in key for key in keys)
