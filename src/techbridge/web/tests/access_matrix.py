"""Who may do what: every route × role, in one declarative table.

Each rule names a route, a method, what it acts on and the status each role gets. ``sees``
lists the roles that must see the confidential canary in the response (everyone else must
not); ``changes`` the roles whose request may change the database (everyone else's must not).
The meta-test fails when a route exists that this table does not cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("anonymous", "registered", "member", "other_member", "staff")
EVERYONE = dict.fromkeys(ROLES, 200)
SIGNED_IN = ("registered", "member", "other_member", "staff")


def statuses(default: int, **overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, default) for role in ROLES}


@dataclass(frozen=True)
class Rule:
    route: str
    method: str
    target: str  # what the URL and body are built from; see test_access_matrix.py
    expected: dict[str, int]
    sees: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    body: str = ""
    extra: dict[str, str] = field(default_factory=dict)


MATRIX: tuple[Rule, ...] = (
    # Public pages.
    Rule("web:home", "GET", "none", EVERYONE),
    Rule("web:search", "GET", "canary_query", EVERYONE, sees=SIGNED_IN),
    Rule("web:listing", "GET", "published", EVERYONE, sees=SIGNED_IN),
    Rule(
        "web:listing",
        "GET",
        "draft",
        statuses(404, member=200, staff=200),
        sees=("member", "staff"),
    ),
    Rule("set_language", "POST", "none", statuses(302)),
    # Accounts.
    Rule("web:login", "GET", "none", statuses(302, anonymous=200)),
    Rule("web:logout", "POST", "none", statuses(302)),
    Rule("web:two_factor", "GET", "none", statuses(200, anonymous=302)),
    Rule("web:preferences", "GET", "none", statuses(200, anonymous=302)),
    Rule("web:signup", "GET", "none", EVERYONE),
    Rule("web:verify_email", "GET", "bad_token", statuses(400)),
    Rule("web:password_reset", "GET", "none", EVERYONE),
    Rule("web:password_reset_done", "GET", "none", EVERYONE),
    Rule("web:password_reset_confirm", "GET", "bad_reset", EVERYONE),
    Rule("web:password_reset_complete", "GET", "none", EVERYONE),
    # Writing listings.
    Rule("web:my_listings", "GET", "none", statuses(200, anonymous=302)),
    Rule("web:listing_create", "GET", "none", statuses(200, anonymous=302)),
    Rule(
        "web:listing_edit",
        "GET",
        "draft",
        statuses(403, anonymous=302, member=200, staff=200),
        sees=("member", "staff"),
    ),
    Rule(
        "web:listing_submit",
        "POST",
        "draft",
        statuses(403, anonymous=302, member=302, staff=302),
        changes=("member", "staff"),
    ),
    # Organisations.
    Rule("web:organisations", "GET", "none", EVERYONE),
    Rule("web:organisation_new", "GET", "none", statuses(200, anonymous=302)),
    Rule(
        "web:organisation_join",
        "POST",
        "organisation",
        statuses(302),
        changes=("registered", "other_member", "staff"),
    ),
    Rule(
        "web:organisation_invite",
        "POST",
        "organisation",
        statuses(403, anonymous=302, member=302),
        changes=("member",),
        body="invite",
    ),
    Rule("web:invitation", "GET", "bad_token", statuses(200, anonymous=302)),
    Rule("web:my_organisations", "GET", "none", statuses(200, anonymous=302)),
    Rule(
        "web:join_request_decide",
        "POST",
        "join_request",
        statuses(403, anonymous=302, member=302),
        changes=("member",),
        body="approve",
    ),
    # Deals (the member's organisation owns the published offer; the other organisation's
    # member expressed interest in it). Nobody else learns that a deal exists.
    Rule(
        "web:listing_interest",
        "POST",
        "published",
        statuses(302),
        changes=("other_member",),
        body="interest",
    ),
    Rule("web:my_deals", "GET", "none", statuses(200, anonymous=302)),
    Rule("web:my_funnel", "GET", "none", statuses(200, anonymous=302)),
    Rule("web:secretariat_funnel", "GET", "none", statuses(403, anonymous=302, staff=200)),
    Rule("web:deal", "GET", "deal", statuses(404, anonymous=302, member=200, other_member=200)),
    Rule(
        "web:deal_act",
        "POST",
        "deal_message",
        statuses(404, anonymous=302, member=302, other_member=302),
        changes=("member", "other_member"),
        body="message",
    ),
    Rule(
        "web:deal_document",
        "GET",
        "deal_document",
        statuses(404, anonymous=302, member=200, other_member=200),
        changes=("member", "other_member"),  # each download is recorded
    ),
    Rule(
        "web:deal_history",
        "GET",
        "deal",
        statuses(404, anonymous=302, member=200, other_member=200),
    ),
    # Match suggestions (for the member's published offer), saved searches and alerts (the
    # saved search is the other organisation's member's).
    Rule(
        "web:listing_matches",
        "GET",
        "published",
        statuses(404, anonymous=302, member=200, staff=200),
    ),
    Rule(
        "web:suggestion_feedback",
        "POST",
        "suggestion",
        statuses(404, anonymous=302, member=302, staff=302),
        changes=("member", "staff"),
        body="useful",
    ),
    Rule(
        "web:search_save",
        "POST",
        "none",
        statuses(302),
        changes=SIGNED_IN,
        body="save_search",
    ),
    Rule("web:alerts", "GET", "none", statuses(200, anonymous=302)),
    Rule(
        "web:saved_search_delete",
        "POST",
        "saved_search",
        statuses(404, anonymous=302, other_member=302),
        changes=("other_member",),
    ),
    # The Conference's programme: dashboards for everyone, the report for the secretariat.
    Rule("web:programme", "GET", "none", EVERYONE),
    Rule("web:programme_area", "GET", "area", EVERYONE),
    Rule("web:programme_table", "GET", "programme_csv", EVERYONE),
    Rule("web:programme_area_table", "GET", "area_csv", EVERYONE),
    Rule("web:programme_report", "GET", "none", statuses(403, anonymous=302, staff=200)),
    Rule("secretariat:index", "GET", "none", statuses(302, staff=200)),
    # Instruments and bookings (the member administers the instrument's organisation; the
    # booking was requested by the other organisation's member).
    Rule("web:instruments", "GET", "none", EVERYONE),
    Rule("web:instrument", "GET", "instrument", EVERYONE),
    Rule("web:my_bookings", "GET", "none", statuses(200, anonymous=302)),
    # Listing instruments: the instrument organisation's managers and administrators only
    # (the other member administers another organisation: it may list its own instruments,
    # not the university's).
    Rule("web:my_instruments", "GET", "none", statuses(200, anonymous=302)),
    Rule(
        "web:instrument_create",
        "GET",
        "none",
        statuses(403, anonymous=302, member=200, other_member=200),
    ),
    Rule(
        "web:instrument_create",
        "POST",
        "none",
        statuses(403, anonymous=302, member=302, other_member=400),
        changes=("member",),
        body="instrument",
    ),
    Rule("web:instrument_edit", "GET", "instrument", statuses(403, anonymous=302, member=200)),
    Rule(
        "web:instrument_training",
        "POST",
        "instrument",
        statuses(403, anonymous=302, member=302),
        changes=("member",),
        body="trainee",
    ),
    Rule(
        "web:instrument_edit",
        "POST",
        "instrument",
        statuses(403, anonymous=302, member=302),
        changes=("member",),
        body="instrument",
    ),
    Rule(
        "web:booking_decide",
        "POST",
        "booking",
        statuses(403, anonymous=302, member=302),
        changes=("member",),
        body="approve",
    ),
    Rule(
        "web:booking_cancel",
        "POST",
        "booking",
        statuses(403, anonymous=302, member=302, other_member=302),
        changes=("member", "other_member"),
    ),
    Rule(
        "web:booking_complete",
        "POST",
        "used_booking",
        statuses(403, anonymous=302, member=302),
        changes=("member",),
        body="hours",
    ),
    # Calendar feeds: busy times are public; a user's feed needs its signed link.
    Rule("web:instrument_calendar", "GET", "instrument", EVERYONE),
    Rule("web:user_calendar", "GET", "bad_token", statuses(404)),
    Rule("web:api_tokens", "GET", "none", statuses(200, anonymous=302)),
    Rule(
        "web:api_token_revoke",
        "POST",
        "members_token",
        statuses(404, anonymous=302, member=302),
        changes=("member",),
    ),
    Rule("web:listings_import", "GET", "none", statuses(200, anonymous=302)),
    Rule("web:listings_export", "GET", "export_csv", EVERYONE, sees=SIGNED_IN),
    Rule("web:review_queue", "GET", "none", statuses(403, anonymous=302, staff=200)),
    Rule(
        "web:review_decide",
        "POST",
        "in_review",
        statuses(403, anonymous=302, staff=302),
        changes=("staff",),
        body="publish",
    ),
    # REST API.
    Rule("api:listing-list", "GET", "none", EVERYONE),
    Rule(
        "api:listing-list",
        "POST",
        "none",
        statuses(403, anonymous=401, member=201, staff=201),
        changes=("member", "staff"),
        body="new_listing",
    ),
    Rule("api:listing-detail", "GET", "published", EVERYONE, sees=SIGNED_IN),
    Rule(
        "api:listing-detail",
        "GET",
        "draft",
        statuses(404, member=200, staff=200),
        sees=("member", "staff"),
    ),
    Rule(
        "api:listing-detail",
        "PUT",
        "draft",
        statuses(403, anonymous=401, member=200, staff=200),
        changes=("member", "staff"),
        body="edit_draft",
    ),
    Rule(
        "api:listing-submit",
        "POST",
        "draft",
        statuses(403, anonymous=401, member=200, staff=200),
        changes=("member", "staff"),
    ),
    Rule(
        "api:listing-publish",
        "POST",
        "in_review",
        statuses(403, anonymous=401, staff=200),
        changes=("staff",),
    ),
    Rule(
        "api:listing-return-to-draft",
        "POST",
        "in_review",
        statuses(403, anonymous=401, staff=200),
        changes=("staff",),
        body="reason",
    ),
    Rule(
        "api:listing-hold",
        "POST",
        "published",
        statuses(403, anonymous=401, member=200, staff=200),
        changes=("member", "staff"),
    ),
    Rule(
        "api:listing-resume",
        "POST",
        "published",
        statuses(403, anonymous=401, member=400, staff=400),
    ),
    Rule(
        "api:listing-renew",
        "POST",
        "published",
        statuses(403, anonymous=401, member=200, staff=200),
        changes=("member", "staff"),
    ),
    Rule(
        "api:listing-archive",
        "POST",
        "published",
        statuses(403, anonymous=401, member=200, staff=200),
        changes=("member", "staff"),
    ),
    Rule("api:deal-list", "GET", "none", statuses(200, anonymous=401)),
    Rule(
        "api:deal-list",
        "POST",
        "none",
        statuses(403, anonymous=401, other_member=201),
        changes=("other_member",),
        body="api_interest",
    ),
    Rule(
        "api:deal-detail",
        "GET",
        "deal",
        statuses(404, anonymous=401, member=200, other_member=200),
    ),
    Rule(
        "api:deal-events",
        "POST",
        "deal",
        statuses(404, anonymous=401, member=200, other_member=400),
        changes=("member",),  # the owner screens; the interested party may not
        body="api_screen",
    ),
    Rule(
        "api:deal-messages",
        "GET",
        "deal",
        statuses(404, anonymous=401, member=200, other_member=200),
    ),
    Rule(
        "api:deal-messages",
        "POST",
        "deal",
        statuses(404, anonymous=401, member=201, other_member=201),
        changes=("member", "other_member"),
        body="message",
    ),
    Rule("api:search", "GET", "canary_query", EVERYONE, sees=SIGNED_IN),
    Rule("api:taxonomy", "GET", "none", EVERYONE),
    Rule("api:openapi", "GET", "none", EVERYONE),
    Rule("api:organisation-list", "GET", "none", EVERYONE),
    Rule("api:organisation-detail", "GET", "organisation", EVERYONE),
    # The administration site has Django's own permission checks; its entry point stands
    # for all of it.
    Rule("admin:index", "GET", "none", statuses(302, staff=200)),
)
