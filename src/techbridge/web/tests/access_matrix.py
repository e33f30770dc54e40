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
    # Notifications (the member's own one; nobody else's may be read or opened).
    Rule("web:notifications", "GET", "none", statuses(200, anonymous=302)),
    Rule(
        "web:notifications_read_all",
        "POST",
        "none",
        statuses(302),
        changes=("member", "other_member"),  # each their own (the other has some in a deal)
    ),
    Rule(
        "web:notification_read",
        "POST",
        "notification",
        statuses(404, anonymous=302, member=302),
        changes=("member",),
    ),
    Rule(
        "web:notification_open",
        "GET",
        "notification",
        statuses(404, anonymous=302, member=302),
        changes=("member",),
    ),
    Rule("web:notifications_unsubscribe", "GET", "bad_token", statuses(400)),
    Rule("web:notifications_unsubscribe", "POST", "bad_token", statuses(400)),
    Rule("web:signup", "GET", "none", EVERYONE),
    Rule("web:verify_email", "GET", "bad_token", statuses(400)),
    Rule("web:privacy", "GET", "none", EVERYONE),
    Rule("web:privacy_consent", "GET", "none", statuses(200, anonymous=302)),
    # One's own personal data: shown, downloaded (each download recorded), the account
    # deleted only with the password (none given here: nothing deleted).
    Rule("web:my_data", "GET", "none", statuses(200, anonymous=302)),
    Rule("web:my_data_download", "POST", "none", statuses(200, anonymous=302), changes=SIGNED_IN),
    Rule("web:my_account_delete", "POST", "none", statuses(400, anonymous=302)),
    Rule("web:account_deleted", "GET", "none", EVERYONE),
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
    # A listing's pictures and summary PDF: managed by its editors, served to whoever may
    # read its teaser (an unpublished listing's files do not exist for anyone else).
    Rule(
        "web:listing_media",
        "GET",
        "draft",
        statuses(403, anonymous=302, member=200, staff=200),
    ),
    Rule("web:listing_image", "GET", "published_image", EVERYONE),
    Rule("web:listing_image", "GET", "draft_image", statuses(404, member=200, staff=200)),
    Rule("web:listing_image_thumbnail", "GET", "published_image", EVERYONE),
    Rule("web:listing_image_thumbnail", "GET", "draft_image", statuses(404, member=200, staff=200)),
    Rule("web:listing_summary", "GET", "published_summary", EVERYONE),
    Rule("web:listing_summary", "GET", "draft_summary", statuses(404, member=200, staff=200)),
    # Organisations.
    Rule("web:organisations", "GET", "none", EVERYONE),
    Rule("web:organisation_new", "GET", "none", statuses(200, anonymous=302)),
    # Its public profile (never with an anonymous listing), edited by its administrators.
    Rule("web:organisation", "GET", "organisation", EVERYONE),
    Rule("web:organisation_edit", "GET", "organisation", statuses(403, anonymous=302, member=200)),
    # A published expert profile of the organisation, named on one of its listings.
    Rule("web:expert", "GET", "expert", EVERYONE),
    Rule(
        "web:expert_new",
        "GET",
        "organisation",
        statuses(403, anonymous=302, member=200, staff=200),
    ),
    Rule("web:expert_edit", "GET", "expert", statuses(403, anonymous=302, member=200, staff=200)),
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
        body="confirmed",
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
        body="confirmed",
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
        body="confirmed",
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
    # A listing's match suggestions: its owner's members (and staff) only, as on the page.
    Rule("api:listing-matches", "GET", "published", statuses(404, member=200, staff=200)),
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
    Rule("api:instrument-list", "GET", "none", EVERYONE),
    Rule("api:instrument-detail", "GET", "instrument", EVERYONE),
    Rule("api:instrument-free-slots", "GET", "instrument", EVERYONE),
    Rule("api:booking-list", "GET", "none", statuses(200, anonymous=401)),
    Rule(
        "api:booking-list",
        "POST",
        "bookable",
        statuses(201, anonymous=401),
        changes=SIGNED_IN,
        body="api_booking",
    ),
    Rule("api:booking-managed", "GET", "none", statuses(200, anonymous=401)),
    Rule(
        "api:booking-detail",
        "GET",
        "booking",
        statuses(404, anonymous=401, member=200, other_member=200),
    ),
    # The member's session has no second factor: its decisions are refused too.
    Rule(
        "api:booking-approve",
        "POST",
        "booking",
        statuses(404, anonymous=401, member=403, other_member=403),
    ),
    Rule(
        "api:booking-decline",
        "POST",
        "booking",
        statuses(404, anonymous=401, member=403, other_member=403),
    ),
    Rule(
        "api:booking-cancel",
        "POST",
        "booking",
        statuses(404, anonymous=401, member=200, other_member=200),
        changes=("member", "other_member"),
    ),
    Rule(
        "api:booking-complete",
        "POST",
        "used_booking",
        statuses(404, anonymous=401, member=200, other_member=403),
        changes=("member",),
        body="api_hours",
    ),
    Rule("api:programme-area-list", "GET", "none", EVERYONE),
    Rule("api:programme-item-list", "GET", "none", EVERYONE),
    Rule("api:programme-item-detail", "GET", "programme_item", EVERYONE),
    Rule("api:programme-indicator-list", "GET", "none", EVERYONE),
    Rule("api:docs", "GET", "none", EVERYONE),
    # The administration site has Django's own permission checks; its entry point stands
    # for all of it.
    Rule("admin:index", "GET", "none", statuses(302, staff=200)),
)

# The owner of an anonymous listing is a subject of the matrix too. Its organisation's names
# and slug may reach, on each route (method and name), only the roles stated here while the
# interested party (``other_member``) waits for the owner (``member``'s organisation) to accept
# its interest; once it accepts, the routes of NAMED_ONCE_ACCEPTED name it to the interested
# party as well. test_access_matrix.py runs every rule again with the owner's listings
# anonymous and checks both; a route not stated here fails its meta-test.
ANONYMOUS_OWNER_NAMES = {
    "en": "Zqxanon Owner Institute",
    "zh-hant": "隱名擁有者研究院",
    "zh-hans": "隐名拥有者研究院",
}
# Sorts before every other slug: the first page of the organisation list (by slug) holds it.
ANONYMOUS_OWNER_SLUG = "anon-zqx-owner"

NOBODY: tuple[str, ...] = ()
ITSELF = ("member",)
# Platform administrators edit any listing, and create listings for any organisation.
ITSELF_AND_ADMINISTRATORS = ("member", "staff")
# The organisation in its own right (the directory, the instruments it runs), never beside
# its anonymous listings.
IN_ITS_OWN_RIGHT = ROLES

ANONYMOUS_OWNER_NAMED_TO: dict[str, tuple[str, ...]] = {
    "GET web:home": NOBODY,
    "GET web:search": NOBODY,
    "GET web:listing": ITSELF_AND_ADMINISTRATORS,
    "POST set_language": NOBODY,
    "GET web:login": NOBODY,
    "POST web:logout": NOBODY,
    "GET web:two_factor": NOBODY,
    "GET web:preferences": NOBODY,
    "GET web:notifications": NOBODY,
    "POST web:notifications_read_all": NOBODY,
    "POST web:notification_read": NOBODY,
    "GET web:notification_open": NOBODY,
    "GET web:notifications_unsubscribe": NOBODY,
    "POST web:notifications_unsubscribe": NOBODY,
    "GET web:signup": NOBODY,
    "GET web:verify_email": NOBODY,
    "GET web:privacy": NOBODY,
    "GET web:privacy_consent": NOBODY,
    "GET web:my_data": ITSELF,
    "POST web:my_data_download": ITSELF,
    "POST web:my_account_delete": ITSELF,
    "GET web:account_deleted": NOBODY,
    "GET web:password_reset": NOBODY,
    "GET web:password_reset_done": NOBODY,
    "GET web:password_reset_confirm": NOBODY,
    "GET web:password_reset_complete": NOBODY,
    "GET web:my_listings": NOBODY,
    "GET web:listing_create": ITSELF_AND_ADMINISTRATORS,
    "GET web:listing_edit": ITSELF_AND_ADMINISTRATORS,
    "GET web:listing_media": NOBODY,
    "GET web:listing_image": NOBODY,
    "GET web:listing_image_thumbnail": NOBODY,
    "GET web:listing_summary": NOBODY,
    "POST web:listing_submit": NOBODY,
    "GET web:organisations": IN_ITS_OWN_RIGHT,
    "GET web:organisation_new": NOBODY,
    "GET web:organisation": IN_ITS_OWN_RIGHT,
    "GET web:organisation_edit": ITSELF,
    "GET web:expert": IN_ITS_OWN_RIGHT,
    "GET web:expert_new": ITSELF_AND_ADMINISTRATORS,
    "GET web:expert_edit": ITSELF_AND_ADMINISTRATORS,
    "POST web:organisation_join": NOBODY,
    "POST web:organisation_invite": NOBODY,
    "GET web:invitation": NOBODY,
    "GET web:my_organisations": ITSELF,
    "POST web:join_request_decide": NOBODY,
    "POST web:listing_interest": NOBODY,
    "GET web:my_deals": ITSELF,
    "GET web:my_funnel": NOBODY,
    "GET web:secretariat_funnel": NOBODY,
    "GET web:deal": ITSELF,
    "POST web:deal_act": NOBODY,
    "GET web:deal_document": NOBODY,
    "GET web:deal_history": NOBODY,
    "GET web:listing_matches": NOBODY,
    "POST web:suggestion_feedback": NOBODY,
    "POST web:search_save": NOBODY,
    "GET web:alerts": NOBODY,
    "POST web:saved_search_delete": NOBODY,
    "GET web:programme": NOBODY,
    "GET web:programme_area": NOBODY,
    "GET web:programme_table": NOBODY,
    "GET web:programme_area_table": NOBODY,
    "GET web:programme_report": NOBODY,
    "GET secretariat:index": NOBODY,
    "GET web:instruments": NOBODY,
    "GET web:instrument": IN_ITS_OWN_RIGHT,
    "GET web:my_bookings": NOBODY,
    "GET web:my_instruments": NOBODY,
    "GET web:instrument_create": ITSELF,
    "POST web:instrument_create": NOBODY,
    "GET web:instrument_edit": NOBODY,
    "POST web:instrument_training": NOBODY,
    "POST web:instrument_edit": NOBODY,
    "POST web:booking_decide": NOBODY,
    "POST web:booking_cancel": NOBODY,
    "POST web:booking_complete": NOBODY,
    "GET web:instrument_calendar": NOBODY,
    "GET web:user_calendar": NOBODY,
    "GET web:api_tokens": NOBODY,
    "POST web:api_token_revoke": NOBODY,
    "GET web:listings_import": NOBODY,
    "GET web:listings_export": ITSELF_AND_ADMINISTRATORS,
    "GET web:review_queue": NOBODY,
    "POST web:review_decide": NOBODY,
    "GET api:listing-list": NOBODY,
    "POST api:listing-list": ITSELF_AND_ADMINISTRATORS,
    "GET api:listing-detail": NOBODY,
    "PUT api:listing-detail": ITSELF_AND_ADMINISTRATORS,
    "POST api:listing-submit": NOBODY,
    "POST api:listing-publish": NOBODY,
    "POST api:listing-return-to-draft": NOBODY,
    "POST api:listing-hold": NOBODY,
    "POST api:listing-resume": NOBODY,
    "POST api:listing-renew": NOBODY,
    "POST api:listing-archive": NOBODY,
    "GET api:listing-matches": NOBODY,
    "GET api:deal-list": ITSELF,
    "POST api:deal-list": NOBODY,
    "GET api:deal-detail": ITSELF,
    "POST api:deal-events": ITSELF,
    "GET api:deal-messages": ITSELF,
    "POST api:deal-messages": ITSELF,
    "GET api:search": NOBODY,
    "GET api:taxonomy": NOBODY,
    "GET api:openapi": NOBODY,
    "GET api:organisation-list": IN_ITS_OWN_RIGHT,
    "GET api:organisation-detail": IN_ITS_OWN_RIGHT,
    "GET api:instrument-list": NOBODY,
    "GET api:instrument-detail": IN_ITS_OWN_RIGHT,
    "GET api:instrument-free-slots": NOBODY,
    "GET api:booking-list": NOBODY,
    "POST api:booking-list": SIGNED_IN,
    "GET api:booking-managed": NOBODY,
    "GET api:booking-detail": ("member", "other_member"),
    "POST api:booking-approve": NOBODY,
    "POST api:booking-decline": NOBODY,
    "POST api:booking-cancel": ("member", "other_member"),
    "POST api:booking-complete": ITSELF,
    "GET api:programme-area-list": NOBODY,
    "GET api:programme-item-list": NOBODY,
    "GET api:programme-item-detail": NOBODY,
    "GET api:programme-indicator-list": NOBODY,
    "GET api:docs": NOBODY,
    "GET admin:index": NOBODY,
}

# The deal's own surfaces, and the notifications about it, once the owner has accepted the
# interest. (The history download gives organisations by id: test_anonymous_owner.py.)
NAMED_ONCE_ACCEPTED = frozenset(
    {
        "GET web:my_deals",
        "GET web:deal",
        "GET web:notifications",
        "GET api:deal-list",
        "GET api:deal-detail",
        "GET api:deal-messages",
    }
)
