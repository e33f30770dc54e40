"""URL routes: public pages and the administration site under each language prefix.

A bare path such as ``/`` is redirected by the locale middleware to the visitor's language
(browsers' zh-HK / zh-TW map to zh-hant, zh-CN to zh-hans).
"""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from techbridge.accounts.admin import throttled_login
from techbridge.programme.secretariat import secretariat_site

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("techbridge.api.urls")),
]
urlpatterns += i18n_patterns(
    # Before each site's own routes: their log-in pages share the platform's lockout.
    path("admin/login/", throttled_login(admin.site)),
    path("admin/", admin.site.urls),
    path("secretariat/admin/login/", throttled_login(secretariat_site)),
    path("secretariat/admin/", secretariat_site.urls),
    path("", include("techbridge.web.urls")),
    prefix_default_language=True,
)
