"""Forms of the leads pages: they check the shape of input; services decide the rest.

One module per topic; the lifecycle's and customer care's forms are imported from
`leads.forms.lifecycle` and `leads.forms.care`. The names below keep `from leads.forms import X`
working for the lead's own pages.
"""

from .common import DATE, BoundedDates, Select, active_staff, blank, choices_from, designers
from .filing import FilingEntryForm, ReasonForm, UploadForm
from .leads import (
    CustomerFields,
    IntakeForm,
    LeadEditForm,
    LeadFilterForm,
    PrivateContactForm,
    RecordVisitForm,
    RulingForm,
)
from .phone_lists import PhoneListFilterForm, PhoneListImportForm
from .slips import HrSlipFilterForm, MarketingLeadForm, SlipFilterForm, SlipForm

__all__ = [
    "DATE",
    "BoundedDates",
    "CustomerFields",
    "FilingEntryForm",
    "HrSlipFilterForm",
    "IntakeForm",
    "LeadEditForm",
    "LeadFilterForm",
    "MarketingLeadForm",
    "PhoneListFilterForm",
    "PhoneListImportForm",
    "PrivateContactForm",
    "ReasonForm",
    "RecordVisitForm",
    "RulingForm",
    "Select",
    "SlipFilterForm",
    "SlipForm",
    "UploadForm",
    "active_staff",
    "blank",
    "choices_from",
    "designers",
]
