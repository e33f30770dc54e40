"""Demo expert profiles: invented people of the demo organisations, named in English,
Traditional and Simplified Chinese, published by their organisation's demo administrator.

The ORCID iDs have valid check digits but lie in the 0000-0004 block, which ORCID has not
issued, so none of them is a real person's. Idempotent: a profile is keyed by its ORCID iD.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from techbridge.accounts.models import Organisation
from techbridge.catalogue.choices import ListingStatus
from techbridge.catalogue.demo.loader import DemoLoadReport, _demo_member
from techbridge.catalogue.models import Listing
from techbridge.experts.models import ExpertProfile
from techbridge.experts.services import (
    ExpertInput,
    PatentInput,
    PublicationInput,
    expert_create,
    expert_set_published,
)

# How many of the organisation's public listings name each demo expert.
LISTINGS_PER_EXPERT = 2


@dataclass(frozen=True)
class DemoExpert:
    organisation_key: str
    names: tuple[str, str, str]  # English, Traditional, Simplified
    positions: tuple[str, str, str]
    areas: tuple[str, ...]
    keywords: tuple[str, ...]
    orcid: str
    publications: tuple[PublicationInput, ...] = ()
    patents: tuple[PatentInput, ...] = ()


DEMO_EXPERTS: tuple[DemoExpert, ...] = (
    DemoExpert(
        "hk_medtech",
        ("Leung Ka-yee", "梁嘉怡", "梁嘉怡"),
        (
            "Principal engineer, ultrasound imaging",
            "首席工程師（超聲成像）",
            "首席工程师（超声成像）",
        ),
        ("innovation_technology",),
        ("ultrasound imaging", "medical devices", "超声探头"),
        "0000-0004-3817-2043",
        (
            PublicationInput("Handheld ultrasound probes for community clinics", 2024),
            PublicationInput("Low-cost beamforming on embedded processors", 2022),
        ),
        (PatentInput("HK30012345", "HK", "Handheld ultrasound probe housing"),),
    ),
    DemoExpert(
        "hk_vision",
        ("Tsang Chi-hang", "曾志恆", "曾志恒"),
        ("Head of computer vision research", "電腦視覺研究主管", "计算机视觉研究主管"),
        ("innovation_technology",),
        ("computer vision", "edge AI", "視覺檢測"),
        "0000-0004-5290-6138",
        (PublicationInput("Defect detection on production lines with few labels", 2023),),
    ),
    DemoExpert(
        "hk_healthlab",
        ("Chow Wai-sum", "周慧心", "周慧心"),
        ("Laboratory director, precision health", "精準醫療實驗室主任", "精准医疗实验室主任"),
        ("innovation_technology", "chinese_medicine"),
        ("genomics", "biomarkers", "中醫藥"),
        "0000-0004-6142-7593",
        (PublicationInput("Biomarker panels for early liver disease", 2021),),
    ),
    DemoExpert(
        "cq_trafficlab",
        ("Ran Xiaoyu", "冉曉雨", "冉晓雨"),
        ("Senior engineer, intelligent transport", "智能交通高級工程師", "智能交通高级工程师"),
        ("innovation_technology", "logistics"),
        ("traffic signal control", "mountain city transport", "交通仿真"),
        "0000-0004-7305-1861",
        (PublicationInput("Signal timing for steep, winding urban roads", 2024),),
        (PatentInput("ZL202410123456.7", "CN", "Adaptive signal control for ramps"),),
    ),
    DemoExpert(
        "cq_smartmfg",
        ("Tan Mingyuan", "譚明遠", "谭明远"),
        ("Chief technology officer", "首席技術官", "首席技术官"),
        ("innovation_technology",),
        ("industrial robots", "smart manufacturing", "数字孪生"),
        "0000-0004-8673-4215",
        (),
        (PatentInput("ZL202310654321.0", "CN", "Robot cell calibration method"),),
    ),
)


# What the experts' organisations do, for their profile pages (set when still empty).
DEMO_ABOUT: dict[str, tuple[str, str, str]] = {
    "hk_medtech": (
        "Designs and makes handheld ultrasound and patient-monitoring devices for clinics "
        "in Hong Kong and the Greater Bay Area.",
        "為香港及大灣區診所設計及製造手提超聲波及病人監察儀器。",
        "为香港及大湾区诊所设计及制造手持超声及病人监护设备。",
    ),
    "hk_vision": (
        "Builds computer-vision inspection systems that run on the production line.",
        "開發在生產線上運行的電腦視覺檢測系統。",
        "开发在生产线上运行的计算机视觉检测系统。",
    ),
    "hk_healthlab": (
        "A laboratory for genomic and biomarker testing, open to partners for joint studies.",
        "基因組及生物標記檢測實驗室，歡迎夥伴合作研究。",
        "基因组及生物标志物检测实验室，欢迎伙伴合作研究。",
    ),
    "cq_trafficlab": (
        "Studies traffic in a city of hills, bridges and tunnels, and tests signal control "
        "on Chongqing's roads.",
        "研究山城、橋樑及隧道交通，並在重慶道路測試信號控制。",
        "研究山城、桥梁及隧道交通，并在重庆道路测试信号控制。",
    ),
    "cq_smartmfg": (
        "Integrates industrial robots and digital twins for automotive and electronics plants.",
        "為汽車及電子廠房整合工業機械人及數碼孿生系統。",
        "为汽车及电子工厂集成工业机器人及数字孪生系统。",
    ),
}


def load_demo_experts() -> int:
    """Create and publish the demo experts not yet present; returns how many were created."""
    present = set(
        ExpertProfile.objects.filter(orcid__in=[e.orcid for e in DEMO_EXPERTS]).values_list(
            "orcid", flat=True
        )
    )
    created = 0
    for spec in DEMO_EXPERTS:
        if spec.orcid in present:
            continue
        institution = Organisation.objects.filter(slug=slugify(spec.organisation_key)).first()
        if institution is None:
            continue  # the demo catalogue is not loaded
        administrator = _demo_member(institution, DemoLoadReport())
        about = DEMO_ABOUT.get(spec.organisation_key)
        if about:
            Organisation.objects.filter(pk=institution.pk, about_en="").update(
                about_en=about[0], about_zh_hant=about[1], about_zh_hans=about[2]
            )
        named_on = Listing.objects.filter(
            owner=institution, status=ListingStatus.PUBLISHED, is_anonymous=False
        ).order_by("pk")[:LISTINGS_PER_EXPERT]
        data = ExpertInput(
            name_en=spec.names[0],
            name_zh_hant=spec.names[1],
            name_zh_hans=spec.names[2],
            position_en=spec.positions[0],
            position_zh_hant=spec.positions[1],
            position_zh_hans=spec.positions[2],
            area_codes=spec.areas,
            keywords=spec.keywords,
            orcid=spec.orcid,
            publications=spec.publications,
            patents=spec.patents,
            listing_references=tuple(listing.reference for listing in named_on),
        )
        with transaction.atomic():
            expert = expert_create(actor=administrator, institution=institution, data=data)
            ExpertProfile.objects.filter(pk=expert.pk).update(is_demo=True)
            expert_set_published(actor=administrator, expert=expert, published=True)
        created += 1
    return created
