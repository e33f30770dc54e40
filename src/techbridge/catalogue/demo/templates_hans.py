"""Simplified Chinese (mainland usage) wording of demo listings."""

from __future__ import annotations

from .phrasing import IP_PHRASES, Context, money_phrase, partners_phrase
from .spec import DemoText

L = "zh-hans"

_OFFER_REQUIREMENTS = {
    "licence": "被许可方应具备相应生产能力和目标市场销售渠道。",
    "assignment": "受让方应能继续维持专利，并在两年内实现产业化。",
    "joint_rd": "合作方应能共同投入研发经费，并提供真实应用场景。",
    "technical_service": "委托方应有明确的技术问题，并能提供测试样品。",
    "investment": "欢迎熟悉本行业、具有长期投资意向的投资机构。",
    "manufacturing": "生产企业应具备相应质量体系认证和洁净生产条件。",
}

_SEEKER_OFFERS = (
    "我方可提供应用场景、中试产线和市场渠道。",
    "我公司在重庆拥有生产基地和成熟的销售网络，可支持成果快速落地。",
    "可配套研发经费，并协助申报市级科技计划项目。",
    "我方可提供测试样品、生产数据和驻厂工程师配合。",
)


def offer(c: Context) -> DemoText:
    v = c.version
    partners = partners_phrase(L, c.partnerships)
    stage = c.stage(L)
    title = c.pick(
        (v.name, f"{v.name}成果转化", f"{v.name}（寻求产业化合作）", f"科技成果：{v.name}")
    )
    description = c.pick(
        (
            f"{v.what}{v.use}该成果由{c.owner}研发，目前技术成熟度为TRL {c.trl}（{stage}阶段），"
            f"诚邀港渝两地企业以{partners}等方式合作推进产业化。",
            f"{v.use}针对上述需求，{c.owner}团队研发了本技术：{v.what}已完成{stage}验证"
            f"（TRL {c.trl}），样机或演示系统及测试数据可在签署保密协议后提供。",
            f"{c.owner}拟以{partners}方式转化本成果。{v.what}{v.use}"
            f"团队可提供技术培训、工艺文件和现场调试服务，目前处于{stage}阶段。",
        )
    )
    ip = IP_PHRASES[L].get(c.ip_status, "")
    return DemoText(
        language=L,
        title=title,
        summary=v.what,
        description=description,
        advantages=f"{v.edge}{ip}",
        requirements=_OFFER_REQUIREMENTS[c.partnerships[0]],
    )


def request(c: Context) -> DemoText:
    v = c.version
    partners = partners_phrase(L, c.partnerships)
    stage = c.stage(L)
    title = c.pick(
        (f"寻求{v.name}", f"征集{v.name}解决方案", f"{v.name}需求", f"技术需求：{v.name}")
    )
    description = c.pick(
        (
            f"{v.need}应用场景：{v.use}欢迎香港及重庆高校、科研院所和企业提供成熟度不低于"
            f"TRL {c.trl}（{stage}阶段）的解决方案。",
            f"{v.need}我方可接受{partners}等合作方式，希望技术在12个月内完成中试验证。{v.use}",
            f"需求背景：{v.need}{v.use}我方可提供应用场景、测试样品和工程人员，欢迎两地团队"
            "联合攻关。",
        )
    )
    budget = money_phrase(L, c.budget, c.currency)
    return DemoText(
        language=L,
        title=title,
        summary=v.need,
        description=description,
        advantages=c.pick(_SEEKER_OFFERS),
        requirements=(
            f"1. 技术成熟度不低于TRL {c.trl}；2. 知识产权权属清晰，无纠纷；"
            f"3. 合作方式：{partners}；4. 预算：{budget}。"
        ),
    )


def rd_request(c: Context) -> DemoText:
    v = c.version
    if c.from_owner:
        return DemoText(
            language=L,
            title=c.pick((f"{v.name}联合研发合作企业招募", f"寻找{v.name}产业化合作企业")),
            summary=f"研发团队寻求企业合作伙伴，共同开展{v.name}港渝联合研发项目。",
            description=(
                f"{v.what}团队已完成{c.stage(L)}阶段（TRL {c.trl}），现需企业合作方参与确定产品"
                f"指标、开展现场试验并分担工程化放大成本。{v.use}"
            ),
            advantages=v.edge,
            requirements="合作企业应提供应用经验、联合申报项目的配套资金和工程人员，项目周期18至24个月。",
        )
    return DemoText(
        language=L,
        title=c.pick((f"联合研发：{v.name}", f"寻求{v.name}研发合作团队")),
        summary=f"企业寻求高校或科研院所合作，联合开发{v.name}。",
        description=(
            f"{v.need}与直接采购成品相比，我们更希望与研发团队联合开发，按约定的知识产权方案"
            f"共享成果。{v.use}"
        ),
        advantages=c.pick(_SEEKER_OFFERS),
        requirements="研发团队应在相关领域拥有专利或论文成果，能够联合申报科技项目，并可派员驻厂试验。",
    )


def expertise(c: Context) -> DemoText:
    v = c.version
    return DemoText(
        language=L,
        # "…技术" names take no second 技术 ("…早筛技术技术咨询").
        title=c.pick(
            (
                f"{v.name}研究团队",
                f"{v.name}专家团队",
                f"{v.name.removesuffix('技术')}技术咨询与联合研发",
            )
        ),
        summary=f"{c.owner}研究团队，从事相关研究{c.years}年，可提供技术咨询、检测分析和联合研发服务。",
        description=(
            f"{v.what}{v.use}团队现有研究人员和工程师{c.staff}名，已与港渝及其他地区企业完成"
            f"{c.projects}项合作项目。"
        ),
        advantages=v.edge,
    )
