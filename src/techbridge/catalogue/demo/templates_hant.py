"""Traditional Chinese (Hong Kong usage) wording of demo listings."""

from __future__ import annotations

from .phrasing import IP_PHRASES, Context, money_phrase, partners_phrase
from .spec import DemoText

L = "zh-hant"

_OFFER_REQUIREMENTS = {
    "licence": "獲授權方須具備相關生產能力及目標市場銷售渠道。",
    "assignment": "受讓方須能繼續維持專利，並於兩年內將技術商品化。",
    "joint_rd": "合作方須能共同出資研發，並提供實際應用場景。",
    "technical_service": "委託方須有明確技術問題，並能提供測試樣本。",
    "investment": "歡迎熟悉相關行業、願意長線投資的投資者。",
    "manufacturing": "生產商須持有相關質量認證，並具備潔淨生產條件。",
}

_SEEKER_OFFERS = (
    "我們可提供應用場景、試點場地及客戶資源。",
    "本公司可資助試點項目，並有工程團隊配合技術持有方。",
    "本公司銷售網絡覆蓋港澳及東南亞，可共同推出市場。",
)


def offer(c: Context) -> DemoText:
    v = c.version
    partners = partners_phrase(L, c.partnerships)
    stage = c.stage(L)
    title = c.pick(
        (v.name, f"{v.name}（可供授權）", f"{v.name}：誠邀企業合作", f"技術轉移：{v.name}")
    )
    description = c.pick(
        (
            f"{v.what}{v.use}此技術由{c.owner}研發，現已達技術成熟度第{c.trl}級（{stage}階段），"
            f"誠邀重慶、大灣區及其他地區企業以{partners}方式合作。",
            f"{v.use}為此，{c.owner}研究團隊開發了以下技術：{v.what}原型及測試數據"
            f"（TRL {c.trl}，{stage}階段）可於簽署保密協議後向合資格夥伴展示。",
            f"{c.owner}現提供此技術，合作方式包括{partners}。{v.what}{v.use}"
            f"團隊可提供培訓、技術文件及現場調試支援；目前技術成熟度為第{c.trl}級。",
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
    title = c.pick((f"尋求{v.name}", f"徵求{v.name}方案", f"技術需求：{v.name}"))
    description = c.pick(
        (
            f"{v.need}應用場景：{v.use}歡迎香港及重慶的大學、研究機構及企業提供技術成熟度"
            f"第{c.trl}級或以上的方案。",
            f"{v.need}我們接受{partners}等合作方式，方案須成熟至可於12個月內展開試點"
            f"（約TRL {c.trl}，{stage}階段）。{v.use}",
            f"背景：{v.need}{v.use}歡迎兩地團隊提交建議，我們可提供測試場地、樣本及工程人員"
            "共同試點。",
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
            f"技術成熟度不低於第{c.trl}級；知識產權權屬清晰；合作方式：{partners}；預算：{budget}。"
        ),
    )


def rd_request(c: Context) -> DemoText:
    v = c.version
    if c.from_owner:
        return DemoText(
            language=L,
            title=c.pick((f"誠邀企業合作開發{v.name}", f"港渝合作研發：{v.name}")),
            summary=f"研究團隊尋求企業夥伴，共同推進{v.name}的港渝合作研發項目。",
            description=(
                f"{v.what}團隊已完成{c.stage(L)}階段（TRL {c.trl}），現需企業夥伴協助訂定產品"
                f"規格、進行實地測試及分擔放大生產成本。{v.use}"
            ),
            advantages=v.edge,
            requirements="合作方須提供應用經驗、聯合申請資助的配對資金及工程人員；項目為期18至24個月。",
        )
    return DemoText(
        language=L,
        title=c.pick((f"尋求研發夥伴：{v.name}", f"誠邀研究團隊合作開發{v.name}")),
        summary=f"企業尋求研究夥伴，共同開發{v.name}。",
        description=(
            f"{v.need}相比直接購買現成產品，我們希望與研究團隊合作開發，並按協定的知識產權安排"
            f"分享成果。{v.use}"
        ),
        advantages=c.pick(_SEEKER_OFFERS),
        requirements="研究團隊須在相關領域擁有專利或論文，能聯合申請資助，並可派員到本公司進行測試。",
    )


def expertise(c: Context) -> DemoText:
    v = c.version
    return DemoText(
        language=L,
        title=c.pick(
            (
                f"{v.name}研究團隊",
                f"{v.name}專家團隊",
                f"{v.name.removesuffix('技術')}技術顧問及合作研究",
            )
        ),
        summary=f"{c.owner}研究團隊，從事相關研究{c.years}年，提供技術顧問、測試分析及合作研究服務。",
        description=(
            f"{v.what}{v.use}團隊現有研究人員及工程師{c.staff}名，已與香港及內地企業完成"
            f"{c.projects}個合作項目。"
        ),
        advantages=v.edge,
    )
