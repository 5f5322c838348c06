"""The fault list of the front desk's rules (前台文员·工作考核), with default deductions.

The source names the faults but no amounts; the defaults below are a starting point the customer
manager changes in the admin (FD-5).
"""

from decimal import Decimal

from django.db import migrations

FAULT_TYPES = [
    ("reception-not-proactive", "接待客户不主动", "接待客户不主动、不及时、不热情,客户及设计师反映差的。", 20),
    ("desk-unattended", "前台长时间无人", "前台出现长时间无人,业主无人接待的。", 30),
    (
        "phone-not-answered",
        "电话未在三声内接听",
        "接听电话不规范、不及时(指电话铃响三声后无人接听)、记录不清晰的。",
        20,
    ),
    ("tables-late-or-wrong", "报表不及时或有误", "报表填写不及时、不准确、出现明显错误的。", 20),
    ("untidy-area", "环境不整洁", "环境不整洁,工作场所卫生差,检查时发现地面有垃圾、杂物的。", 10),
    (
        "copying-misuse",
        "复印不当",
        "资料复印出现越权复印、超量复印、少印、不及时复印和复印不清晰的。",
        10,
    ),
    ("duty-neglect", "履职不到位", "客服经理及行政助理认为履职不到位,带来工作被动和造成损失的。", 50),
]


def create_fault_types(apps, schema_editor):
    FaultType = apps.get_model("staff", "FaultType")
    for order, (code, name, description, amount) in enumerate(FAULT_TYPES, start=1):
        FaultType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "default_deduction": Decimal(amount),
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("staff", "0003_faults_and_instruction_requests")]

    operations = [migrations.RunPython(create_fault_types, migrations.RunPython.noop)]
