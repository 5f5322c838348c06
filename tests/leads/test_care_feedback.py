"""CARE-4: feedback at each care call (宾客意见表): the score rule, the customer manager's alert on
a low score, the one-step complaint linked both ways, and the scores the quality gate reads."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import ComplaintCategory
from complaints.services.care import complaint_from_care_feedback
from complaints.services.errors import ComplaintError
from leads.models import CallbackKind, CareCall, CarePoint, CarePolicy
from leads.queries.care import care_scores_for_designer
from leads.rules import care as rules
from leads.services import care as services
from leads.services.callbacks import record_outcome
from leads.services.errors import LeadError
from staff.models import Notification
from tests.leads.lifecycle_factories import ensure_lifecycle_defaults, signed_lead


def test_care4_scores_are_one_to_five():
    assert rules.check_score(1) and rules.check_score(5)
    assert rules.check_score(0).message == "Satisfaction is a score from 1 to 5."
    assert not rules.check_score(6)


def test_care4_two_or_less_is_low_by_default():
    assert rules.is_low_score(2) and not rules.is_low_score(3)
    assert rules.is_low_score(3, threshold=3)


@pytest.fixture
def care_call(db, customer_manager, designer, cs_agent):
    ensure_lifecycle_defaults()
    CarePoint.objects.all().delete()
    CarePoint.objects.create(name="开工后 7 天", anchor="START", offset_days=7)
    ComplaintCategory.objects.get_or_create(name="施工质量")
    signed_lead(designer=designer, by=customer_manager, contract_type="CONSTRUCTION")
    return CareCall.objects.select_related("callback", "plan__contract").get()


@pytest.mark.django_db
def test_care4_low_score_closes_the_call_and_alerts_the_customer_manager(
    care_call, cs_agent, customer_manager, designer
):
    feedback = services.record_care_feedback(
        care_call=care_call, satisfaction=2, comments="工人迟到", by=cs_agent
    )

    care_call.callback.refresh_from_db()
    assert care_call.callback.done_at is not None
    assert (feedback.is_low, feedback.designer) == (True, designer)
    alert = Notification.objects.get(recipient=customer_manager)
    assert alert.text.startswith("Low care score 2/5 from")


@pytest.mark.django_db
def test_care4_good_score_alerts_nobody(care_call, cs_agent, customer_manager):
    services.record_care_feedback(care_call=care_call, satisfaction=4, comments="", by=cs_agent)
    assert not Notification.objects.filter(recipient=customer_manager).exists()


@pytest.mark.django_db
def test_care4_threshold_is_policy(care_call, cs_agent, customer_manager):
    CarePolicy.objects.update_or_create(
        effective_from=timezone.localdate() - timedelta(days=1), defaults={"low_score": 3}
    )
    feedback = services.record_care_feedback(
        care_call=care_call, satisfaction=3, comments="", by=cs_agent
    )
    assert feedback.is_low


@pytest.mark.django_db
def test_care4_only_once_per_call_and_not_by_the_generic_outcome(care_call, cs_agent):
    with pytest.raises(LeadError, match="care call with the customer's feedback"):
        record_outcome(callback=care_call.callback, outcome="ok", by=cs_agent)
    services.record_care_feedback(care_call=care_call, satisfaction=5, comments="", by=cs_agent)
    with pytest.raises(LeadError, match="already closed"):
        services.record_care_feedback(care_call=care_call, satisfaction=5, comments="", by=cs_agent)


@pytest.mark.django_db
def test_care4_low_score_becomes_a_complaint_linked_both_ways(
    care_call, cs_agent, customer_manager
):
    feedback = services.record_care_feedback(
        care_call=care_call, satisfaction=1, comments="墙面开裂", by=cs_agent
    )

    complaint = complaint_from_care_feedback(feedback=feedback, by=cs_agent)

    feedback.refresh_from_db()
    assert feedback.complaint == complaint
    assert complaint.care_feedback == feedback
    assert complaint.lead == feedback.lead
    assert "墙面开裂" in complaint.summary
    todo = Notification.objects.get(recipient=customer_manager, step=services.LOW_SCORE_STEP)
    assert todo.done_at is not None
    with pytest.raises(ComplaintError, match="already a complaint"):
        complaint_from_care_feedback(feedback=feedback, by=cs_agent)


@pytest.mark.django_db
def test_care4_scores_feed_the_quality_gate(care_call, cs_agent, designer):
    since = timezone.now() - timedelta(days=1)
    assert care_scores_for_designer(designer, since) == (0, None)
    services.record_care_feedback(care_call=care_call, satisfaction=2, comments="", by=cs_agent)
    assert care_scores_for_designer(designer, since) == (1, 2.0)
    assert care_scores_for_designer(designer.pk, timezone.now() + timedelta(minutes=1)) == (0, None)


@pytest.mark.django_db
def test_care4_agent_records_low_score_and_registers_complaint_by_pages(care_call, cs_agent, login):
    client = login(cs_agent)
    url = reverse("leads:care_call", args=[care_call.pk])
    assert client.get(reverse("leads:care_call_for", args=[care_call.callback_id])).url == url
    response = client.post(url, {"satisfaction": "2", "comments": "不满意"})
    assert response.status_code == 302
    feedback = care_call.feedback.__class__.objects.get(care_call=care_call)
    page = client.get(url)
    assert b'data-testid="care-to-complaint"' in page.content
    response = client.post(reverse("complaints:from_care_feedback", args=[feedback.pk]))
    feedback.refresh_from_db()
    assert response.url == feedback.complaint.get_absolute_url()


@pytest.mark.django_db
def test_care4_designer_cannot_open_someone_elses_care_call(care_call, designer, login):
    response = login(designer).get(reverse("leads:care_call", args=[care_call.pk]))
    assert response.status_code in (403, 404)
    assert care_call.callback.kind == CallbackKind.CARE


@pytest.mark.django_db
def test_qg1_care_call_scores_are_follow_up_satisfaction_for_the_gate(
    care_call, cs_agent, designer
):
    from dispatch.queries.quality import quality_facts

    services.record_care_feedback(care_call=care_call, satisfaction=2, comments="", by=cs_agent)
    today = timezone.localdate()
    facts = quality_facts(today - timedelta(days=1), today)
    assert facts[designer.pk].scores == ((today, 2),)
