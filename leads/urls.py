from django.urls import path

from .views import filing, intake, leads, phone_lists, slips

app_name = "leads"

urlpatterns = [
    path("", leads.index, name="index"),
    path("export/", leads.export, name="export"),
    path("register/", intake.intake, name="intake"),
    path("register/check/", intake.check_phone, name="phone_check"),
    path("<int:pk>/", leads.lead_detail, name="detail"),
    path("<int:pk>/edit/", leads.lead_edit, name="edit"),
    path("<int:pk>/visit/", leads.record_visit, name="record_visit"),
    path("<int:pk>/rule/", leads.rule, name="rule"),
    path("<int:pk>/private-contact/", leads.private_contact, name="private_contact"),
    path("<int:pk>/slip/", slips.slip_fill, name="slip_fill"),
    path("slips/", slips.slip_list, name="slips"),
    path("slips/new/", slips.slip_new, name="slip_new"),
    path("slips/hr/", slips.slips_hr, name="slips_hr"),
    path("slips/hr/export/", slips.slips_hr_export, name="slips_hr_export"),
    path("slips/<int:pk>/", slips.slip_detail, name="slip_detail"),
    path("slips/<int:pk>/sign/", slips.slip_sign, name="slip_sign"),
    path("filings/", filing.filing_list, name="filings"),
    path("filings/today/", filing.filing_today, name="filing_today"),
    path("filings/<int:pk>/", filing.filing_detail, name="filing_detail"),
    path("filings/<int:pk>/add/", filing.filing_add, name="filing_add"),
    path("filings/<int:pk>/import/", filing.filing_import, name="filing_import"),
    path(
        "filings/<int:pk>/entries/<int:entry_pk>/remove/",
        filing.filing_remove,
        name="filing_remove",
    ),
    path("filings/<int:pk>/submit/", filing.filing_submit, name="filing_submit"),
    path("filings/<int:pk>/confirm/", filing.filing_confirm, name="filing_confirm"),
    path("filings/<int:pk>/return/", filing.filing_return, name="filing_return"),
    path("filings/<int:pk>/archive/", filing.filing_archive, name="filing_archive"),
    path("phone-lists/", phone_lists.phone_list_index, name="phone_lists"),
    path("phone-lists/import/", phone_lists.phone_list_import, name="phone_list_import"),
    path("phone-lists/<int:pk>/", phone_lists.phone_list_detail, name="phone_list_detail"),
]
