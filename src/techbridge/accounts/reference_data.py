"""Real institutions of Hong Kong and Chongqing with their official names in three scripts.

Only institutions whose official English, Traditional Chinese and Simplified Chinese names are
certain are listed; an institution is left out rather than have a guessed name. Traditional
names follow Hong Kong official forms. A website is left empty when not certain.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InstitutionRecord:
    key: str  # short stable slug, also used as a listing owner key in the demo catalogue
    names: dict[str, str]  # "en", "zh-hant", "zh-hans" -> official name
    org_type: str  # accounts.choices.OrganisationType value
    region: str  # accounts.choices.Region value
    website: str


def _inst(
    key: str, en: str, hant: str, hans: str, org_type: str, region: str, website: str = ""
) -> InstitutionRecord:
    return InstitutionRecord(
        key=key,
        names={"en": en, "zh-hant": hant, "zh-hans": hans},
        org_type=org_type,
        region=region,
        website=website,
    )


_U, _RI, _LAB, _GOV, _INT = (
    "university",
    "research_institute",
    "laboratory",
    "government",
    "intermediary",
)

INSTITUTIONS: tuple[InstitutionRecord, ...] = (
    # Hong Kong: the eight UGC-funded universities.
    _inst(
        "hku", "The University of Hong Kong", "香港大學", "香港大学", _U, "hk", "https://www.hku.hk"
    ),
    _inst(
        "cuhk",
        "The Chinese University of Hong Kong",
        "香港中文大學",
        "香港中文大学",
        _U,
        "hk",
        "https://www.cuhk.edu.hk",
    ),
    _inst(
        "hkust",
        "The Hong Kong University of Science and Technology",
        "香港科技大學",
        "香港科技大学",
        _U,
        "hk",
        "https://hkust.edu.hk",
    ),
    _inst(
        "polyu",
        "The Hong Kong Polytechnic University",
        "香港理工大學",
        "香港理工大学",
        _U,
        "hk",
        "https://www.polyu.edu.hk",
    ),
    _inst(
        "cityu",
        "City University of Hong Kong",
        "香港城市大學",
        "香港城市大学",
        _U,
        "hk",
        "https://www.cityu.edu.hk",
    ),
    _inst(
        "hkbu",
        "Hong Kong Baptist University",
        "香港浸會大學",
        "香港浸会大学",
        _U,
        "hk",
        "https://www.hkbu.edu.hk",
    ),
    _inst(
        "lingnan", "Lingnan University", "嶺南大學", "岭南大学", _U, "hk", "https://www.ln.edu.hk"
    ),
    _inst(
        "eduhk",
        "The Education University of Hong Kong",
        "香港教育大學",
        "香港教育大学",
        _U,
        "hk",
        "https://www.eduhk.hk",
    ),
    # Hong Kong: public research and support bodies.
    _inst(
        "hkstp",
        "Hong Kong Science and Technology Parks Corporation",
        "香港科技園公司",
        "香港科技园公司",
        _INT,
        "hk",
        "https://www.hkstp.org",
    ),
    _inst(
        "hkpc",
        "Hong Kong Productivity Council",
        "香港生產力促進局",
        "香港生产力促进局",
        _RI,
        "hk",
        "https://www.hkpc.org",
    ),
    _inst(
        "astri",
        "Hong Kong Applied Science and Technology Research Institute",
        "香港應用科技研究院",
        "香港应用科技研究院",
        _RI,
        "hk",
        "https://www.astri.org",
    ),
    _inst(
        "hktdc",
        "Hong Kong Trade Development Council",
        "香港貿易發展局",
        "香港贸易发展局",
        _INT,
        "hk",
        "https://www.hktdc.com",
    ),
    # Hong Kong: government units.
    _inst(
        "itib",
        "Innovation, Technology and Industry Bureau",
        "創新科技及工業局",
        "创新科技及工业局",
        _GOV,
        "hk",
        "https://www.itib.gov.hk",
    ),
    _inst(
        "itc",
        "Innovation and Technology Commission",
        "創新科技署",
        "创新科技署",
        _GOV,
        "hk",
        "https://www.itc.gov.hk",
    ),
    # Chongqing: universities.
    _inst(
        "cqu", "Chongqing University", "重慶大學", "重庆大学", _U, "cq", "https://www.cqu.edu.cn"
    ),
    _inst(
        "swu", "Southwest University", "西南大學", "西南大学", _U, "cq", "https://www.swu.edu.cn"
    ),
    _inst(
        "cqmu",
        "Chongqing Medical University",
        "重慶醫科大學",
        "重庆医科大学",
        _U,
        "cq",
        "https://www.cqmu.edu.cn",
    ),
    _inst(
        "cqupt",
        "Chongqing University of Posts and Telecommunications",
        "重慶郵電大學",
        "重庆邮电大学",
        _U,
        "cq",
        "https://www.cqupt.edu.cn",
    ),
    _inst(
        "cqjtu",
        "Chongqing Jiaotong University",
        "重慶交通大學",
        "重庆交通大学",
        _U,
        "cq",
        "https://www.cqjtu.edu.cn",
    ),
    _inst(
        "cqut",
        "Chongqing University of Technology",
        "重慶理工大學",
        "重庆理工大学",
        _U,
        "cq",
        "https://www.cqut.edu.cn",
    ),
    _inst(
        "cqnu",
        "Chongqing Normal University",
        "重慶師範大學",
        "重庆师范大学",
        _U,
        "cq",
        "https://www.cqnu.edu.cn",
    ),
    _inst(
        "ctbu",
        "Chongqing Technology and Business University",
        "重慶工商大學",
        "重庆工商大学",
        _U,
        "cq",
        "https://www.ctbu.edu.cn",
    ),
    _inst(
        "swupl",
        "Southwest University of Political Science and Law",
        "西南政法大學",
        "西南政法大学",
        _U,
        "cq",
        "https://www.swupl.edu.cn",
    ),
    _inst(
        "sisu",
        "Sichuan International Studies University",
        "四川外國語大學",
        "四川外国语大学",
        _U,
        "cq",
        "https://www.sisu.edu.cn",
    ),
    # Chongqing: research institutes and laboratories.
    _inst(
        "cigit",
        "Chongqing Institute of Green and Intelligent Technology, Chinese Academy of Sciences",
        "中國科學院重慶綠色智能技術研究院",
        "中国科学院重庆绿色智能技术研究院",
        _RI,
        "cq",
    ),
    _inst("jinfeng", "Jinfeng Laboratory", "金鳳實驗室", "金凤实验室", _LAB, "cq"),
    # Chongqing: government units.
    _inst(
        "cqstb",
        "Chongqing Municipal Science and Technology Bureau",
        "重慶市科學技術局",
        "重庆市科学技术局",
        _GOV,
        "cq",
    ),
    _inst(
        "cqedu",
        "Chongqing Municipal Education Commission",
        "重慶市教育委員會",
        "重庆市教育委员会",
        _GOV,
        "cq",
    ),
)

INSTITUTIONS_BY_KEY: dict[str, InstitutionRecord] = {i.key: i for i in INSTITUTIONS}
