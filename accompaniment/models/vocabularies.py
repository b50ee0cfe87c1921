"""The choices a case is written in: its states and the moves between them, the person's
needs, when they plan to settle, how they want to be contacted, why a case was closed."""

from django.db import models


class CaseState(models.TextChoices):
    NEW = "new", "Nouvelle demande"
    ASSIGNED = "assigned", "Attribuée à un référent"
    IN_PROGRESS = "in_progress", "Accompagnement en cours"
    INSTALLED = "installed", "Installé(e)"
    PAUSED = "paused", "En pause"
    CLOSED = "closed", "Close"


# Which state may follow which. An installed or closed case may be reopened (the person
# comes back), never silently: every move is logged with its reason.
TRANSITIONS = {
    CaseState.NEW: {CaseState.ASSIGNED, CaseState.IN_PROGRESS, CaseState.PAUSED, CaseState.CLOSED},
    CaseState.ASSIGNED: {CaseState.IN_PROGRESS, CaseState.INSTALLED, CaseState.PAUSED, CaseState.CLOSED},
    CaseState.IN_PROGRESS: {CaseState.INSTALLED, CaseState.PAUSED, CaseState.CLOSED},
    CaseState.PAUSED: {CaseState.IN_PROGRESS, CaseState.CLOSED},
    CaseState.INSTALLED: {CaseState.IN_PROGRESS},
    CaseState.CLOSED: {CaseState.IN_PROGRESS},
}
# States that end the accompaniment: the retention period runs from them.
FINAL_STATES = (CaseState.INSTALLED, CaseState.CLOSED)
# States in which the desk is accompanying the person (the « accompagnements en cours » figure).
UNDERWAY_STATES = (CaseState.ASSIGNED, CaseState.IN_PROGRESS)
# States whose move needs a written reason.
REASON_REQUIRED = (CaseState.PAUSED, CaseState.CLOSED)


class ClosingReason(models.TextChoices):
    INSTALLED_ELSEWHERE = "installed_elsewhere", "Installé(e) hors du territoire"
    ABANDONED = "abandoned", "Projet abandonné ou reporté sans date"
    NO_ANSWER = "no_answer", "Sans nouvelles de la personne"
    AT_REQUEST = "at_request", "À la demande de la personne"
    DUPLICATE = "duplicate", "Doublon ou demande non sérieuse"
    OTHER = "other", "Autre raison"


# Closed cases that never were a real person's request: not counted among candidates.
NOT_A_CANDIDATE = (ClosingReason.DUPLICATE,)


class Need(models.TextChoices):
    PREMISES = "premises", "Un local ou un cabinet"
    HOUSING = "housing", "Un logement"
    SPOUSE_JOB = "spouse_job", "Un emploi pour mon ou ma conjoint(e)"
    CHILDCARE_SCHOOL = "childcare_school", "Garde d'enfants, école"
    AIDS = "aids", "Les aides financières"
    REPLACEMENT_NETWORK = "replacement_network", "Un réseau de remplacement"
    INTERNSHIP = "internship", "Un terrain de stage"
    OTHER = "other", "Autre"


class Timing(models.TextChoices):
    WITHIN_6_MONTHS = "6_months", "Dans les 6 mois"
    WITHIN_A_YEAR = "1_year", "Dans 6 mois à 1 an"
    WITHIN_2_YEARS = "2_years", "Dans 1 à 2 ans"
    LATER = "later", "Dans plus de 2 ans"
    UNKNOWN = "unknown", "Je ne sais pas encore"


class PreferredContact(models.TextChoices):
    EMAIL = "email", "Par e-mail"
    PHONE = "phone", "Par téléphone"
    EITHER = "either", "L'un ou l'autre"


class CaseSource(models.TextChoices):
    FORM = "form", "Formulaire « Être accompagné(e) »"
    INTEREST = "interest", "« Je suis intéressé(e) » sur une annonce"
    STAFF = "staff", "Saisie par le guichet (appel, salon, courrier…)"
