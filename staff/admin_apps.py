"""Django's admin app with the firm's site (SEC-5). Its own module: an apps module that imports
another AppConfig would declare two."""

from django.contrib.admin.apps import AdminConfig


class FirmAdminConfig(AdminConfig):
    default_site = "staff.admin_site.FirmAdminSite"
