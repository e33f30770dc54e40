"""A demo programme for the Hong Kong–Chongqing Cooperation Conference: cooperation items in
several areas, initiatives with their responsible units, milestones around today (done, overdue,
due soon, planned), a plenary and a working-level meeting with decisions and action items, and
published indicators — computed from the platform's demo deals, listings and bookings, or
entered with evidence over three years — so that the dashboards and the annual report show a
real picture on a new installation. The items and figures are illustrative demo data, not the
Conference's records. Loaded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from techbridge.programme.models import (
    ActionItem,
    CooperationArea,
    CooperationItem,
    Decision,
    Indicator,
    Initiative,
    Measurement,
    Mechanism,
    Meeting,
    Milestone,
)

DEMO_PREFIX = "DEMO-"


@dataclass(frozen=True)
class Trilingual:
    en: str
    hant: str
    hans: str

    def titles(self) -> dict[str, str]:
        return {"title_en": self.en, "title_zh_hant": self.hant, "title_zh_hans": self.hans}


@dataclass(frozen=True)
class DemoItem:
    reference: str
    area: str
    title: Trilingual
    initiative: Trilingual
    hk_unit: str
    cq_unit: str
    # (title, due in days from today, status); negative days are in the past
    milestones: tuple[tuple[Trilingual, int, str], ...]


T = Trilingual
ITEMS: tuple[DemoItem, ...] = (
    DemoItem(
        "IT-01",
        "innovation_technology",
        T("Joint laboratories and R&D centres", "聯合實驗室及研發中心", "联合实验室与研发中心"),
        T("Partner laboratory network", "夥伴實驗室網絡", "伙伴实验室网络"),
        "Innovation, Technology and Industry Bureau",
        "重庆市科学技术局",
        (
            (T("Network charter signed", "簽署網絡章程", "签署网络章程"), -240, "done"),
            (
                T("First joint research call", "首輪聯合研究徵集", "首轮联合研究征集"),
                -20,
                "in_progress",
            ),
            (
                T("Shared instrument list published", "公布共享儀器清單", "公布共享仪器清单"),
                15,
                "planned",
            ),
            (T("Mid-term review", "中期檢討", "中期评估"), 160, "planned"),
        ),
    ),
    DemoItem(
        "IT-02",
        "innovation_technology",
        T(
            "Transfer and application of technological achievements",
            "科技成果轉移及應用",
            "科技成果转移与应用",
        ),
        T("Cross-boundary technology transfer platform", "跨境技術轉移平台", "跨境技术转移平台"),
        "Innovation and Technology Commission",
        "重庆市科学技术局",
        (
            (T("Platform opened to both cities", "平台向兩地開放", "平台向两地开放"), -200, "done"),
            (T("100 offers listed", "上載100項技術供給", "发布100项技术供给"), -60, "done"),
            (
                T(
                    "First licence signed through the platform",
                    "首宗經平台簽署的許可",
                    "首宗经平台签署的许可",
                ),
                40,
                "in_progress",
            ),
        ),
    ),
    DemoItem(
        "ED-01",
        "education",
        T("University exchange and joint programmes", "大學交流及合辦課程", "高校交流与合作办学"),
        T("Student and staff exchange scheme", "師生交流計劃", "师生交流计划"),
        "Education Bureau",
        "重庆市教育委员会",
        (
            (T("Exchange agreement renewed", "續簽交流協議", "续签交流协议"), -120, "done"),
            (T("Autumn cohort placed", "秋季學員完成配對", "秋季学员完成配对"), -10, "in_progress"),
        ),
    ),
    DemoItem(
        "CM-01",
        "chinese_medicine",
        T(
            "Chinese medicine standards and testing",
            "中醫藥標準及檢測",
            "中医药标准与检测",
        ),
        T("Mutual recognition of herbal testing", "中藥材檢測互認", "中药材检测互认"),
        "Health Bureau",
        "重庆市中医管理局",
        (
            (T("Testing methods compared", "完成檢測方法比對", "完成检测方法比对"), -90, "done"),
            (T("Pilot recognition list", "試行互認清單", "试行互认清单"), 25, "in_progress"),
        ),
    ),
    DemoItem(
        "YD-01",
        "youth_development",
        T("Youth internships in Chongqing", "青年赴渝實習", "青年赴渝实习"),
        T("Summer internship programme", "暑期實習計劃", "暑期实习计划"),
        "Home and Youth Affairs Bureau",
        "共青团重庆市委员会",
        ((T("Summer cohort completed", "暑期實習完成", "暑期实习完成"), -100, "done"),),
    ),
    DemoItem(
        "LS-01",
        "legal_services",
        T(
            "Technology contract and IP dispute resolution",
            "技術合約及知識產權爭議解決",
            "技术合同与知识产权争议解决",
        ),
        T("Mediation panel for technology contracts", "技術合約調解小組", "技术合同调解小组"),
        "Department of Justice",
        "重庆市司法局",
        ((T("Panel rules agreed", "議定小組規則", "议定小组规则"), -5, "planned"),),
    ),
)

# (code, names, unit, source, area code or None, item reference or None, target, period,
#  disaggregation)
INDICATORS: tuple[tuple[str, Trilingual, str, str, str | None, str | None, int, str, str], ...] = (
    (
        "transfers",
        T("Achieved technology transfers", "已實現的技術轉移", "已实现的技术转移"),
        "agreements",
        "agreements_achieved",
        None,
        None,
        10,
        "year",
        "direction",
    ),
    (
        "interests",
        T("Expressions of interest", "合作意向", "合作意向"),
        "deals",
        "interests",
        None,
        None,
        40,
        "year",
        "direction",
    ),
    (
        "listings",
        T("Listings published", "已發布項目", "已发布项目"),
        "listings",
        "listings_published",
        None,
        None,
        300,
        "year",
        "",
    ),
    (
        "it_listings",
        T(
            "Innovation and technology listings published",
            "創新科技項目發布數目",
            "创新科技项目发布数量",
        ),
        "listings",
        "listings_published",
        "innovation_technology",
        None,
        150,
        "year",
        "",
    ),
    (
        "cross_boundary_hours",
        T("Cross-boundary instrument hours", "跨境儀器使用時數", "跨境仪器使用时长"),
        "hours",
        "cross_boundary_hours",
        None,
        None,
        200,
        "quarter",
        "",
    ),
    (
        "machine_hours",
        T("Instrument hours used", "儀器使用時數", "仪器使用时长"),
        "hours",
        "machine_hours",
        None,
        None,
        300,
        "quarter",
        "",
    ),
    (
        "joint_labs",
        T("Joint laboratories", "聯合實驗室", "联合实验室"),
        "laboratories",
        "manual",
        "innovation_technology",
        "IT-01",
        8,
        "quarter",
        "",
    ),
    (
        "exchange_students",
        T("Students on exchange", "交流學生人數", "交流学生人数"),
        "students",
        "manual",
        "education",
        "ED-01",
        400,
        "year",
        "",
    ),
)

# Entered measurements: (indicator code, year offset from this year, quarter or 0, value).
MEASUREMENTS: tuple[tuple[str, int, int, int], ...] = (
    ("joint_labs", -2, 2, 1),
    ("joint_labs", -2, 4, 1),
    ("joint_labs", -1, 1, 2),
    ("joint_labs", -1, 3, 1),
    ("joint_labs", 0, 1, 2),
    ("joint_labs", 0, 2, 1),
    ("joint_labs", 0, 3, 1),
    ("exchange_students", -2, 0, 180),
    ("exchange_students", -1, 0, 260),
    ("exchange_students", 0, 0, 310),
)


def _quarter(year: int, quarter: int) -> tuple[date, date]:
    if quarter == 0:
        return date(year, 1, 1), date(year + 1, 1, 1)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def _items(mechanism: Mechanism, today: date) -> dict[str, CooperationItem]:
    areas = {a.code: a for a in CooperationArea.objects.filter(mechanism=mechanism)}
    items = {}
    for spec in ITEMS:
        item = CooperationItem.objects.create(
            area=areas[spec.area],
            reference=DEMO_PREFIX + spec.reference,
            status=CooperationItem.Status.IN_PROGRESS,
            agreed_on=date(today.year - 1, 6, 1),
            is_published=True,
            **spec.title.titles(),
        )
        initiative = Initiative.objects.create(
            item=item,
            hk_unit=spec.hk_unit,
            cq_unit=spec.cq_unit,
            is_published=True,
            **spec.initiative.titles(),
        )
        for title, days, status in spec.milestones:
            due = today + timedelta(days=days)
            Milestone.objects.create(
                initiative=initiative,
                due_on=due,
                status=status,
                done_on=due - timedelta(days=3) if status == "done" else None,
                **title.titles(),
            )
        items[spec.reference] = item
    return items


def _meetings(mechanism: Mechanism, items: dict[str, CooperationItem], today: date) -> None:
    plenary = Meeting.objects.create(
        mechanism=mechanism,
        kind=Meeting.Kind.PLENARY,
        held_on=today - timedelta(days=150),
        location="Chongqing",
        is_published=True,
        **T("Plenary session", "全體會議", "全体会议").titles(),
    )
    Decision.objects.create(
        meeting=plenary,
        item=items["IT-02"],
        text_en="Both sides will list their transferable achievements on the shared platform.",
        text_zh_hant="雙方將在共用平台上載可轉移的科技成果。",
        text_zh_hans="双方将在共享平台发布可转移的科技成果。",
    )
    Decision.objects.create(
        meeting=plenary,
        item=items["CM-01"],
        text_en="A pilot list of mutually recognised herbal testing methods will be drawn up.",
        text_zh_hant="制定中藥材檢測方法互認試行清單。",
        text_zh_hans="制定中药材检测方法互认试行清单。",
    )
    ActionItem.objects.create(
        meeting=plenary,
        item=items["IT-01"],
        description="Publish the list of instruments open to partners",
        side=ActionItem.Side.BOTH,
        due_on=today + timedelta(days=15),
    )
    ActionItem.objects.create(
        meeting=plenary,
        item=items["IT-02"],
        description="Nominate contact points for technology transfer",
        side=ActionItem.Side.CHONGQING,
        due_on=today - timedelta(days=100),
        done_on=today - timedelta(days=110),
    )
    working = Meeting.objects.create(
        mechanism=mechanism,
        kind=Meeting.Kind.WORKING,
        held_on=today - timedelta(days=30),
        location="Hong Kong",
        is_published=True,
        **T(
            "Innovation and technology working group",
            "創新科技工作小組會議",
            "创新科技工作组会议",
        ).titles(),
    )
    ActionItem.objects.create(
        meeting=working,
        item=items["IT-01"],
        description="Circulate the draft terms of the first joint research call",
        side=ActionItem.Side.HONG_KONG,
        due_on=today - timedelta(days=5),
    )


def _indicators(
    mechanism: Mechanism, items: dict[str, CooperationItem], today: date
) -> dict[str, Indicator]:
    areas = {a.code: a for a in CooperationArea.objects.filter(mechanism=mechanism)}
    created = {}
    for code, names, unit, source, area, item, target, period, split in INDICATORS:
        fields: dict[str, Any] = {
            "mechanism": mechanism,
            "area": areas[area] if area else None,
            "item": items[item] if item else None,
            "code": code,
            "name_en": names.en,
            "name_zh_hant": names.hant,
            "name_zh_hans": names.hans,
            "unit": unit,
            "source": source,
            "period": period,
            "disaggregation": split,
            "target": Decimal(target),
            "target_year": today.year + 1,
            "is_published": True,
        }
        created[code] = Indicator.objects.create(**fields)
    for code, year_offset, quarter, value in MEASUREMENTS:
        start, end = _quarter(today.year + year_offset, quarter)
        if start > today:
            continue
        Measurement.objects.create(
            indicator=created[code],
            period_start=start,
            period_end=end,
            value=Decimal(value),
            evidence="Demo figure (signed agreements and enrolment lists on file)",
        )
    return created


def load_demo_programme(today: date) -> int:
    """Create the demo programme (if not there yet); returns the number of items created."""
    if CooperationItem.objects.filter(reference__startswith=DEMO_PREFIX).exists():
        return 0
    mechanism = Mechanism.objects.get(is_primary=True)
    with transaction.atomic():
        items = _items(mechanism, today)
        _meetings(mechanism, items, today)
        _indicators(mechanism, items, today)
    return len(items)
