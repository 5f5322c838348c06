from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from staff import views as staff_views

urlpatterns = [
    path("", staff_views.home, name="home"),
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
    path("complaints/", include("complaints.urls")),
    path("attendance/", include("attendance.urls")),
    path("admin/", admin.site.urls),
]
