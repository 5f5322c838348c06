"""The versioned API (/api/v1/): thin views over api.services; every call is logged."""

import time

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.exceptions import ErrorDetail
from rest_framework.response import Response
from rest_framework.views import APIView

from leads.services.errors import LeadError
from leads.services.intake import IntakeData

from . import serializers as s
from .access import check_body_size, client_of
from .models import ApiRequestLog, Scope
from .queries import lead_progress
from .services.batches import receive_calls, receive_punches
from .services.intake import receive_lead

ERRORS = {code: s.ErrorsSerializer for code in (400, 401, 403, 404, 413, 429)}
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Optional: the same key again returns the first answer (a safe retry).",
)


class ApiView(APIView):
    """Key, address, scope, rate and size checks (api.access, settings.REST_FRAMEWORK), and one
    ApiRequestLog row for every call, refused or not."""

    required_scope: str | None = None
    record_count = 0

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        check_body_size(request)

    def dispatch(self, request, *args, **kwargs):
        started = time.monotonic()
        response = super().dispatch(request, *args, **kwargs)
        self._log(response.status_code, started)
        return response

    def _log(self, status: int, started: float) -> None:
        try:
            client = client_of(self.request)
        except exceptions.APIException:
            client = None
        ApiRequestLog.objects.create(
            client=client,
            endpoint=self.request.path[:200],
            method=self.request.method,
            status=status,
            record_count=self.record_count,
            duration_ms=round((time.monotonic() - started) * 1000),
            remote_addr=self.request.META.get("REMOTE_ADDR", "")[:45],
        )


def _refused(exc: LeadError) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {"non_field_errors": [ErrorDetail(str(exc.message), code="rejected")]}
    )


class LeadCreateView(ApiView):
    required_scope = Scope.LEADS_WRITE

    @extend_schema(
        operation_id="leads_create",
        summary="Send a lead",
        request=s.LeadInSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: s.LeadOutSerializer, 200: s.LeadOutSerializer, **ERRORS},
    )
    def post(self, request):
        key = request.headers.get("Idempotency-Key", "").strip()
        if len(key) > 64:
            raise exceptions.ValidationError(
                {"Idempotency-Key": [_("At most 64 characters.")]}, code="too_long"
            )
        form = s.LeadInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        self.record_count = 1
        client, data = client_of(request), form.validated_data
        try:
            answer = receive_lead(
                client=client,
                data=_intake_data(client.channel, data),
                reference=data["reference"].strip(),
                idempotency_key=key,
            )
        except LeadError as exc:
            raise _refused(exc) from exc
        response = Response(answer.body, status=answer.status)
        if answer.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


def _intake_data(channel: str, data: dict) -> IntakeData:
    return IntakeData(
        customer_name=data["customer_name"],
        phone=data["phone"],
        channel=channel,
        consultation_date=timezone.localdate(),
        community=data["community"],
        building=data["address"],
        area_m2=data.get("area_m2"),
        budget=data.get("budget"),
        planned_decoration_date=data["planned_decoration_month"],
        notes=data["note"],
    )


class LeadProgressView(ApiView):
    required_scope = Scope.LEADS_READ

    @extend_schema(
        operation_id="leads_progress",
        summary="The progress of a lead this client sent",
        responses={200: s.ProgressSerializer, **ERRORS},
    )
    def get(self, request, reference: str):
        body = lead_progress(client=client_of(request), reference=reference)
        if body is None:
            raise exceptions.NotFound(_("No lead of yours has this reference."))
        self.record_count = 1
        return Response(body)


class BatchView(ApiView):
    receive = None

    def post(self, request):
        form = s.BatchInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        records = form.validated_data["records"]
        self.record_count = len(records)
        result = type(self).receive(client=client_of(request), records=records)
        return Response(result.body())


class CallBatchView(BatchView):
    required_scope = Scope.CALLS_WRITE
    receive = staticmethod(receive_calls)

    @extend_schema(
        operation_id="calls_create",
        summary="Send hotline call records (at most 1,000)",
        request=s.CallBatchSerializer,
        responses={200: s.BatchOutSerializer, **ERRORS},
    )
    def post(self, request):
        return super().post(request)


class ClockBatchView(BatchView):
    required_scope = Scope.CLOCK_WRITE
    receive = staticmethod(receive_punches)

    @extend_schema(
        operation_id="clock_records_create",
        summary="Send time-clock punches (at most 1,000)",
        request=s.PunchBatchSerializer,
        responses={200: s.BatchOutSerializer, **ERRORS},
    )
    def post(self, request):
        return super().post(request)


def api_view(view_class):
    """A DRF view without Django's login redirect: the API key is its authentication."""
    return login_not_required(view_class.as_view())


@staff_member_required
def docs(request):
    """The API reference for the administrator: the OpenAPI schema as text, rendered locally
    (no CDN assets, so the CSP stays 'self')."""
    if not request.user.is_superuser:
        raise PermissionDenied
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiYamlRenderer

    schema = SchemaGenerator().get_schema(request=None, public=True)
    text = OpenApiYamlRenderer().render(schema, renderer_context={}).decode()
    return render(request, "api/docs.html", {"schema": text})
