"""Admin for leads, ownership, slips, filings, phone lists and the configuration rows.

Leads, claims and slips import and export (all-or-nothing imports). Rows that record evidence or
decisions (events, rulings, signatures) are read-only here: they change only through services.
"""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Callback,
    CallbackPolicy,
    CareFeedback,
    CarePlan,
    CarePoint,
    CarePolicy,
    ClaimPolicy,
    Closure,
    CommissionEntry,
    CommissionMonth,
    CommissionRule,
    Contract,
    DailyFiling,
    FilingEntry,
    Greeting,
    Lead,
    LeadEvent,
    Measurement,
    OwnershipClaim,
    OwnershipRuling,
    PhoneList,
    PhoneListEntry,
    PrivateContactFinding,
    Referral,
    ReferralReward,
    ReferralRewardPolicy,
    SizeThreshold,
    SlipSignature,
    TransferSlip,
)
from .resources import ClaimResource, LeadResource, SlipResource


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ClaimInline(ReadOnlyInline):
    model = OwnershipClaim
    fields = ["claimant", "basis", "source", "recorded_at", "consultation_date", "note"]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = LeadEvent
    fields = ["at", "kind", "text", "actor"]
    readonly_fields = fields


@admin.register(Lead)
class LeadAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [LeadResource]
    phone_fields = ("phone",)
    list_display = [
        "id",
        "customer_name",
        "community",
        "channel",
        "size_class",
        "state",
        "owner",
        "designer",
        "consultation_date",
    ]
    list_filter = ["state", "channel", "size_class", "consultation_date", "created_at"]
    search_fields = ["customer_name", "phone", "community", "building"]
    list_select_related = ["owner", "designer"]
    raw_id_fields = ["brought_by", "owner", "designer", "created_by"]
    readonly_fields = ["address_key", "state", "owner", "designer", "dispatched_at", "closed_at"]
    date_hierarchy = "created_at"
    inlines = [ClaimInline, EventInline]


@admin.register(OwnershipClaim)
class OwnershipClaimAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [ClaimResource]
    list_display = ["lead", "claimant", "basis", "source", "recorded_at", "has_complete_details"]
    list_filter = ["basis", "source", "has_complete_details", "recorded_at"]
    search_fields = ["lead__customer_name", "lead__phone", "claimant__name"]
    list_select_related = ["lead", "claimant"]
    raw_id_fields = ["lead", "claimant", "recorded_by"]


@admin.register(OwnershipRuling)
class OwnershipRulingAdmin(SimpleHistoryAdmin):
    list_display = ["lead", "kind", "owner", "decided_by", "ruled_by", "ruled_at"]
    list_filter = ["kind", "decided_by", "ruled_at"]
    search_fields = ["lead__customer_name", "reason"]
    list_select_related = ["lead", "owner", "ruled_by"]
    readonly_fields = [f.name for f in OwnershipRuling._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(PrivateContactFinding)
class PrivateContactFindingAdmin(SimpleHistoryAdmin):
    list_display = ["lead", "designer", "recorded_by", "recorded_at"]
    list_filter = ["recorded_at"]
    search_fields = ["lead__customer_name", "designer__name", "description"]
    list_select_related = ["lead", "designer", "recorded_by"]
    raw_id_fields = ["lead", "designer", "recorded_by"]


class SignatureInline(ReadOnlyInline):
    model = SlipSignature
    fields = ["step", "signer", "on_behalf_of", "signed_at"]
    readonly_fields = fields


@admin.register(TransferSlip)
class TransferSlipAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [SlipResource]
    list_display = ["lead", "salesperson", "filled_at", "designer", "dispatched_at"]
    list_filter = ["filled_at", "dispatched_at", "salesperson"]
    search_fields = ["lead__customer_name", "salesperson__name"]
    list_select_related = ["lead", "salesperson", "designer"]
    raw_id_fields = ["lead", "salesperson", "preferred_designer", "designer", "dispatched_by"]
    inlines = [SignatureInline]


class FilingEntryInline(admin.TabularInline):
    model = FilingEntry
    extra = 0
    fields = ["customer_name", "phone", "community", "building", "consultation_date", "outcome"]
    readonly_fields = ["outcome"]


@admin.register(DailyFiling)
class DailyFilingAdmin(SimpleHistoryAdmin):
    list_display = ["filing_date", "filed_by", "department", "status", "confirmed_by"]
    list_filter = ["status", "department", "filing_date"]
    search_fields = ["filed_by__name"]
    list_select_related = ["filed_by", "confirmed_by"]
    raw_id_fields = ["filed_by", "confirmed_by", "archived_by"]
    inlines = [FilingEntryInline]


class PhoneListEntryInline(admin.TabularInline):
    model = PhoneListEntry
    extra = 0


@admin.register(PhoneList)
class PhoneListAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "imported_by", "imported_at"]
    list_filter = ["imported_at"]
    search_fields = ["name", "community", "entries__phone"]
    raw_id_fields = ["imported_by"]
    inlines = [PhoneListEntryInline]


@admin.register(SizeThreshold)
class SizeThresholdAdmin(SimpleHistoryAdmin):
    list_display = ["effective_from", "medium_from", "large_from", "note"]


@admin.register(ClaimPolicy)
class ClaimPolicyAdmin(SimpleHistoryAdmin):
    list_display = [
        "effective_from",
        "rank_appointment",
        "rank_customer_statement",
        "rank_archive_record",
        "rank_first_contact",
        "archive_backdate_days",
        "private_contact_void_scope",
    ]


@admin.register(LeadEvent)
class LeadEventAdmin(admin.ModelAdmin):
    list_display = ["at", "lead", "kind", "text", "actor"]
    list_filter = ["kind", "at"]
    search_fields = ["lead__customer_name", "text"]
    list_select_related = ["lead", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# --- lifecycle: measurement, contracts, closures, callbacks, commission (LIFE, CLOSE, CB, COM) --
# Rows that record events and money move only through leads.services; the admin shows them
# read-only. Managers edit the configuration rows: commission rules and callback delays.


class ServiceOnlyAdmin(SimpleHistoryAdmin):
    """Read-only rows: they change through the services, which keep the audit and the ledger."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Measurement)
class MeasurementAdmin(ServiceOnlyAdmin):
    list_display = ["lead", "measured_on", "designer", "recorded_by", "recorded_at"]
    list_filter = ["measured_on"]
    search_fields = ["lead__customer_name", "designer__name"]
    list_select_related = ["lead", "designer", "recorded_by"]


class CommissionEntryInline(ReadOnlyInline):
    model = CommissionEntry
    fk_name = "contract"
    fields = ["kind", "staff", "role", "amount", "month", "void_reason", "rule"]
    readonly_fields = fields


@admin.register(Contract)
class ContractAdmin(ServiceOnlyAdmin):
    list_display = ["number", "lead", "contract_type", "amount", "signed_on", "designer"]
    list_filter = ["contract_type", "signed_on", "signed_by_design_department"]
    search_fields = ["number", "lead__customer_name", "designer__name"]
    list_select_related = ["lead", "designer"]
    date_hierarchy = "signed_on"
    inlines = [CommissionEntryInline]


@admin.register(Closure)
class ClosureAdmin(ServiceOnlyAdmin):
    list_display = ["lead", "kind", "reason", "status", "proposed_by", "proposed_at", "decided_by"]
    list_filter = ["status", "kind", "reason", "proposed_at"]
    search_fields = ["lead__customer_name", "customer_words", "explanation"]
    list_select_related = ["lead", "proposed_by", "decided_by"]


@admin.register(Callback)
class CallbackAdmin(ServiceOnlyAdmin):
    list_display = ["lead", "kind", "assignee", "due_at", "done_at", "reminded_at", "escalated_at"]
    list_filter = ["kind", "due_at", "done_at"]
    search_fields = ["lead__customer_name", "assignee__name", "outcome"]
    list_select_related = ["lead", "assignee"]


@admin.register(CallbackPolicy)
class CallbackPolicyAdmin(SimpleHistoryAdmin):
    list_display = [
        "effective_from",
        "after_dispatch_hours",
        "after_measurement_hours",
        "closure_pending_hours",
        "escalate_after_hours",
    ]


@admin.register(CommissionRule)
class CommissionRuleAdmin(SimpleHistoryAdmin):
    """COM-1: a new rate is a new row with a later 'valid from'; contracts signed earlier keep
    the amount of the rule in force on their signing day."""

    list_display = [
        "role",
        "contract_type",
        "amount",
        "valid_from",
        "valid_to",
        "requires_design_department",
    ]
    list_filter = ["role", "contract_type"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.entries.exists()  # entries point at the rule they used


@admin.register(CommissionEntry)
class CommissionEntryAdmin(ServiceOnlyAdmin):
    list_display = ["month", "staff", "role", "kind", "amount", "void_reason", "contract"]
    list_filter = ["month", "role", "kind", "void_reason"]
    search_fields = ["staff__name", "contract__number"]
    list_select_related = ["staff", "contract"]


@admin.register(CommissionMonth)
class CommissionMonthAdmin(ServiceOnlyAdmin):
    list_display = ["month", "paid_at", "paid_by", "note"]
    list_select_related = ["paid_by"]


# --- care after signing (CARE-2..5): the policy rows managers edit; the rest moves only through
# leads.services.care / referrals / occasions and is shown read-only.


@admin.register(CarePoint)
class CarePointAdmin(SimpleHistoryAdmin):
    """CARE-2: the points of the care schedule; a change applies to contracts signed later."""

    list_display = ["name", "anchor", "offset_days", "question", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(CarePolicy)
class CarePolicyAdmin(SimpleHistoryAdmin):
    list_display = [
        "effective_from",
        "start_after_days",
        "construction_days",
        "warranty_months",
        "low_score",
        "call_hour",
    ]


@admin.register(ReferralRewardPolicy)
class ReferralRewardPolicyAdmin(SimpleHistoryAdmin):
    """CARE-5: the reward in force on the referred lead's signing day is recorded once."""

    list_display = ["effective_from", "kind", "amount", "gift"]


@admin.register(CarePlan)
class CarePlanAdmin(ServiceOnlyAdmin):
    list_display = ["contract", "status", "starts_on", "completes_on", "warranty_ends_on"]
    list_filter = ["status"]
    search_fields = ["contract__number", "contract__lead__customer_name"]
    list_select_related = ["contract"]


@admin.register(CareFeedback)
class CareFeedbackAdmin(ServiceOnlyAdmin):
    list_display = ["lead", "designer", "satisfaction", "recorded_by", "recorded_at"]
    list_filter = ["satisfaction", "recorded_at"]
    search_fields = ["lead__customer_name", "comments"]
    list_select_related = ["lead", "designer", "recorded_by"]


@admin.register(Referral)
class ReferralAdmin(ServiceOnlyAdmin):
    list_display = ["lead", "referrer_name", "recorded_at"]
    search_fields = ["lead__customer_name", "referrer_name"]
    list_select_related = ["lead"]
    phone_fields = ("referrer_phone",)


@admin.register(ReferralReward)
class ReferralRewardAdmin(ServiceOnlyAdmin):
    list_display = ["referral", "contract", "kind", "amount", "gift", "recorded_at"]
    list_select_related = ["referral__lead", "contract"]


@admin.register(Greeting)
class GreetingAdmin(ServiceOnlyAdmin):
    list_display = ["day", "occasion", "customer_name", "done_at"]
    phone_fields = ("phone",)
    list_filter = ["occasion", "day"]
    date_hierarchy = "day"
