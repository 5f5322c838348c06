"""Front desk models by topic; import them from `frontdesk.models`."""

from .appointments import Appointment, AppointmentStatus, SampleHouse
from .documents import (
    CATEGORY_PREFIXES,
    Direction,
    Document,
    DocumentCategory,
    DocumentCounter,
)
from .handover import HandoverNote, Shift
from .hotline import (
    AgentDailyMetric,
    AlertKind,
    CallRecord,
    GoodCase,
    MoodCheckIn,
    QualityAlert,
    QualityPolicy,
)
from .logs import CallTopic, LeadLink, PhoneConsultation, ReceptionEntry, VisitPurpose
from .review import DailyReview

__all__ = [
    "CATEGORY_PREFIXES",
    "AgentDailyMetric",
    "AlertKind",
    "Appointment",
    "AppointmentStatus",
    "DailyReview",
    "CallRecord",
    "CallTopic",
    "Direction",
    "Document",
    "DocumentCategory",
    "DocumentCounter",
    "GoodCase",
    "HandoverNote",
    "LeadLink",
    "MoodCheckIn",
    "PhoneConsultation",
    "QualityAlert",
    "QualityPolicy",
    "ReceptionEntry",
    "SampleHouse",
    "Shift",
    "VisitPurpose",
]
