"""The secretariat edits the programme in its own site (second factor first); nobody else
can, and the public dashboard shows only what is published."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from techbridge.accounts.models import User
from techbridge.accounts.tests.factories import UserFactory
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.programme.models import ActionItem, Decision, Measurement, Meeting
from techbridge.programme.tests.fixtures import YEAR, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(db: None) -> User:
    user = UserFactory.create(email="secretariat@gov.example.hk")
    group, _ = Group.objects.get_or_create(name="secretariat")
    user.groups.add(group)
    return user


def test_secretariat_enters_a_measurement_with_evidence(
    client: Client, programme: Programme, secretary: User
) -> None:
    client.force_login(secretary)
    # Before the second factor: only the second-factor page.
    assert client.get("/en/secretariat/admin/").status_code == 302
    log_in_verified(client, secretary)
    url = f"/en/secretariat/admin/programme/indicator/{programme.labs_b.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: "" if value is None else value
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(
        {
            "mechanism": programme.mechanism.pk,
            "area": programme.innovation.pk,
            "item": programme.labs_b.item_id,
            "is_published": "on",
            "measurements-TOTAL_FORMS": "3",
            "measurements-INITIAL_FORMS": "2",
            "measurements-MIN_NUM_FORMS": "0",
            "measurements-MAX_NUM_FORMS": "1000",
        }
    )
    for index, measurement in enumerate(programme.labs_b.measurements.order_by("period_start")):
        data.update(
            {
                f"measurements-{index}-id": measurement.pk,
                f"measurements-{index}-indicator": programme.labs_b.pk,
                f"measurements-{index}-period_start": measurement.period_start.isoformat(),
                f"measurements-{index}-period_end": measurement.period_end.isoformat(),
                f"measurements-{index}-value": str(measurement.value),
                f"measurements-{index}-evidence": measurement.evidence,
            }
        )
    data.update(
        {
            "measurements-2-indicator": programme.labs_b.pk,
            "measurements-2-period_start": f"{YEAR}-10-01",
            "measurements-2-period_end": f"{YEAR + 1}-01-01",
            "measurements-2-value": "2",
            "measurements-2-evidence": "Two agreements signed at the working meeting",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Measurement.objects.get(indicator=programme.labs_b, period_start=f"{YEAR}-10-01")
    assert (added.value, added.entered_by) == (Decimal(2), secretary)


def test_members_and_the_public_cannot_edit(
    client: Client, programme: Programme, officer: User
) -> None:
    client.force_login(officer)
    before = Measurement.objects.count()
    url = f"/en/secretariat/admin/programme/indicator/{programme.labs_b.pk}/change/"
    assert client.get(url).status_code == 302  # to the site's log-in
    client.post(url, {"code": "x"})
    assert Measurement.objects.count() == before


def test_public_dashboard_shows_published_records_only(
    client: Client, programme: Programme
) -> None:
    programme.labs_b.is_published = False
    programme.labs_b.save()
    page = client.get(f"/en/programme/?year={YEAR}").content.decode()
    assert "Achieved technology transfers" in page
    # IT-1's indicator only (table row, chart title and label, caption, roll-up heading) and
    # IT-1's own title beside its reference in the roll-up; IT-2's indicator would add 5 more.
    assert page.count("Joint laboratories") == 6
    assert "IT-1 Joint laboratories</td>" in page
    assert "IT-2" not in page
    area = client.get(f"/zh-hans/programme/areas/innovation_technology/?year={YEAR}")
    body = area.content.decode()
    assert "Partner laboratory network" in body
    assert "红" in body  # "Shared instrument list" was due on 31 October
    csv = client.get(f"/en/programme/tables/indicators.csv?year={YEAR}").content.decode("utf-8-sig")
    assert csv.splitlines() == [
        "Code,Indicator,Area,Cooperation item,Unit,Baseline,Value,Target,Target year,"
        "Share of target (%),Hong Kong → Chongqing,Chongqing → Hong Kong,Other directions",
        "transfers,Achieved technology transfers,,,agreements,0.00,1,10.00,2026,10,1,0,0",
        "joint_labs,Joint laboratories,Innovation and technology,IT-1,laboratories,0.00,3.00,"
        "12.00,2026,25,,,",
    ]


def test_dashboard_splits_transfers_by_direction_and_rolls_up(
    client: Client, programme: Programme
) -> None:
    page = client.get(f"/zh-hant/programme/?year={YEAR}").content.decode()
    # The one won deal is a Hong Kong offer licensed to a Chongqing enterprise.
    assert "香港 → 重慶: 1 · 重慶 → 香港: 0" in page
    rollups = client.get(f"/en/programme/tables/rollups.csv?year={YEAR}")
    assert rollups["Content-Disposition"] == 'attachment; filename="programme-rollups-2026.csv"'
    conference = "Hong Kong–Chongqing Cooperation Conference"
    assert rollups.content.decode("utf-8-sig").splitlines() == [
        "Code,Indicator,Level,Name,Value,Target,Share of target (%)",
        f"transfers,Achieved technology transfers,Whole mechanism,{conference},1,10.00,10",
        f"joint_labs,Joint laboratories,Whole mechanism,{conference},7.00,24.00,29",
        "joint_labs,Joint laboratories,Area,Innovation and technology,7.00,24.00,29",
        "joint_labs,Joint laboratories,Cooperation item,IT-1,3.00,12.00,25",
        "joint_labs,Joint laboratories,Cooperation item,IT-2,4.00,12.00,33",
    ]
    hant = client.get(f"/zh-hant/programme/tables/funnel.csv?year={YEAR}")
    lines = hant.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "階段,合計,香港 → 重慶,重慶 → 香港,其他方向"
    assert lines[3] == "意向表達,1,1,0,0"


def test_published_meetings_with_decisions_and_actions(
    client: Client, programme: Programme
) -> None:
    from datetime import date

    item = programme.labs_a.item
    plenary = Meeting.objects.create(
        mechanism=programme.mechanism,
        kind="plenary",
        held_on=date(YEAR, 6, 2),
        location_en="Chongqing",
        location_zh_hans="重庆",
        title_en="Seventh plenary",
        title_zh_hans="第七次全体会议",
        is_published=True,
    )
    Decision.objects.create(
        meeting=plenary,
        item=item,
        text_en="Open the labs to partners",
        text_zh_hans="向伙伴开放实验室",
    )
    ActionItem.objects.create(
        meeting=plenary,
        item=item,
        description_en="List the instruments",
        description_zh_hant="列出儀器",
        side="both",
        due_on=date(YEAR, 9, 1),
    )
    Meeting.objects.create(
        mechanism=programme.mechanism,
        kind="working",
        held_on=date(YEAR, 7, 1),
        title_en="Draft agenda meeting",
        is_published=False,
    )
    page = client.get(f"/zh-hant/programme/?year={YEAR}").content.decode()
    assert "第七次全體會議" in page  # converted from the Simplified title
    assert "IT-1: 向夥伴開放實驗室" in page
    assert "Draft agenda meeting" not in page
    assert "逾期" in page  # the action was due on 1 September and is not done
    csv = client.get(f"/en/programme/tables/meetings.csv?year={YEAR}").content.decode("utf-8-sig")
    assert csv.splitlines() == [
        "Held on,Meeting,Kind,Record,Cooperation item,Text,Responsible side,Due on,Done on",
        "2026-06-02,Seventh plenary,Plenary session,Decision,IT-1,Open the labs to partners,,,",
        "2026-06-02,Seventh plenary,Plenary session,Action item,IT-1,List the instruments,"
        "Both sides,2026-09-01,",
    ]
    hans = client.get(f"/zh-hans/programme/tables/meetings.csv?year={YEAR}")
    assert hans.content.decode("utf-8-sig").splitlines()[2].split(",")[2:4] == [
        "全体会议",
        "跟进事项",
    ]
    last_year = client.get(f"/en/programme/?year={YEAR - 1}").content.decode()
    assert "Seventh plenary" not in last_year


def test_secretariat_edits_mechanisms_and_areas(client: Client, secretary: User) -> None:
    from techbridge.programme.models import CooperationArea, Mechanism

    log_in_verified(client, secretary)
    assert client.get("/en/secretariat/admin/programme/mechanism/").status_code == 200
    area = CooperationArea.objects.get(mechanism__is_primary=True, code="education")
    url = f"/en/secretariat/admin/programme/cooperationarea/{area.pk}/change/"
    response = client.post(
        url,
        {
            "mechanism": area.mechanism_id,
            "code": "education",
            "position": area.position,
            "name_en": "Education and research",
            "name_zh_hant": "教育及科研",
            "name_zh_hans": "教育与科研",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    area.refresh_from_db()
    assert (area.name_en, area.name_zh_hant, area.name_zh_hans) == (
        "Education and research",
        "教育及科研",
        "教育与科研",
    )
    assert Mechanism.objects.filter(is_primary=True).count() == 1


def test_others_cannot_edit_areas(client: Client, officer: User) -> None:
    from techbridge.programme.models import CooperationArea

    area = CooperationArea.objects.get(mechanism__is_primary=True, code="education")
    client.force_login(officer)
    url = f"/en/secretariat/admin/programme/cooperationarea/{area.pk}/change/"
    response = client.post(url, {"code": "education", "name_en": "Changed"})
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.name_en == "Education"


def test_trilingual_texts_follow_the_reader(client: Client, programme: Programme) -> None:
    """Units, responsible units and action items in the page's language, the other script
    converted where a language is missing, English the last resort."""
    from datetime import date

    meeting = Meeting.objects.create(
        mechanism=programme.mechanism,
        kind="working",
        held_on=date(YEAR, 5, 1),
        title_en="Working meeting",
        location_en="Central Government Offices, Tamar",
        location_zh_hans="添马政府总部",
        is_published=True,
    )
    ActionItem.objects.create(
        meeting=meeting, description_zh_hans="编制仪器清单", side="hk", due_on=date(YEAR, 12, 1)
    )
    area = f"/zh-hant/programme/areas/innovation_technology/?year={YEAR}"
    page = client.get(area).content.decode()
    assert "創新科技及工業局 / 重慶市科學技術局" in page  # converted from the Simplified text
    english = client.get(f"/en/programme/?year={YEAR}").content.decode()
    assert (
        "<h3>Working meeting</h3>\n"
        '<p class="muted">Working-level meeting · <time datetime="2026-05-01">1 May 2026</time> · '
        "Central Government Offices, Tamar</p>"
    ) in english
    assert "编制仪器清单" in english  # no English text: the Chinese one
    hant = client.get(f"/zh-hant/programme/?year={YEAR}").content.decode()
    assert "1 份協議" in hant and "編制儀器清單" in hant
    # An area's card counts the listings published in the year shown, and says so: the home
    # page's count is of the listings published now.
    assert f"{YEAR}年已發布" in hant and f"published in {YEAR} ·" in english
    # The date as the language writes it; the location converted from the Simplified text.
    assert '<time datetime="2026-05-01">2026年5月1日</time> · 添馬政府總部</p>' in hant
    hans = client.get(f"/zh-hans/programme/?year={YEAR}").content.decode()
    assert "年内签署的许可、转让及合资协议" in hans


def test_every_admin_site_exists_once_the_apps_have_loaded() -> None:
    """The development server runs the system checks, which iterate every admin site, in one
    thread while another imports the URLconf: a site first created by that import can change
    the set under the checks and stop the server. So both sites must exist before it."""
    code = (
        "import sys, django; django.setup(); "
        "from django.contrib.admin.sites import all_sites; "
        "print(sorted(site.name for site in all_sites), 'techbridge.config.urls' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "techbridge.config.settings.base"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split("\n")[-2] == "['admin', 'secretariat'] False"
