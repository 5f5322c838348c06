from django.urls import path

from . import views
from .views import pay, pay_bonus

app_name = "attendance"

urlpatterns = [
    path("", views.index, name="index"),
    # Leave (ATT-4, ATT-5)
    path("leave/", views.leave_list, name="leave-list"),
    path("leave/new/", views.leave_new, name="leave-new"),
    path("leave/<int:pk>/", views.leave_detail, name="leave-detail"),
    path("leave/<int:pk>/approve/", views.leave_approve, name="leave-approve"),
    path("leave/<int:pk>/reject/", views.leave_reject, name="leave-reject"),
    path("leave/<int:pk>/cancel/", views.leave_cancel, name="leave-cancel"),
    path("approvals/", views.approvals, name="approvals"),
    path("calendar/", views.department_calendar, name="calendar"),
    # Outings (ATT-6)
    path("outings/", views.outing_list, name="outings"),
    path("outings/<int:pk>/decide/", views.outing_decide, name="outing-decide"),
    path("outings/<int:pk>/cancel/", views.outing_cancel, name="outing-cancel"),
    path("outings/register/", views.outing_register, name="outing-register"),
    path("outings/<int:pk>/out/", views.outing_mark, {"direction": "out"}, name="outing-out"),
    path("outings/<int:pk>/back/", views.outing_mark, {"direction": "back"}, name="outing-back"),
    # Records (ATT-1, ATT-2)
    path("clock/", views.clock_list, name="clock-list"),
    path("clock/new/", views.clock_form, name="clock-new"),
    path("clock/<int:pk>/", views.clock_form, name="clock-edit"),
    path("clock/import/", views.clock_import, name="clock-import"),
    path("clock/template.csv", views.clock_template, name="clock-template"),
    path("off-post/", views.off_post_list, name="off-post"),
    path("off-post/<int:pk>/delete/", views.off_post_delete, name="off-post-delete"),
    # Reports (ATT-3, ATT-8)
    path("daily/", views.daily, name="daily"),
    path("violations/", views.violations, name="violations"),
    path("summary/", views.summary, name="summary"),
    path("summary/export/", views.summary_export, name="summary-export"),
    # Pay statements (COM-5) and the year-end bonus (COM-3)
    path("pay/mine/", pay.my_pay, name="pay-mine"),
    path("pay/", pay.pay_months, name="pay-months"),
    path("pay/prepare/", pay.pay_prepare, name="pay-prepare"),
    path("pay/<int:year>/<int:month>/", pay.pay_month, name="pay-month"),
    path("pay/<int:year>/<int:month>/submit/", pay.pay_submit, name="pay-submit"),
    path("pay/<int:year>/<int:month>/approve/", pay.pay_approve, name="pay-approve"),
    path("pay/<int:year>/<int:month>/return/", pay.pay_return, name="pay-return"),
    path("pay/<int:year>/<int:month>/export/", pay.pay_export, name="pay-export"),
    path("pay/<int:year>/<int:month>/print/", pay.pay_print, name="pay-print"),
    path("pay/statements/<int:pk>/", pay.pay_statement, name="pay-statement"),
    path("pay/statements/<int:pk>/lines/", pay.pay_line_add, name="pay-line-add"),
    path("pay/lines/<int:pk>/remove/", pay.pay_line_remove, name="pay-line-remove"),
    path("pay/bonus/", pay_bonus.pay_bonus, name="pay-bonus"),
    path("pay/bonus/set/", pay_bonus.pay_bonus_set, name="pay-bonus-set"),
    path("pay/bonus/<int:pk>/withdraw/", pay_bonus.pay_bonus_withdraw, name="pay-bonus-withdraw"),
    # HR set-up (ATT-1)
    path("holidays/", views.holidays, name="holidays"),
    path("holidays/prefill/", views.holiday_prefill, name="holiday-prefill"),
    path("holidays/<int:pk>/delete/", views.holiday_delete, name="holiday-delete"),
    path("schedules/", views.schedules, name="schedules"),
    path("schedules/new/", views.schedule_form, name="schedule-new"),
    path("schedules/<int:pk>/", views.schedule_form, name="schedule-edit"),
    path("schedules/<int:pk>/delete/", views.schedule_delete, name="schedule-delete"),
]
