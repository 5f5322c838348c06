"""What each role may do at the front desk (SEC-1); synced to the role groups after migrate.

- Front desk: both logs, appointments, handover, the document register, their mood.
- Customer-service agents: the phone log, appointments, handover, their mood.
- Customer manager: everything, plus call imports, quality alerts and thresholds, sample houses,
  good cases.
- GM: reads everything and may mark good cases.
- Reports (RPT-1..4) are the reports app's (`reports/roles.py`).
"""

from staff.models import Role


def _crud(model: str, *actions: str) -> list[str]:
    return [f"frontdesk.{action}_{model}" for action in actions]


ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.FRONT_DESK: [
        *_crud("receptionentry", "view", "add"),
        *_crud("phoneconsultation", "view", "add"),
        *_crud("samplehouse", "view"),
        *_crud("appointment", "view", "add", "change"),
        *_crud("handovernote", "view", "add"),
        *_crud("document", "view", "add", "change"),
        *_crud("moodcheckin", "add"),
    ],
    Role.CS_AGENT: [
        *_crud("receptionentry", "view"),
        *_crud("phoneconsultation", "view", "add"),
        *_crud("samplehouse", "view"),
        *_crud("appointment", "view", "add", "change"),
        *_crud("handovernote", "view", "add"),
        *_crud("moodcheckin", "add"),
    ],
    Role.CUSTOMER_MANAGER: [
        *_crud("receptionentry", "view", "add"),
        *_crud("phoneconsultation", "view", "add"),
        *_crud("samplehouse", "view", "add", "change"),
        *_crud("appointment", "view", "add", "change"),
        *_crud("handovernote", "view", "add"),
        *_crud("document", "view", "add", "change"),
        *_crud("callrecord", "view", "add"),
        *_crud("agentdailymetric", "view"),
        *_crud("qualityalert", "view", "change"),
        *_crud("qualitypolicy", "view", "add", "change"),
        *_crud("moodcheckin", "view"),
        *_crud("goodcase", "view", "add"),
    ],
    Role.GM: [
        *_crud("receptionentry", "view"),
        *_crud("phoneconsultation", "view"),
        *_crud("samplehouse", "view"),
        *_crud("appointment", "view"),
        *_crud("handovernote", "view"),
        *_crud("document", "view"),
        *_crud("callrecord", "view"),
        *_crud("agentdailymetric", "view"),
        *_crud("qualityalert", "view"),
        *_crud("moodcheckin", "view"),
        *_crud("goodcase", "view", "add"),
    ],
}

# SEC-5: the customer manager keeps the hotline quality policy and the sample houses in the admin.
ADMIN_ACCESS: dict[str, dict[str, str]] = {
    Role.CUSTOMER_MANAGER: {
        "frontdesk.qualitypolicy": "view add change",
        "frontdesk.samplehouse": "view add change",
    },
}
