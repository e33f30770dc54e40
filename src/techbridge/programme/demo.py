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
        return self.fields("title")

    def fields(self, prefix: str) -> dict[str, str]:
        return {
            f"{prefix}_en": self.en,
            f"{prefix}_zh_hant": self.hant,
            f"{prefix}_zh_hans": self.hans,
        }


@dataclass(frozen=True)
class DemoItem:
    reference: str
    area: str
    title: Trilingual
    initiative: Trilingual
    hk_unit: Trilingual
    cq_unit: Trilingual
    # (title, due in days from today, status); negative days are in the past
    milestones: tuple[tuple[Trilingual, int, str], ...]


T = Trilingual
CQ_SCIENCE = T(
    "Chongqing Municipal Science and Technology Bureau", "重慶市科學技術局", "重庆市科学技术局"
)
ITEMS: tuple[DemoItem, ...] = (
    DemoItem(
        "IT-01",
        "innovation_technology",
        T("Joint laboratories and R&D centres", "聯合實驗室及研發中心", "联合实验室与研发中心"),
        T("Partner laboratory network", "夥伴實驗室網絡", "伙伴实验室网络"),
        T("Innovation, Technology and Industry Bureau", "創新科技及工業局", "创新科技及工业局"),
        CQ_SCIENCE,
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
        T("Innovation and Technology Commission", "創新科技署", "创新科技署"),
        CQ_SCIENCE,
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
        T("Education Bureau", "教育局", "教育局"),
        T("Chongqing Municipal Education Commission", "重慶市教育委員會", "重庆市教育委员会"),
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
        T("Health Bureau", "醫務衞生局", "医务卫生局"),
        T(
            "Chongqing Administration of Traditional Chinese Medicine",
            "重慶市中醫管理局",
            "重庆市中医管理局",
        ),
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
        T("Home and Youth Affairs Bureau", "民政及青年事務局", "民政及青年事务局"),
        T(
            "Chongqing Committee of the Communist Youth League",
            "共青團重慶市委員會",
            "共青团重庆市委员会",
        ),
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
        T("Department of Justice", "律政司", "律政司"),
        T("Chongqing Municipal Bureau of Justice", "重慶市司法局", "重庆市司法局"),
        ((T("Panel rules agreed", "議定小組規則", "议定小组规则"), -5, "planned"),),
    ),
)

# (code, names, unit, definition, source, area code or None, item reference or None, target,
#  period, disaggregation)
INDICATORS: tuple[
    tuple[str, Trilingual, Trilingual, Trilingual, str, str | None, str | None, int, str, str], ...
] = (
    (
        "transfers",
        T("Achieved technology transfers", "已實現的技術轉移", "已实现的技术转移"),
        T("agreements", "份協議", "份协议"),
        T(
            "Licence, assignment, joint-venture, manufacturing and technical-assistance"
            " agreements signed through the platform in the year.",
            "年內經平台簽署的許可、轉讓、合資、製造及技術協助協議。",
            "年内经平台签署的许可、转让、合资、制造及技术协助协议。",
        ),
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
        T("deals", "宗", "宗"),
        T(
            "Expressions of interest made on the platform in the year.",
            "年內在平台上提出的合作意向。",
            "年内在平台上提出的合作意向。",
        ),
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
        T("listings", "項", "项"),
        T(
            "Listings first published on the platform in the year.",
            "年內首次在平台發布的項目。",
            "年内首次在平台发布的项目。",
        ),
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
        T("listings", "項", "项"),
        T(
            "Innovation and technology listings first published in the year.",
            "年內首次發布的創新科技項目。",
            "年内首次发布的创新科技项目。",
        ),
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
        T("hours", "小時", "小时"),
        T(
            "Instrument hours used by users from across the Hong Kong–mainland boundary.",
            "香港與內地之間跨境用戶使用的儀器時數。",
            "香港与内地之间跨境用户使用的仪器时长。",
        ),
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
        T("hours", "小時", "小时"),
        T(
            "All instrument hours recorded as used.",
            "記錄為已使用的全部儀器時數。",
            "记录为已使用的全部仪器时长。",
        ),
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
        T("laboratories", "所", "个"),
        T(
            "Joint laboratories set up under the item, counted from signed agreements.",
            "按已簽署協議計算，在此事項下成立的聯合實驗室。",
            "按已签署协议计算，在此事项下成立的联合实验室。",
        ),
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
        T("students", "名", "名"),
        T(
            "Students placed on exchange in the academic year, from enrolment lists.",
            "按註冊名單計算的本學年交流學生人數。",
            "按注册名单计算的本学年交流学生人数。",
        ),
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
            **spec.hk_unit.fields("hk_unit"),
            **spec.cq_unit.fields("cq_unit"),
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
        **T("Chongqing", "重慶", "重庆").fields("location"),
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
        **T(
            "Publish the list of instruments open to partners",
            "公布向夥伴開放的儀器清單",
            "公布向伙伴开放的仪器清单",
        ).fields("description"),
        side=ActionItem.Side.BOTH,
        due_on=today + timedelta(days=15),
    )
    ActionItem.objects.create(
        meeting=plenary,
        item=items["IT-02"],
        **T(
            "Nominate contact points for technology transfer",
            "指定技術轉移聯絡人",
            "指定技术转移联络人",
        ).fields("description"),
        side=ActionItem.Side.CHONGQING,
        due_on=today - timedelta(days=100),
        done_on=today - timedelta(days=110),
    )
    working = Meeting.objects.create(
        mechanism=mechanism,
        kind=Meeting.Kind.WORKING,
        held_on=today - timedelta(days=30),
        **T("Hong Kong", "香港", "香港").fields("location"),
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
        **T(
            "Circulate the draft terms of the first joint research call",
            "傳閱首輪聯合研究徵集的條款草案",
            "传阅首轮联合研究征集的条款草案",
        ).fields("description"),
        side=ActionItem.Side.HONG_KONG,
        due_on=today - timedelta(days=5),
    )


def _indicators(
    mechanism: Mechanism, items: dict[str, CooperationItem], today: date
) -> dict[str, Indicator]:
    areas = {a.code: a for a in CooperationArea.objects.filter(mechanism=mechanism)}
    created = {}
    for code, names, unit, definition, source, area, item, target, period, split in INDICATORS:
        fields: dict[str, Any] = {
            "mechanism": mechanism,
            "area": areas[area] if area else None,
            "item": items[item] if item else None,
            "code": code,
            "name_en": names.en,
            "name_zh_hant": names.hant,
            "name_zh_hans": names.hans,
            **unit.fields("unit"),
            **definition.fields("definition"),
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
