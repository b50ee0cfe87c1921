"""manage.py seed_demo [--communes-file PATH] [--reset]

Builds a realistic French demo of the desk: communes and EPCIs, professions, the site tree,
partners, aids, the care offer, contributing organisations and listings in every moderation
state, the accompaniment's référents and fictitious cases. Idempotent: a second run creates
nothing. The steps live in provisioning/demo/, the content in provisioning/demo/content/.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from provisioning.demo import accompaniment, contributions, pages, territory
from provisioning.demo.context import SeedContext
from provisioning.demo.reset import reset_demo_content
from provisioning.demo.summary import summary_lines

DROP_EMAILS_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Crée un jeu de données de démonstration (communes enrichies, zonage fictif, pages, partenaires, "
        "aides, offre de soins, structures, annonces dans tous les états de modération, référents et "
        "dossiers d'accompagnement fictifs). "
        "Sans effet s'il est déjà en place. Données de démonstration – à vérifier."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--communes-file",
            default=None,
            help="Fichier GeoJSON des communes importé s'il n'y a encore aucune commune "
            "(par défaut : data/drome/communes-26-drome.geojson).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Supprime d'abord le contenu de démonstration (annonces, structures et comptes de démonstration, "
            "dossiers d'accompagnement de démonstration, "
            "établissements, page d'accueil de démonstration et ses sous-pages, images de la collection "
            "« Démonstration »). Les communes, EPCI et professions sont conservés.",
        )

    def handle(self, *args, communes_file=None, reset=False, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            # The demo creates contributor accounts sharing one published password.
            raise CommandError(
                "Données de démonstration refusées avec ces réglages (production) : elles créent des comptes "
                "au mot de passe public. Pour un vrai guichet, utilisez bootstrap_desk."
            )
        ctx = SeedContext()
        # Demo submissions and rejections must not e-mail the real moderators: Wagtail's
        # workflow notifications are sent synchronously, to a backend that drops them.
        with override_settings(EMAIL_BACKEND=DROP_EMAILS_BACKEND), transaction.atomic():
            if reset:
                reset_demo_content(ctx)
            self.run_steps(ctx, communes_file)
        for line in summary_lines(ctx):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Jeu de démonstration prêt."))

    def run_steps(self, ctx, communes_file):
        territory.ensure_communes(ctx, communes_file, stdout=self.stdout)
        territory.enrich_communes(ctx)
        territory.ensure_demo_addresses(ctx, stdout=self.stdout)
        territory.assign_demo_zonage(ctx)
        territory.seed_professions(ctx)
        territory.seed_audiences(ctx)
        pages.seed_images(ctx)
        pages.seed_site_tree(ctx)
        pages.seed_partners(ctx)
        pages.seed_aids(ctx)
        territory.seed_facilities(ctx)
        contributions.seed_moderator(ctx)
        contributions.seed_organisations(ctx)
        contributions.seed_listings(ctx)
        accompaniment.seed_accompaniment(ctx)
