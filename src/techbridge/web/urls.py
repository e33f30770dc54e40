"""Public pages, mounted under each language prefix."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from techbridge.web.views.home import home
from techbridge.web.views.listings import listing_detail
from techbridge.web.views.search import search

app_name = "web"

urlpatterns = [
    path("", home, name="home"),
    path("search/", search, name="search"),
    path("listings/<str:reference>/", listing_detail, name="listing"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
