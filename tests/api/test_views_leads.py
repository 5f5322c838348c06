"""POST /api/v1/leads/ and GET /api/v1/leads/{reference}: the front desk's intake, from outside."""

from decimal import Decimal

from django.utils import timezone

from api.models import ApiRequestLog, IntakeRecord
from leads.models import Channel, Lead, LeadEvent, LeadState
from tests.leads.factories import LeadFactory

URL = "/api/v1/leads/"
LEAD = {
    "customer_name": "网站客户",
    "phone": "138 1234 5678",
    "community": "望京花园",
    "address": "3号楼2单元501",
    "area_m2": "98.5",
    "budget": 80000,
    "planned_decoration_month": "2026-09",
    "reference": "WEB-1001",
    "note": "想做北欧风",
}


def test_api_lead_goes_through_the_intake_with_the_clients_channel(api, website):
    response = api.post(URL, LEAD)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["created"] is True and body["attached"] is False
    lead = Lead.objects.get()
    assert body["lead"] == {"id": lead.pk, "reference": "WEB-1001"}
    assert lead.phone == "13812345678"  # normalised by the intake
    assert lead.channel == Channel.ONLINE
    assert lead.created_by == website[0].system_user
    assert lead.area_m2 == Decimal("98.5") and lead.budget == Decimal(80000)
    assert lead.planned_decoration_date.isoformat() == "2026-09-01"
    assert lead.size_class  # LEAD-4 from the budget, as at the desk
    assert lead.events.filter(kind=LeadEvent.Kind.INTAKE).count() == 1


def test_api_system_user_cannot_log_in(website):
    user = website[0].system_user
    assert not user.is_active and not user.has_usable_password() and not user.role_codes


def test_api_same_reference_twice_makes_one_lead_and_answers_the_same(api):
    first = api.post(URL, LEAD)
    again = api.post(URL, {**LEAD, "customer_name": "改了名字"})

    assert again.status_code == first.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Lead.objects.count() == 1 and IntakeRecord.objects.count() == 1


def test_api_same_idempotency_key_without_reference_is_one_lead(api):
    body = {**LEAD, "reference": ""}
    first = api.post(URL, body, **{"Idempotency-Key": "retry-7"})
    again = api.post(URL, body, **{"Idempotency-Key": "retry-7"})

    assert again.json() == first.json()
    assert Lead.objects.count() == 1


def test_api_references_are_per_client(api, make_client, caller):
    _other, key = make_client("土巴兔")
    api.post(URL, LEAD)
    response = caller(key).post(URL, {**LEAD, "phone": "13900001111", "address": "5号楼"})

    assert response.status_code == 201
    assert Lead.objects.count() == 2


def test_lead2_platform_lead_with_known_phone_is_recorded_on_the_existing_lead(make_client, caller):
    existing = LeadFactory(phone="13812345678", channel=Channel.WALK_IN)
    _platform, key = make_client("土巴兔", channel=Channel.OTHER)

    response = caller(key).post(URL, {**LEAD, "community": "", "address": ""})

    assert response.status_code == 200
    body = response.json()
    assert body["created"] is False and body["attached"] is True
    assert body["lead"]["id"] == existing.pk
    assert Lead.objects.count() == 1
    contact = existing.events.get(kind=LeadEvent.Kind.INTAKE)
    assert "土巴兔" in contact.text  # the timeline says who sent the customer again


def test_api_validation_errors_name_field_code_and_message(api_en):
    response = api_en.post(URL, {**LEAD, "phone": "12345", "customer_name": ""})

    assert response.status_code == 400
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert errors["phone"]["code"] == "bad_mobile"
    assert errors["phone"]["message"] == "A mobile number has 11 digits and starts with 13-19."
    assert errors["customer_name"]["code"] == "blank"
    assert Lead.objects.count() == 0 and IntakeRecord.objects.count() == 0


def test_api_validation_message_is_chinese_by_default(api):
    response = api.post(URL, {**LEAD, "customer_name": ""})

    error = response.json()["errors"][0]
    assert error["field"] == "customer_name"
    assert error["message"] == "该字段不能为空。"  # DRF's own zh_Hans catalogue


def test_api_bad_month_is_a_field_error(api_en):
    response = api_en.post(URL, {**LEAD, "planned_decoration_month": "九月"})

    assert response.json()["errors"] == [
        {
            "field": "planned_decoration_month",
            "code": "invalid",
            "message": "Write the month as YYYY-MM, e.g. 2026-05.",
        }
    ]


def test_api_refused_intake_rolls_back_so_a_corrected_retry_is_a_first_try(api):
    bad = api.post(URL, {**LEAD, "customer_name": "   "})
    good = api.post(URL, LEAD)

    assert bad.status_code == 400
    assert good.status_code == 201
    assert Lead.objects.count() == 1


def test_api_lead_intake_writes_one_log_row(api, website):
    api.post(URL, LEAD)

    log = ApiRequestLog.objects.get()
    assert (log.client, log.endpoint, log.method, log.status, log.record_count) == (
        website[0],
        URL,
        "POST",
        201,
        1,
    )


def test_api_lead_intake_query_count_is_fixed(api, django_assert_max_num_queries):
    api.post(URL, {**LEAD, "reference": "warm-up", "phone": "13900000000", "address": "9号楼"})
    with django_assert_max_num_queries(40):
        assert api.post(URL, LEAD).status_code == 201
    with django_assert_max_num_queries(8):
        assert api.post(URL, LEAD).status_code == 201  # the replay


# --- progress -------------------------------------------------------------------------------------


def test_api_progress_shows_stages_and_dates_only(api):
    api.post(URL, LEAD)
    lead = Lead.objects.get()
    now = timezone.now()
    Lead.objects.filter(pk=lead.pk).update(state=LeadState.DISPATCHED, dispatched_at=now)

    response = api.get(f"{URL}WEB-1001")

    assert response.status_code == 200
    assert response.json() == {
        "reference": "WEB-1001",
        "lead": lead.pk,
        "status": "dispatched",
        "attached": False,
        "phone": "138****5678",
        "registered_on": timezone.localdate(lead.created_at).isoformat(),
        "dispatched_on": timezone.localdate(now).isoformat(),
        "measured_on": None,
        "signed_on": None,
        "closed_on": None,
    }


def test_api_progress_of_another_clients_reference_is_404(api, make_client, caller):
    api.post(URL, LEAD)
    _other, key = make_client("齐家网")

    response = caller(key).get(f"{URL}WEB-1001")

    assert response.status_code == 404
    assert "WEB-1001" not in response.content.decode()
    assert "13812345678" not in response.content.decode()


def test_api_progress_of_an_attached_lead_reveals_nothing_of_it(make_client, caller):
    LeadFactory(phone="13812345678", state=LeadState.SIGNED)
    _platform, key = make_client("土巴兔")
    platform = caller(key)
    platform.post(URL, {**LEAD, "community": "", "address": ""})

    body = platform.get(f"{URL}WEB-1001").json()

    assert body["status"] == "already_registered"
    assert set(body) == {"reference", "status", "attached", "received_on"}


def test_api_progress_query_count_is_fixed(api, django_assert_num_queries):
    api.post(URL, LEAD)
    with django_assert_num_queries(3):  # key + client, the lead with its stages, the log row
        assert api.get(f"{URL}WEB-1001").status_code == 200
