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
