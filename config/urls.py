from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.i18n import set_language

from staff import views as staff_views


@login_not_required
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico on every page, the login page too: the icon, not a 404."""
    found = finders.find("img/favicon.ico")
    if not found:
        raise Http404
    return FileResponse(open(found, "rb"), content_type="image/x-icon")


# Styled error pages: templates/403.html, 404.html (with the shell) and 500.html (static).
handler403 = "django.views.defaults.permission_denied"
handler404 = "django.views.defaults.page_not_found"
handler500 = "django.views.defaults.server_error"

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("", staff_views.home, name="home"),
    path("search/", staff_views.search, name="search"),  # the top bar's global search
    path("notifications/", staff_views.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", staff_views.notification_read, name="notification-read"),
    path(
        "notifications/read-all/", staff_views.notification_read_all, name="notification-read-all"
    ),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # The language switcher works on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("staff/", include("staff.urls")),
    path("leads/", include("leads.urls")),
    path("dispatch/", include("dispatch.urls")),
    path("frontdesk/", include("frontdesk.urls")),
    path("frontdesk/", include("reports.redirects")),  # the reports' old addresses
    path("reports/", include("reports.urls")),
    path("complaints/", include("complaints.urls")),
    path("attendance/", include("attendance.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]
