"""Vocabularies as data (reference.Term): every site that exists gets the health desk's
listing kinds, facility kinds, aid types and zoning classes, from a frozen copy of today's
lists (a migration never imports code that evolves; tests/reference/test_vocabularies.py
checks it still equals provisioning/reference_lists.py). The code columns of HealthFacility
and ProfessionZoning lose their static choices and widen to 40 characters: the desk's terms
decide, and codes stay stored in the same columns (revisions keep them as they are)."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

HEALTH_SEED = {
    "listing_kind": [
        {"code": "office", "label": "Local professionnel disponible", "colour": "blue",
         "detail_fields": ["shared_secretariat"]},
        {"code": "practice_takeover", "label": "Cabinet à reprendre", "colour": "purple",
         "detail_fields": ["shared_secretariat"]},
        {"code": "salaried_post", "label": "Poste salarié", "colour": "green",
         "detail_fields": ["available_until", "contract_type", "working_time", "working_time_details",
                           "monthly_pay_min_eur", "monthly_pay_max_eur", "housing_included"]},
        {"code": "replacement", "label": "Remplacement", "colour": "orange",
         "detail_fields": ["available_until", "replacement_rhythm", "housing_included"]},
        {"code": "collaboration", "label": "Collaboration", "colour": "teal",
         "detail_fields": ["housing_included", "shared_secretariat"]},
        {"code": "partnership", "label": "Association", "colour": "brown",
         "detail_fields": ["shared_secretariat"]},
        {"code": "intern_housing", "label": "Logement pour internes", "colour": "red",
         "detail_fields": ["available_until", "intern_places", "intern_monthly_price_eur"]},
    ],
    "facility_kind": [
        {"code": "hospital", "label": "Centre hospitalier", "symbol": "H"},
        {"code": "cms", "label": "Centre médico-social du Département", "symbol": "CMS"},
        {"code": "msp", "label": "Maison de santé pluriprofessionnelle", "symbol": "MSP"},
        {"code": "health_centre", "label": "Centre de santé", "symbol": "CS"},
        {"code": "cpts", "label": "CPTS"},
        {"code": "practice", "label": "Cabinet médical"},
        {"code": "intern_housing", "label": "Maison des internes"},
    ],
    "aid_type": [
        {"code": "grant", "label": "Subvention"},
        {"code": "premium", "label": "Prime à l'installation"},
        {"code": "study_grant", "label": "Bourse d'études"},
        {"code": "fee_uplift", "label": "Majoration de rémunération"},
        {"code": "loan", "label": "Prêt à taux zéro"},
        {"code": "tax", "label": "Exonération fiscale"},
        {"code": "housing", "label": "Logement"},
        {"code": "support", "label": "Accompagnement"},
    ],
    "zoning_class": [
        {"code": "zip", "label": "ZIP – zone d'intervention prioritaire", "level": "priority"},
        {"code": "zac", "label": "ZAC – zone d'action complémentaire", "level": "underserved"},
        {"code": "hz", "label": "Hors zonage", "level": "other"},
        {"code": "tres_sous_dotee", "label": "Très sous-dotée", "level": "priority"},
        {"code": "sous_dotee", "label": "Sous-dotée", "level": "underserved"},
        {"code": "intermediaire", "label": "Intermédiaire", "level": "other"},
        {"code": "tres_dotee", "label": "Très dotée", "level": "other"},
        {"code": "sur_dotee", "label": "Sur-dotée", "level": "other"},
        {"code": "non_prioritaire", "label": "Non prioritaire", "level": "other"},
    ],
}  # fmt: skip


def seed_every_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Term = apps.get_model("reference", "Term")
    rows = []
    for site_id in Site.objects.order_by("pk").values_list("pk", flat=True):
        existing = set(Term.objects.filter(site_id=site_id).values_list("vocabulary", "code"))
        for vocabulary, entries in HEALTH_SEED.items():
            for position, entry in enumerate(entries, start=1):
                if (vocabulary, entry["code"]) in existing:
                    continue
                rows.append(
                    Term(
                        site_id=site_id,
                        vocabulary=vocabulary,
                        code=entry["code"],
                        label=entry["label"],
                        sort_order=position,
                        colour=entry.get("colour", ""),
                        symbol=entry.get("symbol", ""),
                        level=entry.get("level", ""),
                        detail_fields=list(entry.get("detail_fields", [])),
                    )
                )
    Term.objects.bulk_create(rows)


def noop(apps, schema_editor):
    """Going back drops the table: nothing to undo."""


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0006_desk_site"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="healthfacility",
            name="kind",
            field=models.CharField(max_length=40, verbose_name="type"),
        ),
        migrations.AlterField(
            model_name="professionzoning",
            name="zone_class",
            field=models.CharField(
                help_text="Une des classes de zonage du guichet (Référentiels › Vocabulaires) : pour la santé, ZIP, ZAC ou hors zonage pour les médecins généralistes, de « très sous-dotée » à « sur-dotée » (ou « non prioritaire ») pour les autres professions.",
                max_length=40,
                verbose_name="classe de zonage",
            ),
        ),
        migrations.CreateModel(
            name="Term",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "vocabulary",
                    models.CharField(
                        choices=[
                            ("listing_kind", "Types d'annonce"),
                            ("facility_kind", "Types d'offre de soins"),
                            ("aid_type", "Types d'aide"),
                            ("zoning_class", "Classes de zonage"),
                        ],
                        max_length=20,
                        verbose_name="vocabulaire",
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        help_text="Identifiant stable, utilisé par l'API, les données ouvertes et les imports (par exemple maison_sante). Il ne peut plus être modifié une fois le terme créé.",
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[a-z0-9_-]+\\Z",
                                "Le code ne peut contenir que des lettres minuscules sans accent, des chiffres, « - » et « _ » (par exemple maison_sante).",
                                code="invalid_code",
                            )
                        ],
                        verbose_name="code",
                    ),
                ),
                ("label", models.CharField(max_length=120, verbose_name="libellé")),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="ordre d'affichage")),
                (
                    "colour",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("blue", "Bleu"),
                            ("green", "Vert"),
                            ("orange", "Orange"),
                            ("purple", "Violet"),
                            ("red", "Rouge"),
                            ("teal", "Turquoise"),
                            ("brown", "Brun"),
                            ("grey", "Gris"),
                        ],
                        help_text="Types d'annonce et d'offre de soins : couleur du repère sur la carte et de l'étiquette.",
                        max_length=20,
                        verbose_name="couleur",
                    ),
                ),
                (
                    "symbol",
                    models.CharField(
                        blank=True,
                        help_text="Types d'offre de soins : quelques lettres (H, CMS, MSP…). Les établissements d'un type sans symbole ne figurent pas sur la carte des opportunités.",
                        max_length=6,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Za-z0-9]+\\Z",
                                "Le symbole ne peut contenir que des lettres sans accent et des chiffres (par exemple MSP).",
                            )
                        ],
                        verbose_name="symbole sur la carte",
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("priority", "Prioritaire (ZIP, très sous-dotée)"),
                            ("underserved", "Sous-dotée (ZAC, sous-dotée)"),
                            ("other", "Autre (ni prioritaire ni sous-dotée)"),
                        ],
                        help_text="Classes de zonage : ce que la classe vaut pour les conditions de zonage des aides.",
                        max_length=20,
                        verbose_name="niveau",
                    ),
                ),
                (
                    "detail_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Types d'annonce : les détails que ce type demande. Un détail non coché est refusé pour une annonce de ce type.",
                        verbose_name="détails de l'annonce",
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.site",
                        verbose_name="guichet",
                    ),
                ),
            ],
            options={
                "verbose_name": "terme de vocabulaire",
                "verbose_name_plural": "vocabulaires",
                "ordering": ["vocabulary", "sort_order", "label"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("site", "vocabulary", "code"),
                        name="reference_term_site_vocabulary_code_unique",
                        violation_error_message="Ce code existe déjà dans ce vocabulaire pour ce guichet.",
                    )
                ],
            },
        ),
        migrations.RunPython(seed_every_site, noop),
    ]
