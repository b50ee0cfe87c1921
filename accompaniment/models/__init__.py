from .cases import MANAGE_ALL_CASES, VIEW_CASE, Case, CaseQuerySet
from .rules import AssignmentRule
from .timeline import SHARED_KINDS, CaseAttachment, EntryKind, Interest, ReferralOutcome, TimelineEntry
from .vocabularies import (
    FINAL_STATES,
    NOT_A_CANDIDATE,
    REASON_REQUIRED,
    TRANSITIONS,
    UNDERWAY_STATES,
    CaseSource,
    CaseState,
    ClosingReason,
    Need,
    PreferredContact,
    Timing,
)

__all__ = [
    "MANAGE_ALL_CASES",
    "VIEW_CASE",
    "FINAL_STATES",
    "NOT_A_CANDIDATE",
    "REASON_REQUIRED",
    "SHARED_KINDS",
    "TRANSITIONS",
    "UNDERWAY_STATES",
    "AssignmentRule",
    "Case",
    "CaseAttachment",
    "CaseQuerySet",
    "CaseSource",
    "CaseState",
    "ClosingReason",
    "EntryKind",
    "Interest",
    "Need",
    "PreferredContact",
    "ReferralOutcome",
    "TimelineEntry",
    "Timing",
]
