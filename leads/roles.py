"""What each role may do with leads (SEC-1); synced to the role groups after every migrate.

Full phone numbers (`view_customer_phone`) go to the people who call customers: front desk,
customer-service agents, the customer manager and the design manager (second callbacks). A
lead's designer, the person who brought it and its owner see its number too (leads.queries.access);
everyone else — store manager, marketing manager, GM, HR — sees 138****5678.
"""

from staff.models import Role

SEES_ALL = ["leads.view_lead", "leads.view_all_leads"]
# Lifecycle (LIFE, CLOSE, CB, COM): the designer and the customer manager record measurements
# and contracts; the customer manager (and agents, for dead leads) propose closures, the design
# manager confirms them; HR and the GM mark commission paid and keep the commission rules.
MEASURES_AND_SIGNS = ["leads.add_measurement", "leads.add_contract"]
RULE_KEEPERS = [
    "leads.view_commissionrule",
    "leads.add_commissionrule",
    "leads.change_commissionrule",
]
CALLS_CUSTOMERS = ["leads.view_customer_phone"]
CARE_KEEPERS = [
    f"leads.{a}_{m}" for m in ("carepoint", "carepolicy") for a in ("view", "add", "change")
]
REWARD_KEEPERS = [f"leads.{a}_referralrewardpolicy" for a in ("view", "add", "change")]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.FRONT_DESK: [*SEES_ALL, *CALLS_CUSTOMERS, "leads.add_lead", "leads.change_lead"],
    Role.CS_AGENT: [
        *SEES_ALL,
        *CALLS_CUSTOMERS,
        "leads.add_lead",
        "leads.propose_closure",
        "leads.view_closure",
    ],
    Role.CUSTOMER_MANAGER: [
        *SEES_ALL,
        *CALLS_CUSTOMERS,
        "leads.add_lead",
        "leads.change_lead",
        "leads.export_customer_data",
        "leads.rule_ownership",
        "leads.dispatch_lead",
        "leads.add_privatecontactfinding",
        "leads.view_transferslip",
        "leads.export_slips",
        "leads.archive_filing",
        "leads.view_dailyfiling",
        "leads.view_phonelist",
        *MEASURES_AND_SIGNS,
        "leads.propose_closure",
        "leads.reopen_lead",
        "leads.view_closure",
        "leads.view_closure_analysis",
        "leads.view_all_callbacks",
        "leads.view_all_commission",
        "leads.view_commissionrule",
        *CARE_KEEPERS,
    ],
    Role.DESIGNER: ["leads.view_lead", *MEASURES_AND_SIGNS],
    Role.DESIGN_MANAGER: [
        *SEES_ALL,
        *CALLS_CUSTOMERS,
        "leads.view_transferslip",
        "leads.confirm_closure",
        "leads.view_closure",
        "leads.view_closure_analysis",
    ],
    Role.STORE_MANAGER: [*SEES_ALL, "leads.view_transferslip", "leads.sign_slip"],
    Role.MARKETING_SALES: [
        "leads.view_lead",
        "leads.add_transferslip",
        "leads.add_dailyfiling",
        "leads.view_phonelist",
    ],
    Role.MARKETING_MANAGER: [
        "leads.view_lead",
        "leads.view_transferslip",
        "leads.sign_slip",
        "leads.export_slips",
        "leads.add_dailyfiling",
        "leads.add_phonelist",
        "leads.view_phonelist",
    ],
    Role.ENGINEERING: ["leads.view_lead", "leads.add_dailyfiling"],
    Role.HR: [
        "leads.export_slips",
        "leads.view_all_commission",
        "leads.mark_commission_paid",
        *RULE_KEEPERS,
    ],
    Role.GM: [
        *SEES_ALL,
        "leads.export_customer_data",
        "leads.view_transferslip",
        "leads.export_slips",
        "leads.view_closure",
        "leads.view_closure_analysis",
        "leads.view_all_callbacks",
        "leads.view_all_commission",
        "leads.mark_commission_paid",
        *RULE_KEEPERS,
        *REWARD_KEEPERS,
    ],
}

# SEC-5: the admin shows these roles only the commission rules they keep (COM-1). Leads, claims
# and slips are worked on the app's pages; importing or exporting them in the admin is the
# administrator's alone.
ADMIN_ACCESS: dict[str, dict[str, str]] = {
    Role.HR: {"leads.commissionrule": "view add change"},
    Role.GM: {
        "leads.commissionrule": "view add change",
        "leads.referralrewardpolicy": "view add change",  # CARE-5: money, the GM's
    },
    # CARE-2/4: the customer manager keeps the care schedule's points and policy.
    Role.CUSTOMER_MANAGER: {
        "leads.carepoint": "view add change",
        "leads.carepolicy": "view add change",
    },
}
