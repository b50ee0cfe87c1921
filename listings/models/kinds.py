"""The health desk's listing kinds and the vocabularies of the details (codes in English,
labels in French).

Listing kinds are data (reference.Term, vocabulary « Types d'annonce »): each desk has its
own, with the details each takes. ListingKind stays as the health desk's seed codes and as
the members of the deprecated ListingKind API enum (graphql_api/enums.py); nothing else
should read it. The detail vocabularies below are rules of the product, kept in code.
"""

from django.db import models


class ListingKind(models.TextChoices):
    """The health desk's seed (provisioning/reference_lists.py) and the legacy API enum."""

    OFFICE = "office", "Local professionnel disponible"
    PRACTICE_TAKEOVER = "practice_takeover", "Cabinet à reprendre"
    SALARIED_POST = "salaried_post", "Poste salarié"
    REPLACEMENT = "replacement", "Remplacement"
    COLLABORATION = "collaboration", "Collaboration"
    PARTNERSHIP = "partnership", "Association"
    INTERN_HOUSING = "intern_housing", "Logement pour internes"


class ReplacementRhythm(models.TextChoices):
    OCCASIONAL = "occasional", "Ponctuel (congés, formation…)"
    REGULAR = "regular", "Régulier (jours fixes chaque semaine ou chaque mois)"
    LONG_TERM = "long_term", "Longue durée (congé maternité, maladie…)"


class ContractType(models.TextChoices):
    PERMANENT = "permanent", "CDI"
    FIXED_TERM = "fixed_term", "CDD"
    PUBLIC_SERVICE = "public_service", "Fonction publique (titulaire ou contractuel)"
    SESSIONAL = "sessional", "Vacations (praticien attaché, vacataire)"
    OTHER = "other", "Autre contrat"


class WorkingTime(models.TextChoices):
    FULL_TIME = "full_time", "Temps plein"
    PART_TIME = "part_time", "Temps partiel"
    EITHER = "either", "Temps plein ou partiel, au choix"
