"""The presets of the files offices have (issue 19): ZKTeco time clocks, a phone system's calls."""

from django.db import migrations

PRESETS = [
    {
        "name": "中控考勤机 ZKTeco",
        "kind": "CLOCK",
        "mapping": {
            "考勤号码": "employee_no",
            "工号": "employee_no",
            "人员编号": "employee_no",
            "日期时间": "punch",
            "签到时间": "punch",
            "部门": "",
            "姓名": "",
            "机器号": "",
            "比对方式": "",
        },
        "date_format": "%Y-%m-%d %H:%M:%S",
        "one_punch_per_row": True,
        "notes": "中控考勤机及其考勤软件导出的原始打卡记录：每行一次打卡，"
        "同一人同一天最早一次为上班、最晚一次为下班。",
    },
    {
        "name": "电话系统通话记录",
        "kind": "CALLS",
        "mapping": {
            "坐席": "employee_no",
            "工号": "employee_no",
            "坐席工号": "employee_no",
            "开始时间": "start_time",
            "振铃时长": "ring_seconds",
            "通话时长": "talk_seconds",
            "满意度": "satisfaction",
            "主叫": "",
            "被叫": "",
        },
        "date_format": "%Y-%m-%d %H:%M:%S",
        "one_punch_per_row": False,
        "notes": "常见呼叫中心/电话系统导出的通话记录；振铃、通话时长为秒。"
        "首次解决、投诉两列可不填（视为否）。",
    },
]


def add_presets(apps, schema_editor):
    ColumnPreset = apps.get_model("staff", "ColumnPreset")
    for preset in PRESETS:
        ColumnPreset.objects.get_or_create(name=preset["name"], defaults=preset)


def remove_presets(apps, schema_editor):
    ColumnPreset = apps.get_model("staff", "ColumnPreset")
    ColumnPreset.objects.filter(name__in=[p["name"] for p in PRESETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("staff", "0011_column_presets")]

    operations = [migrations.RunPython(add_presets, remove_presets)]
