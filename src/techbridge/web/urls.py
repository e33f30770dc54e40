"""Public pages, mounted under each language prefix."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from techbridge.web.views import (
    accounts,
    bookings,
    bulk,
    calendars,
    deals,
    funnel,
    instruments,
    listing_media,
    manage,
    matches,
    notifications,
    organisations,
    personal_data,
    privacy,
    profiles,
    programme,
    tokens,
    two_factor,
)
from techbridge.web.views.home import home
from techbridge.web.views.listings import listing_detail
from techbridge.web.views.search import search

app_name = "web"

urlpatterns = [
    path("", home, name="home"),
    path("search/", search, name="search"),
    path("listings/<str:reference>/", listing_detail, name="listing"),
    path("listings/<str:reference>/interest/", deals.listing_interest, name="listing_interest"),
    path("my/deals/", deals.my_deals, name="my_deals"),
    path("my/funnel/", funnel.my_funnel, name="my_funnel"),
    path("secretariat/funnel/", funnel.secretariat_funnel, name="secretariat_funnel"),
    path("my/listings/<str:reference>/matches/", matches.listing_matches, name="listing_matches"),
    path("matches/<int:pk>/feedback/", matches.suggestion_feedback, name="suggestion_feedback"),
    path("search/save/", matches.search_save, name="search_save"),
    path("my/alerts/", matches.alerts, name="alerts"),
    path(
        "my/saved-searches/<int:pk>/delete/",
        matches.saved_search_delete,
        name="saved_search_delete",
    ),
    path("deals/<int:pk>/", deals.deal_detail, name="deal"),
    path("deals/<int:pk>/do/<slug:action>/", deals.deal_act, name="deal_act"),
    path(
        "deals/<int:pk>/documents/<int:document_pk>/",
        deals.deal_document,
        name="deal_document",
    ),
    path("deals/<int:pk>/history.jsonl", deals.deal_history, name="deal_history"),
    path("my/listings/", manage.my_listings, name="my_listings"),
    path("my/listings/new/", manage.listing_form, name="listing_create"),
    path("my/listings/import/", bulk.listings_import_page, name="listings_import"),
    path("listings/export/<str:fmt>/", bulk.listings_export, name="listings_export"),
    path("my/listings/<str:reference>/edit/", manage.listing_form, name="listing_edit"),
    path("my/listings/<str:reference>/submit/", manage.listing_submit, name="listing_submit"),
    path(
        "my/listings/<str:reference>/media/",
        listing_media.listing_media_page,
        name="listing_media",
    ),
    path(
        "listings/<str:reference>/images/<int:pk>/",
        listing_media.listing_image,
        name="listing_image",
    ),
    path(
        "listings/<str:reference>/images/<int:pk>/small/",
        listing_media.listing_image_thumbnail,
        name="listing_image_thumbnail",
    ),
    path(
        "listings/<str:reference>/summary.pdf",
        listing_media.listing_summary,
        name="listing_summary",
    ),
    path("organisations/", organisations.organisation_directory, name="organisations"),
    path("organisations/new/", organisations.organisation_new, name="organisation_new"),
    path("organisations/<slug:slug>/", profiles.organisation_profile, name="organisation"),
    path("organisations/<slug:slug>/edit/", profiles.organisation_edit, name="organisation_edit"),
    path("experts/<int:pk>/", profiles.expert_profile, name="expert"),
    path("experts/<int:pk>/edit/", profiles.expert_edit, name="expert_edit"),
    path("organisations/<slug:slug>/experts/new/", profiles.expert_new, name="expert_new"),
    path(
        "organisations/<slug:slug>/join/",
        organisations.organisation_join,
        name="organisation_join",
    ),
    path(
        "organisations/<slug:slug>/invite/",
        organisations.organisation_invitation_send,
        name="organisation_invite",
    ),
    path("invitations/<str:token>/", organisations.invitation, name="invitation"),
    path("my/organisations/", organisations.my_organisations, name="my_organisations"),
    path(
        "my/organisations/requests/<int:pk>/",
        organisations.join_request_decision,
        name="join_request_decide",
    ),
    path("programme/", programme.programme_dashboard, name="programme"),
    path("programme/areas/<slug:code>/", programme.programme_area, name="programme_area"),
    path(
        "programme/areas/<slug:code>/tables/<slug:table>.csv",
        programme.programme_area_table,
        name="programme_area_table",
    ),
    path("programme/tables/<slug:table>.csv", programme.programme_table, name="programme_table"),
    path("programme/report/", programme.programme_report, name="programme_report"),
    path("instruments/", bookings.instrument_list, name="instruments"),
    path("instruments/<int:pk>/", bookings.instrument_detail, name="instrument"),
    path("my/bookings/", bookings.my_bookings, name="my_bookings"),
    path("my/instruments/", instruments.my_instruments, name="my_instruments"),
    path("my/instruments/new/", instruments.instrument_create, name="instrument_create"),
    path("my/instruments/<int:pk>/edit/", instruments.instrument_edit, name="instrument_edit"),
    path(
        "my/instruments/<int:pk>/training/",
        instruments.instrument_training,
        name="instrument_training",
    ),
    path("bookings/<int:pk>/decide/", bookings.booking_decide, name="booking_decide"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel_view, name="booking_cancel"),
    path("bookings/<int:pk>/complete/", bookings.booking_complete_view, name="booking_complete"),
    path(
        "instruments/<int:pk>/calendar.ics",
        calendars.instrument_calendar,
        name="instrument_calendar",
    ),
    path("calendars/<str:token>/bookings.ics", calendars.user_calendar, name="user_calendar"),
    path("my/tokens/", tokens.api_tokens, name="api_tokens"),
    path("my/tokens/<int:pk>/revoke/", tokens.api_token_revoke_view, name="api_token_revoke"),
    path("review/", manage.review_queue, name="review_queue"),
    path("review/<str:reference>/", manage.review_decide, name="review_decide"),
    path(
        "login/",
        accounts.ThrottledLoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", two_factor.two_factor, name="two_factor"),
    path("my/preferences/", accounts.preferences, name="preferences"),
    path("my/notifications/", notifications.notifications_page, name="notifications"),
    path(
        "my/notifications/read-all/",
        notifications.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "my/notifications/<int:pk>/read/",
        notifications.notification_read,
        name="notification_read",
    ),
    path(
        "my/notifications/<int:pk>/open/",
        notifications.notification_open,
        name="notification_open",
    ),
    path(
        "notifications/unsubscribe/<str:token>/",
        notifications.notifications_unsubscribe,
        name="notifications_unsubscribe",
    ),
    path("signup/", accounts.sign_up, name="signup"),
    path("privacy/", privacy.privacy_notice, name="privacy"),
    path("privacy/consent/", privacy.privacy_consent, name="privacy_consent"),
    path("my/data/", personal_data.my_data, name="my_data"),
    path("my/data/download/", personal_data.my_data_download, name="my_data_download"),
    path("my/data/delete/", personal_data.my_account_delete, name="my_account_delete"),
    path("account-deleted/", personal_data.account_deleted, name="account_deleted"),
    path("verify/<str:token>/", accounts.verify_email, name="verify_email"),
    path(
        "password-reset/",
        accounts.LimitedPasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.html",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("web:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
