"""Locust scenario: visitors on the map, commune pages and the aid finder, plus a trickle
of public submissions. Run by bench/load/run.py (headless), or by hand:

    .venv/bin/locust -f bench/load/locustfile.py --headless -u 20 -r 20 -t 60s --host http://127.0.0.1:8000

Submissions sign the form's "started" timestamp with the server's key: LOAD_SECRET_KEY
must equal the server's SECRET_KEY, and the server's PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR
must be high (every simulated visitor comes from 127.0.0.1).
"""

import os
import random
import re
import time
import uuid

from locust import HttpUser, between, constant, events, task

MAP_QUERY = "query MapListings($filter: ListingFilter) { listingMap(filter: $filter) }"
COMMUNES_QUERY = "{ communes(pagination: {limit: 100}) { results { slug name } } }"
STARTED_SALT = "listings.public-form.started"  # listings.forms.STARTED_SALT

COMMUNES = []


@events.test_start.add_listener
def load_communes(environment, **kwargs):
    """Communes to visit, read once through the public API."""
    import requests

    response = requests.post(environment.host + "/graphql/", json={"query": COMMUNES_QUERY}, timeout=30)
    response.raise_for_status()
    COMMUNES[:] = response.json()["data"]["communes"]["results"]


class Visitor(HttpUser):
    wait_time = between(0.5, 1.5)
    weight = 19

    @task(4)
    def map_query(self):
        self.client.post("/graphql/", json={"query": MAP_QUERY, "variables": {}}, name="carte (GraphQL listingMap)")

    @task(3)
    def commune_page(self):
        commune = random.choice(COMMUNES)  # noqa: S311
        self.client.get(f"/communes/{commune['slug']}/", name="page commune")

    @task(3)
    def aid_finder(self):
        commune = random.choice(COMMUNES)  # noqa: S311
        self.client.get("/aides/trouver/", params={"commune": commune["name"]}, name="trouver une aide")


class Submitter(HttpUser):
    """One visitor who proposes a listing every few seconds."""

    wait_time = constant(4)
    fixed_count = 1

    def on_start(self):
        from django.conf import settings

        if not settings.configured:
            settings.configure(SECRET_KEY=os.environ["LOAD_SECRET_KEY"], SECRET_KEY_FALLBACKS=[])

    @task
    def submit(self):
        from django.core import signing

        form = self.client.get("/proposer-une-annonce/", name="formulaire (affichage)")
        communes = re.findall(r'<option value="(\d+)"', form.text)
        professions = re.findall(r'name="professions" value="(\d+)"', form.text)
        started = signing.Signer(salt=STARTED_SALT).sign(str(int(time.time() - 30)))
        # Production cookies are Secure-only: a load test over plain HTTP sends it back by hand.
        token = form.cookies.get("csrftoken") or self.client.cookies.get("csrftoken", "")
        data = {
            "csrfmiddlewaretoken": token,
            "kind": "office",
            "title": f"Local de test de charge {uuid.uuid4().hex[:8]}",
            "summary": "Annonce créée par le test de charge.",
            "professions": professions[:1],
            "commune": communes[0] if communes else "",
            "address": "1 rue du Test",
            "latitude": "44.9334",
            "longitude": "4.8924",
            "contact-name": "Test de charge",
            "contact-email": "charge@example.org",
            "started": started,
            "submission_key": str(uuid.uuid4()),
            "website": "",
        }
        with self.client.post(
            "/proposer-une-annonce/",
            data=data,
            headers={"Cookie": f"csrftoken={token}"},
            allow_redirects=False,
            name="formulaire (envoi)",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"statut {response.status_code}")
