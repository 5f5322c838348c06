"""Measure the key pages and actions on the configured database (issue 10).

For each: SQL queries per request (CaptureQueriesContext), in-process median and p90 over 30
requests with the Django test client after warm-up, the ratio to a bare "hello" view measured in the
same run, and requests/s with wrk against gunicorn (2 workers) when wrk is installed. POSTs run in a
transaction that is rolled back, so the data stays as generated.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

RESULTS = Path(__file__).resolve().parent / "results"
RUNS = 30
WARMUP = 3


@dataclass
class Case:
    name: str
    role: str
    url: str | Callable[[], str] | None
    method: str = "GET"
    data: Callable[[int], dict] | None = None
    prepare: Callable[[], None] | None = None
    note: str = ""


@dataclass
class Result:
    name: str
    role: str
    url: str
    status: int | None = None
    queries: list[int] = field(default_factory=list)
    median_ms: float | None = None
    p90_ms: float | None = None
    ratio: float | None = None
    wrk_rps: float | None = None
    note: str = ""

    @property
    def fixed_queries(self) -> bool:
        return len(set(self.queries)) <= 1


def _user(role: str):
    from staff.models import Staff

    user = Staff.objects.filter(groups__name=role, is_active=True).order_by("username").first()
    if user is None:
        raise RuntimeError(f"No active user with role {role}; run seed_volume first.")
    return user


def _first(queryset, what: str) -> int:
    pk = queryset.values_list("pk", flat=True).first()
    if pk is None:
        raise RuntimeError(f"No {what} in the database.")
    return pk


def _maybe_reverse(*names: str, **kwargs) -> str | None:
    for name in names:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return None


def cases() -> list[Case]:
    from complaints.models import Complaint
    from leads.models import Lead

    today = timezone.localdate()
    last_month = today.replace(day=1) - timedelta(days=1)
    signed = _first(Lead.objects.filter(state="SIGNED").order_by("-created_at"), "signed lead")
    new_lead = _first(
        Lead.objects.filter(state="NEW").exclude(channel="MARKETING").order_by("-created_at"),
        "new lead",
    )
    complaint = _first(Complaint.objects.order_by("-received_at"), "complaint")
    sample_phone = Lead.objects.order_by("-id").values_list("phone", flat=True).first()
    leads = reverse("leads:index")

    def intake(i: int) -> dict:
        return {
            "phone": f"186{90000000 + i:08d}",
            "customer_name": "王先生",
            "channel": "WALK_IN",
            "in_person": "on",
            "community": "望京花园",
            "building": f"99号楼{i}",
            "area_m2": "96",
            "budget": "45000",
            "consultation_date": today.isoformat(),
        }

    def levels_introduced() -> None:
        Lead.objects.filter(pk=new_lead).update(levels_introduced=True)

    pay_month = reverse(
        "attendance:pay-month", kwargs={"year": last_month.year, "month": last_month.month}
    )
    gm_report = _maybe_reverse("reports:monthly")
    if gm_report:
        gm_report += f"?month={last_month:%Y-%m}"
    daily_table = _maybe_reverse("reports:tables")
    if daily_table:
        daily_table += f"?period=month&day={last_month.isoformat()}"
    return [
        Case("hello (baseline)", "CUSTOMER_MANAGER", "/__bench__/hello/"),
        Case("lead list", "CUSTOMER_MANAGER", leads),
        Case("lead list, page 10", "CUSTOMER_MANAGER", f"{leads}?page=10"),
        Case(
            "lead list, channel + state",
            "CUSTOMER_MANAGER",
            f"{leads}?channel=PHONE&state=DISPATCHED",
        ),
        Case("lead list, search by phone", "CUSTOMER_MANAGER", f"{leads}?q={sample_phone}"),
        Case("lead page", "CUSTOMER_MANAGER", reverse("leads:detail", args=[signed])),
        Case("intake POST", "FRONT_DESK", reverse("leads:intake"), "POST", intake),
        Case("dispatch dashboard", "CUSTOMER_MANAGER", reverse("dispatch:index")),
        Case(
            "dispatch POST",
            "CUSTOMER_MANAGER",
            reverse("dispatch:dispatch", args=[new_lead]),
            "POST",
            lambda i: {},
            levels_introduced,
        ),
        Case("designer load board", "CUSTOMER_MANAGER", reverse("dispatch:board")),
        Case("complaint register", "CUSTOMER_MANAGER", reverse("complaints:index")),
        Case(
            "complaint register, page 10",
            "CUSTOMER_MANAGER",
            f"{reverse('complaints:index')}?page=10",
        ),
        Case("complaint page", "CUSTOMER_MANAGER", reverse("complaints:detail", args=[complaint])),
        Case(
            "attendance monthly summary",
            "HR",
            f"{reverse('attendance:summary')}?month={last_month:%Y-%m}",
        ),
        Case("pay statements month", "HR", pay_month),
        Case("GM monthly report", "GM", gm_report, note="" if gm_report else "not built yet"),
        Case(
            "front-desk daily table",
            "FRONT_DESK",
            daily_table,
            note="" if daily_table else "not built yet",
        ),
        # The 工作台 of each role (issue 15): a fixed number of queries at any volume.
        *(Case(f"home ({role})", role, reverse("home")) for role in HOME_ROLES),
        # Global search by phone (issue 15) and a customer's history page (CARE-1, issue 20).
        Case("global search by phone", "CUSTOMER_MANAGER", f"{reverse('search')}?q={sample_phone}"),
        Case(
            "customer history", "CUSTOMER_MANAGER", reverse("leads:customer_history", args=[signed])
        ),
    ]


HOME_ROLES = (
    "FRONT_DESK",
    "CS_AGENT",
    "CUSTOMER_MANAGER",
    "DESIGN_MANAGER",
    "DESIGNER",
    "HR",
    "GM",
)


def _request(client: Client, case: Case, i: int):
    if case.method == "POST":
        return client.post(case.url, case.data(i) if case.data else {})
    return client.get(case.url)


def measure(case: Case, client: Client) -> Result:
    result = Result(case.name, case.role, str(case.url or ""), note=case.note)
    if not case.url:
        return result
    timings = []
    for i in range(WARMUP + RUNS):
        with transaction.atomic():
            if case.prepare:
                case.prepare()
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = _request(client, case, i)
                took = time.perf_counter() - started
            transaction.set_rollback(True)
        if i >= WARMUP:
            timings.append(took * 1000)
            result.queries.append(len(ctx.captured_queries))
        result.status = response.status_code
    result.median_ms = round(statistics.median(timings), 2)
    result.p90_ms = round(statistics.quantiles(timings, n=10)[-1], 2)
    return result


CLOCK_IMPORT_ROWS = 10_000


def clock_import_csv(rows: int = CLOCK_IMPORT_ROWS) -> tuple[bytes, int]:
    """A time-clock CSV of `rows` rows: up to 200 active people, finished days back from yesterday.

    Returns the file and the number of people in it.
    """
    from staff.models import Staff

    people = list(
        Staff.objects.filter(is_active=True, is_superuser=False)
        .exclude(employee_no="")
        .order_by("employee_no")
        .values_list("employee_no", flat=True)[:200]
    )
    if not people:
        raise RuntimeError("No active staff in the database.")
    yesterday = timezone.localdate() - timedelta(days=1)
    lines = ["employee_no,date,clock_in,clock_out"]
    day_offset = 0
    while len(lines) <= rows:
        day = yesterday - timedelta(days=day_offset)
        for i, number in enumerate(people):
            if len(lines) > rows:
                break
            lines.append(f"{number},{day.isoformat()},08:{50 + i % 10},18:{i % 10:02d}")
        day_offset += 1
    return ("\n".join(lines) + "\n").encode("utf-8"), len(people)


def measure_clock_import(client: Client) -> Result:
    """One import of a 10,000-row clock file through the page, rolled back (issue 7).

    It includes the recompute of the finished days, which runs after the import commits: here the
    transaction is rolled back, so the on-commit work is run inside it and timed with the rest.
    """
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import TestCase

    url = reverse("attendance:clock-import")
    content, people = clock_import_csv()
    result = Result(
        f"clock import, {CLOCK_IMPORT_ROWS:,} rows",
        "HR",
        f"POST {url}",
        note=f"1 run, {people} people, rolled back; includes the recompute of the days",
    )
    with transaction.atomic():
        upload = SimpleUploadedFile("clock.csv", content, content_type="text/csv")
        count = [0]  # a counter, not CaptureQueriesContext: that keeps only the last 9,000

        def counted(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            started = time.perf_counter()
            with TestCase.captureOnCommitCallbacks(execute=True):
                response = client.post(url, {"file": upload})
            took = time.perf_counter() - started
        transaction.set_rollback(True)
    result.status = response.status_code
    result.queries = [count[0]]
    result.median_ms = result.p90_ms = round(took * 1000, 2)
    return result


def _wrk(results: list[Result], cookies: dict[str, str], port: int = 8765) -> str:
    if not shutil.which("wrk"):
        return "wrk is not installed: requests/s not measured."
    env = {**os.environ}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "bench.wsgi:application",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        start_new_session=True,
    )
    try:
        time.sleep(3)
        for r in results:
            if not r.url or r.status != 200 or r.url.startswith("POST"):
                continue
            out = subprocess.run(
                [
                    "wrk",
                    "-t2",
                    "-c4",
                    "-d5s",
                    "-H",
                    f"Cookie: sessionid={cookies[r.role]}",
                    f"http://127.0.0.1:{port}{r.url}",
                ],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            for line in out.splitlines():
                if line.startswith("Requests/sec:"):
                    r.wrk_rps = float(line.split()[1])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    return "wrk -t2 -c4 -d5s against gunicorn -w 2 on 127.0.0.1 (GET pages only)."


def _clock_import_step(clients: dict[str, Client], out) -> Result:
    if "HR" not in clients:
        clients["HR"] = Client()
        clients["HR"].force_login(_user("HR"))
    try:
        result = measure_clock_import(clients["HR"])
    except Exception as exc:  # noqa: BLE001 — a broken step is a result, not a crash
        result = Result(
            f"clock import, {CLOCK_IMPORT_ROWS:,} rows", "HR", "", note=f"error: {exc!r}"
        )
    out(f"  {result.name}: {result.median_ms} ms, queries {result.queries}")
    return result


def run_clock_import(out=print) -> Result:
    """The clock-import step alone (`manage.py bench --clock-import-only`)."""
    with override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["*"], DEBUG=False):
        return _clock_import_step({}, out)


# --- the integration API (issue 16) -------------------------------------------------------------

API_CALL_BATCH = 1_000


class _ApiCaller:
    """The test client speaking JSON with an API key, as an integrator's system does."""

    def __init__(self, key: str) -> None:
        self.http = Client(HTTP_AUTHORIZATION=f"Api-Key {key}")

    def post(self, url: str, data: dict):
        return self.http.post(url, json.dumps(data), content_type="application/json")

    def get(self, url: str):
        return self.http.get(url)


def _api_caller() -> _ApiCaller:
    """A bench client with every scope and no practical rate limit (rolled back by the caller)."""
    from api.models import IntegrationClient, Scope
    from api.services.clients import create_client

    client = IntegrationClient(
        name="bench-api", scopes=[s.value for s in Scope], requests_per_minute=10_000
    )
    return _ApiCaller(create_client(client=client))


def api_lead_case() -> Case:
    def lead(i: int) -> dict:
        return {
            "customer_name": "网站客户",
            "phone": f"187{90000000 + i:08d}",
            "community": "望京花园",
            "address": f"98号楼{i}",
            "area_m2": "96",
            "budget": 45000,
            "reference": f"bench-{i}",
        }

    return Case("API lead intake POST", "API", "/api/v1/leads/", "POST", lead)


def call_batch(rows: int = API_CALL_BATCH) -> dict:
    """`rows` calls of yesterday spread over the active people, as the phone system sends them."""
    from staff.models import Staff

    people = list(
        Staff.objects.filter(is_active=True, is_superuser=False)
        .exclude(employee_no="")
        .order_by("employee_no")
        .values_list("employee_no", flat=True)[:50]
    )
    if not people:
        raise RuntimeError("No active staff in the database.")
    day = timezone.localdate() - timedelta(days=1)
    records = []
    for i in range(rows):
        second = 9 * 3600 + i * 7
        clock = f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}"
        records.append(
            {
                "call_id": f"bench-{day:%Y%m%d}-{i}",
                "employee_no": people[i % len(people)],
                "start_time": f"{day} {clock}",
                "ring_seconds": i % 20,
                "talk_seconds": 60 + i % 300,
                "satisfaction": 1 + i % 5,
                "first_contact_resolved": i % 3 != 0,
                "complaint": i % 50 == 0,
            }
        )
    return {"records": records}


def measure_call_batch(caller: _ApiCaller) -> Result:
    """One 1,000-record batch, rolled back; includes the metrics recompute after the commit."""
    from django.test import TestCase

    url = "/api/v1/calls/"
    body = call_batch()
    result = Result(
        f"API call batch, {API_CALL_BATCH:,} records",
        "API",
        f"POST {url}",
        note="1 run, rolled back; includes the recompute of the day's metrics (target ≤ 2 s)",
    )
    with transaction.atomic():
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            with TestCase.captureOnCommitCallbacks(execute=True):
                response = caller.post(url, body)
            took = time.perf_counter() - started
        transaction.set_rollback(True)
    result.status = response.status_code
    result.queries = [len(ctx.captured_queries)]
    result.median_ms = result.p90_ms = round(took * 1000, 2)
    return result


def _api_steps(out) -> list[Result]:
    """API lead intake (30 runs, median, × hello) and a 1,000-record call batch; the bench
    client and everything it sent are rolled back."""
    results = []
    with transaction.atomic():
        try:
            caller = _api_caller()
            for step in (
                lambda: measure(api_lead_case(), caller),
                lambda: measure_call_batch(caller),
            ):
                results.append(step())
        except Exception as exc:  # noqa: BLE001 — a broken step is a result, not a crash
            results.append(Result("API", "API", "", note=f"error: {exc!r}"))
        transaction.set_rollback(True)
    for result in results:
        out(f"  {result.name}: {result.median_ms} ms, queries {sorted(set(result.queries))}")
    return results


def run_api(out=print) -> list[Result]:
    """The API steps alone, with the hello baseline for the ratio."""
    with override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["*"], DEBUG=False):
        staff = Client()
        staff.force_login(_user("CUSTOMER_MANAGER"))
        hello = measure(Case("hello (baseline)", "CUSTOMER_MANAGER", "/__bench__/hello/"), staff)
        results = [hello, *_api_steps(out)]
    for r in results:
        if r.median_ms is not None:
            r.ratio = round(r.median_ms / (hello.median_ms or 1.0), 1)
    return results


def table(results: list[Result]) -> str:
    lines = [
        "| Page / action | Role | Status | Queries | Fixed | Median ms | p90 ms | × hello "
        "| wrk req/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if r.median_ms is None:
            lines.append(f"| {r.name} | {r.role} | — | — | — | — | — | — | {r.note} |")
            continue
        q = max(r.queries)
        lines.append(
            f"| {r.name} | {r.role} | {r.status} | {q} | {'yes' if r.fixed_queries else 'NO'} "
            f"| {r.median_ms:.1f} | {r.p90_ms:.1f} | "
            f"{'—' if r.ratio is None else f'{r.ratio:.1f}'} | "
            f"{r.wrk_rps if r.wrk_rps is not None else '—'} |"
        )
    return "\n".join(lines)


def run(*, wrk: bool = True, out=print) -> tuple[list[Result], Path]:
    results: list[Result] = []
    cookies: dict[str, str] = {}
    with override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["*"], DEBUG=False):
        clients: dict[str, Client] = {}
        for case in cases():
            if case.role not in clients:
                clients[case.role] = Client()
                clients[case.role].force_login(_user(case.role))
                cookies[case.role] = clients[case.role].cookies["sessionid"].value
            try:
                result = measure(case, clients[case.role])
            except Exception as exc:  # noqa: BLE001 — a broken page is a result, not a crash
                result = Result(case.name, case.role, str(case.url), note=f"error: {exc!r}")
            out(f"  {result.name}: {result.median_ms} ms, queries {sorted(set(result.queries))}")
            results.append(result)
        results.append(_clock_import_step(clients, out))
        results += _api_steps(out)
    hello = results[0].median_ms or 1.0
    for r in results:
        if r.median_ms is not None:
            r.ratio = round(r.median_ms / hello, 1)
    wrk_note = _wrk(results, cookies) if wrk else "wrk skipped (--no-wrk)."
    RESULTS.mkdir(exist_ok=True)
    stamp = f"{timezone.localdate():%Y%m%d}-{connection.vendor}"
    md = RESULTS / f"bench-{stamp}.md"
    md.write_text(
        f"# Benchmark {timezone.localdate()} on {connection.vendor}\n\n"
        f"{table(results)}\n\n{wrk_note}\n",
        encoding="utf-8",
    )
    (RESULTS / f"bench-{stamp}.json").write_text(
        json.dumps(
            {
                "database": connection.vendor,
                "runs": RUNS,
                "wrk": wrk_note,
                "results": [asdict(r) for r in results],
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    return results, md
