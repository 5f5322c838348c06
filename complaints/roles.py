"""Complaint permissions per role (CMP-1: customer service registers centrally; SEC-1).

Who takes each handling step is decided by complaints.rules (StepPolicy), not by these.
"""

from staff.models import Role

REGISTER = "complaints.register_complaint"
READ = ["complaints.view_register", "complaints.view_complaint"]
PHONE = "complaints.view_complainant_phone"
SETTINGS = [
    "complaints.view_complaintcategory",
    "complaints.add_complaintcategory",
    "complaints.change_complaintcategory",
    "complaints.view_stepdeadline",
    "complaints.change_stepdeadline",
    "complaints.view_escalation",
]

ROLE_PERMISSIONS = {
    Role.FRONT_DESK: [REGISTER, *READ],
    Role.CS_AGENT: [REGISTER, *READ, PHONE],
    Role.CUSTOMER_MANAGER: [
        REGISTER,
        *READ,
        PHONE,
        "complaints.export_complaints",
        "complaints.import_complaints",
        *SETTINGS,
    ],
    Role.DESIGN_MANAGER: READ,
    Role.GM: [*READ, "complaints.export_complaints", "complaints.view_escalation"],
}

# SEC-5: the customer manager keeps categories and step deadlines and imports historical
# complaints in the admin; the register is exported (masked per SEC-1, logged) by the customer
# manager and the GM.
ADMIN_ACCESS: dict[str, dict[str, str]] = {
    Role.CUSTOMER_MANAGER: {
        "complaints.complaint": "view import export",
        "complaints.complaintcategory": "view add change",
        "complaints.stepdeadline": "view change",
    },
    Role.GM: {"complaints.complaint": "view export"},
}
