"""The shell in a real browser (issue 15, UI.md "Shell" and "Phones"): a header of one slim row
for every role at 1366 px; no page a designer, an engineer or an agent uses scrolls sideways at
390 px; the menu is a drawer on phones; the global search finds a lead by its phone typed in two
formats, masked for a role that may not see the number."""

import pytest
from django.utils import timezone

from leads.models import Callback, CallbackKind
from staff.models import Role
from tests.attendance.factories import BusinessOutingFactory, LeaveRequestFactory
from tests.conftest import PERSONA_FIXTURES
from tests.dispatch.factories import AssignmentFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
MAX_HEADER_PX = 64
LONG_COMMUNITY = "阳光花园东区三期（南门进，物业中心对面）"
LONG_BUILDING = "12号楼3单元1502室靠电梯一侧的那户"

OVERFLOW_JS = "document.documentElement.scrollWidth - window.innerWidth"


def _header_height(page) -> float:
    return page.evaluate(
        "document.querySelector('[data-testid=topbar]').getBoundingClientRect().height"
    )


@pytest.mark.parametrize("persona", list(PERSONA_FIXTURES), indirect=True)
def test_ui_header_is_one_slim_row_for_every_role_at_1366(live_server, page, sign_in, persona):
    page.set_viewport_size(DESKTOP)
    sign_in(persona)
    for path in ("/", "/notifications/"):
        page.goto(f"{live_server.url}{path}")
        assert _header_height(page) <= MAX_HEADER_PX, path
        assert page.locator("[data-testid=main-nav]").is_visible()  # the sidebar beside the page
        assert page.locator("[data-testid=global-search]").is_visible()
        assert page.locator("[data-testid=bell] svg").is_visible()
        assert page.locator("[data-testid=language-switcher]").is_visible()


def _phone_pages(role: str, lead_url: str) -> list[str]:
    """The pages each field role uses from its phone (issue 15, finding 10)."""
    mine = ["/", "/attendance/", "/attendance/leave/new/", "/notifications/", "/search/?q=139"]
    mine += ["/attendance/leave/", "/attendance/outings/", "/attendance/pay/mine/"]  # as cards
    return {
        Role.DESIGNER: [*mine, "/dispatch/my-leads/", lead_url, "/leads/commission/"],
        Role.ENGINEERING: [*mine, "/leads/"],
        Role.CS_AGENT: [*mine, "/leads/", lead_url, "/leads/callbacks/", "/complaints/mine/"],
    }[role]


@pytest.mark.parametrize("persona", [Role.DESIGNER, Role.ENGINEERING, Role.CS_AGENT], indirect=True)
def test_ui_no_page_of_a_field_role_scrolls_sideways_at_390(live_server, page, sign_in, persona):
    role = next(iter(persona.role_codes))
    mine = {"designer": persona} if role == Role.DESIGNER else {}
    lead = AssignmentFactory(
        **mine,
        lead__community=LONG_COMMUNITY,
        lead__building=LONG_BUILDING,
        lead__customer_name="欧阳建华",
    ).lead
    if role == Role.CS_AGENT:
        Callback.objects.create(
            lead=lead, kind=CallbackKind.values[0], assignee=persona, due_at=timezone.now()
        )
    if role == Role.ENGINEERING:
        LeadFactory(brought_by=persona, community=LONG_COMMUNITY, building=LONG_BUILDING + "乙")
    LeaveRequestFactory(staff=persona, reason=LONG_BUILDING)
    BusinessOutingFactory(staff=persona, destination=LONG_COMMUNITY)
    page.set_viewport_size(PHONE)
    sign_in(persona)
    for path in _phone_pages(role, lead.get_absolute_url()):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert page.evaluate(OVERFLOW_JS) <= 0, path
        assert _header_height(page) <= MAX_HEADER_PX, path


def test_ui_long_address_wraps_in_words_not_one_character_a_line(
    live_server, page, sign_in, designer
):
    AssignmentFactory(
        designer=designer, lead__community=LONG_COMMUNITY, lead__building=LONG_BUILDING
    )
    page.set_viewport_size(PHONE)
    sign_in(designer)
    page.goto(f"{live_server.url}/dispatch/my-leads/")
    cell = page.get_by_text(LONG_COMMUNITY, exact=False).first
    box = cell.bounding_box()
    assert box is not None and box["width"] >= 60  # a column of single characters is ~16 px wide


def test_ui_the_menu_is_a_drawer_on_a_phone(live_server, page, sign_in, cs_agent):
    page.set_viewport_size(PHONE)
    sign_in(cs_agent)
    assert not page.locator("[data-testid=main-nav]").is_visible()
    page.click("[data-testid=menu-button]")
    page.wait_for_selector("#shell-sidebar.show")
    assert page.locator("[data-nav='leads:index']").is_visible()
    page.click("[data-nav='leads:index']")
    page.wait_for_url(f"{live_server.url}/leads/")
    assert page.evaluate(OVERFLOW_JS) <= 0


def test_ui_the_sidebar_folds_away_on_desktop_and_stays_folded(live_server, page, sign_in, gm):
    page.set_viewport_size(DESKTOP)
    sign_in(gm)
    page.click("[data-testid=sidebar-toggle]")
    assert not page.locator("[data-testid=main-nav]").is_visible()
    page.goto(f"{live_server.url}/notifications/")
    assert not page.locator("[data-testid=main-nav]").is_visible()
    page.click("[data-testid=sidebar-toggle]")
    assert page.locator("[data-testid=main-nav]").is_visible()


def test_ui_the_current_page_is_marked_in_the_sidebar(live_server, page, sign_in, cs_agent):
    lead = LeadFactory()
    page.set_viewport_size(DESKTOP)
    sign_in(cs_agent)
    page.goto(f"{live_server.url}{lead.get_absolute_url()}")
    current = page.locator("[data-testid=main-nav] [aria-current=page]")
    assert current.count() == 1
    assert current.get_attribute("data-nav") == "leads:index"


@pytest.mark.parametrize("typed", ["139 1234 5678", "+86-139-1234-5678"])
def test_ui_global_search_by_phone_in_two_formats_finds_the_lead(
    live_server, page, sign_in, front_desk, gm, typed
):
    lead = LeadFactory(customer_name="王建华", phone="13912345678")
    hit = f"[data-testid=search-lead-{lead.pk}]"
    for person, shown in ((front_desk, "13912345678"), (gm, "139****5678")):
        page.context.clear_cookies()
        page.set_viewport_size(DESKTOP)
        sign_in(person)
        page.fill("[data-testid=global-search]", typed)
        page.press("[data-testid=global-search]", "Enter")
        page.wait_for_selector(hit)
        assert "王建华" in page.locator(hit).inner_text()
        assert page.locator(f"{hit} [data-testid=search-phone]").inner_text() == shown


def test_ui_the_lead_lists_filters_fold_behind_a_button_on_a_phone(
    live_server, page, sign_in, cs_agent
):
    LeadFactory(customer_name="王建华")
    page.set_viewport_size(PHONE)
    sign_in(cs_agent)
    page.goto(f"{live_server.url}/leads/")
    assert not page.locator("[data-testid=lead-filters]").is_visible()
    assert page.locator("[data-testid=lead-table]").is_visible()
    page.click("[data-testid=filters-toggle]")
    page.wait_for_selector("[data-testid=lead-filters].show")
    assert page.locator("[data-testid=lead-filters] input[name=q]").is_visible()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/leads/")
    assert page.locator("[data-testid=lead-filters]").is_visible()
    assert not page.locator("[data-testid=filters-toggle]").is_visible()
