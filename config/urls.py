from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from accounts.views import set_language
from portal import views as portal_views

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("panel/", portal_views.dashboard, name="dashboard"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("konto/", include("accounts.urls")),
    path("katalog/", include("directory.urls")),
    path("sprawy/", include("casework.urls")),
    path("dokumenty/", include("documents.urls")),
    path("portal/", include("portal.urls")),
    path("wydarzenia/", include("events.urls")),
    path("komitet/", include("committee.urls")),
    path("raporty/", include("reports.urls")),
    # reports serves its public indicators itself (nothing may import reports, reports may
    # not import api); before api's addresses, whose last pattern answers every other 404.
    path("api/public/indicators/", include("reports.api_urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    # Browsers and bookmarks ask for /favicon.ico whatever the page's <link rel="icon"> says;
    # the file is a static one (hashed name in production), found when the request comes.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.ico"))),
]

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

admin.site.site_header = settings.ESFLOW_SITE_NAME
admin.site.site_title = settings.ESFLOW_SITE_NAME
