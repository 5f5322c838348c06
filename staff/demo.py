"""Demo firm for `manage.py seed_demo`: staff of every role with a supervisor chain.

Every demo login uses DEMO_PASSWORD (documented in README.md). Running the seed again updates
nothing that exists already: people are matched by employee number.
"""

from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Department, DesignerTier, Role, Staff

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - demo data only, documented in the README

D, R, T = Department, Role, DesignerTier

# employee_no, username, name, department, roles, supervisor employee_no, base salary, tier, admin
PEOPLE = [
    ("E001", "gm", "王建国", D.GM_OFFICE, [R.GM], None, 20000, "", True),
    ("E002", "hr", "刘芳", D.HR, [R.HR], "E001", 6000, "", True),
    ("E003", "cmanager", "张敏", D.CUSTOMER_SERVICE, [R.CUSTOMER_MANAGER], "E001", 1200, "", True),
    ("E004", "dmanager", "李强", D.DESIGN, [R.DESIGN_MANAGER], "E001", 9000, "", False),
    ("E005", "store", "陈军", D.STORE, [R.STORE_MANAGER], "E001", 8000, "", False),
    ("E006", "mktmanager", "赵磊", D.MARKETING, [R.MARKETING_MANAGER], "E001", 7000, "", False),
    ("E007", "frontdesk", "孙丽", D.CUSTOMER_SERVICE, [R.FRONT_DESK], "E003", 800, "", False),
    ("E008", "frontdesk2", "周婷", D.CUSTOMER_SERVICE, [R.FRONT_DESK], "E003", 800, "", False),
    ("E009", "agent", "吴静", D.CUSTOMER_SERVICE, [R.CS_AGENT], "E003", 3000, "", False),
    ("E010", "agent2", "郑洁", D.CUSTOMER_SERVICE, [R.CS_AGENT], "E003", 3000, "", False),
    ("E011", "sales", "钱伟", D.MARKETING, [R.MARKETING_SALES], "E006", 2500, "", False),
    ("E012", "sales2", "冯涛", D.MARKETING, [R.MARKETING_SALES], "E006", 2500, "", False),
    ("E013", "sales3", "褚红", D.MARKETING, [R.MARKETING_SALES], "E006", 2500, "", False),
    ("E014", "engineer", "卫东", D.ENGINEERING, [R.ENGINEERING], "E001", 5000, "", False),
    ("E015", "engineer2", "蒋波", D.ENGINEERING, [R.ENGINEERING], "E014", 4500, "", False),
    ("E016", "hr2", "沈玉", D.HR, [R.HR], "E002", 4000, "", False),
    ("E017", "designer", "韩雪", D.DESIGN, [R.DESIGNER], "E004", 4000, T.DESIGNER, False),
    ("E018", "designer2", "杨帆", D.DESIGN, [R.DESIGNER], "E004", 4000, T.DESIGNER, False),
    ("E019", "designer3", "朱琳", D.DESIGN, [R.DESIGNER], "E004", 4000, T.DESIGNER, False),
    ("E020", "designer4", "秦浩", D.DESIGN, [R.DESIGNER], "E004", 4000, T.DESIGNER, False),
    ("E021", "deputy", "尤佳", D.DESIGN, [R.DESIGNER], "E004", 5000, T.DEPUTY_DIRECTOR, False),
    ("E022", "deputy2", "许晨", D.DESIGN, [R.DESIGNER], "E004", 5000, T.DEPUTY_DIRECTOR, False),
    ("E023", "deputy3", "何静", D.DESIGN, [R.DESIGNER], "E004", 5000, T.DEPUTY_DIRECTOR, False),
    ("E024", "director", "吕斌", D.DESIGN, [R.DESIGNER], "E004", 6500, T.DIRECTOR, False),
    ("E025", "director2", "施雨", D.DESIGN, [R.DESIGNER], "E004", 6500, T.DIRECTOR, False),
    ("E026", "director3", "张扬", D.DESIGN, [R.DESIGNER], "E004", 6500, T.DIRECTOR, False),
    ("E027", "chief", "孔明远", D.DESIGN, [R.DESIGNER], "E004", 9000, T.CHIEF, False),
    ("E028", "chief2", "曹文", D.DESIGN, [R.DESIGNER], "E004", 9000, T.CHIEF, False),
    ("E029", "agent3", "严丽", D.CUSTOMER_SERVICE, [R.CS_AGENT], "E003", 3000, "", False),
    ("E030", "sales4", "华强", D.MARKETING, [R.MARKETING_SALES], "E006", 2500, "", False),
]


@transaction.atomic
def seed() -> int:
    """Create the demo staff that do not exist yet; return how many were created."""
    created = 0
    groups = {group.name: group for group in Group.objects.all()}
    for number, username, name, dept, roles, boss, salary, tier, admin in PEOPLE:
        if Staff.objects.filter(employee_no=number).exists():
            continue
        person = Staff(
            employee_no=number,
            username=username,
            name=name,
            department=dept,
            supervisor=Staff.objects.get(employee_no=boss) if boss else None,
            base_salary=Decimal(salary),
            designer_tier=tier,
            email=f"{username}@example.com",
            phone=f"1390000{number[1:]:0>4}",
            is_staff=admin,
        )
        person.set_password(DEMO_PASSWORD)
        person.save()
        person.groups.set([groups[str(role)] for role in roles])
        created += 1
    if not Staff.objects.filter(username="admin").exists():
        Staff.objects.create_superuser(
            "admin",
            "admin@example.com",
            DEMO_PASSWORD,
            employee_no="E000",
            name="系统管理员",
            department=D.GM_OFFICE,
        )
        created += 1
    return created
