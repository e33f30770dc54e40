"""The cooperation mechanisms and the areas of the Hong Kong–Chongqing Cooperation Conference.

Years are given only where the record is certain; the Chongqing conference's is left blank
until the secretariat enters it.
"""

from __future__ import annotations

# (code, English, Traditional, Simplified, established year or None, partner city, primary)
MECHANISMS: tuple[tuple[str, str, str, str, int | None, str, bool], ...] = (
    (
        "hk-cq",
        "Hong Kong–Chongqing Cooperation Conference",
        "港渝合作會議",
        "港渝合作会议",
        None,
        "Chongqing",
        True,
    ),
    (
        "hk-sh",
        "Hong Kong–Shanghai Economic and Trade Cooperation Conference",
        "滬港經貿合作會議",
        "沪港经贸合作会议",
        2003,
        "Shanghai",
        False,
    ),
    (
        "hk-bj",
        "Beijing–Hong Kong Cooperation Conference",
        "京港合作會議",
        "京港合作会议",
        2004,
        "Beijing",
        False,
    ),
)

PRIMARY_MECHANISM = "hk-cq"

# The 11 areas of the Hong Kong–Chongqing Cooperation Conference, in the Conference's order.
AREAS: tuple[tuple[str, str, str, str], ...] = (
    ("trade", "Trade", "經貿", "经贸"),
    ("finance", "Finance", "金融", "金融"),
    ("innovation_technology", "Innovation and technology", "創新科技", "创新科技"),
    ("logistics", "Logistics", "物流", "物流"),
    ("tourism", "Tourism", "旅遊", "旅游"),
    ("education", "Education", "教育", "教育"),
    ("talent_exchange", "Talent exchange", "人才交流", "人才交流"),
    ("youth_development", "Youth development", "青年發展", "青年发展"),
    ("legal_services", "Legal services", "法律服務", "法律服务"),
    ("chinese_medicine", "Chinese medicine development", "中醫藥發展", "中医药发展"),
    (
        "hk_residents",
        "Support for Hong Kong residents in Chongqing",
        "支援在渝港人",
        "支援在渝港人",
    ),
)
