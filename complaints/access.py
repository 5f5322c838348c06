"""Who may see a complaint, and how much of it (CMP-5, SEC-1): one answer for its pages."""

from dataclasses import dataclass

from core.access import Access

VIEW_REGISTER = "complaints.view_register"
SEE_PHONE = "complaints.view_complainant_phone"


@dataclass(frozen=True)
class ComplaintAccess(Access):
    can_view: bool  # the register's readers, and the department responsible for handling it
    full_phone: bool  # SEC-1: full numbers only for roles that call customers back


def complaint_access(user, complaint) -> ComplaintAccess:
    """What `user` may see of `complaint`; the steps they may take are the rules' to say."""
    return ComplaintAccess(
        can_view=user.has_perm(VIEW_REGISTER) or complaint.is_responsible(user),
        full_phone=user.has_perm(SEE_PHONE),
    )
