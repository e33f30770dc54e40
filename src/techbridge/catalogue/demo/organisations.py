"""Fictional demo organisations of both cities: enterprises, intermediaries and laboratories.

Names are invented for the demo; any likeness to a registered company is unintended.
Hong Kong organisations carry English and Traditional Chinese names, Chongqing ones Simplified
Chinese and English, each with the author language first.
"""

from __future__ import annotations

from .spec import DemoOrganisation


def _hk(key: str, en: str, hant: str, org_type: str, size: str = "") -> DemoOrganisation:
    return DemoOrganisation(
        key=key,
        names={"en": en, "zh-hant": hant},
        org_type=org_type,
        region="hk",
        size_band=size,
    )


def _cq(key: str, hans: str, en: str, org_type: str, size: str = "") -> DemoOrganisation:
    return DemoOrganisation(
        key=key,
        names={"zh-hans": hans, "en": en},
        org_type=org_type,
        region="cq",
        size_band=size,
    )


_E, _INT, _LAB = "enterprise", "intermediary", "laboratory"

ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    # Hong Kong enterprises.
    _hk("hk_robotics", "Harbourline Robotics Ltd", "港灣線機械人有限公司", _E, "small"),
    _hk("hk_biotech", "Peakview Biotherapeutics Ltd", "峯景生物治療有限公司", _E, "small"),
    _hk("hk_payments", "Lion Ridge Payments Ltd", "獅嶺支付有限公司", _E, "medium"),
    _hk(
        "hk_sensors", "Kowloon Bay Sensing Technologies Ltd", "九龍灣感測科技有限公司", _E, "micro"
    ),
    _hk("hk_medtech", "Jade Bay Medical Devices Ltd", "翠灣醫療器械有限公司", _E, "medium"),
    _hk("hk_materials", "Sai Kung Blue Materials Ltd", "西貢藍海材料有限公司", _E, "micro"),
    _hk("hk_legaltech", "Clausewise Legal Technology Ltd", "條款通法律科技有限公司", _E, "small"),
    _hk("hk_travel", "Tidewalk Travel Tech Ltd", "潮行旅遊科技有限公司", _E, "small"),
    _hk("hk_coldchain", "Tai Lam Cold Chain Logistics Ltd", "大欖冷鏈物流有限公司", _E, "medium"),
    _hk(
        "hk_tcm",
        "Bencao Bay Chinese Medicine Technology Ltd",
        "本草灣中醫藥科技有限公司",
        _E,
        "small",
    ),
    _hk("hk_edtech", "Brightdesk Learning Ltd", "明桌學習科技有限公司", _E, "micro"),
    _hk("hk_vision", "Ninedragon Vision AI Ltd", "九龍視覺智能有限公司", _E, "small"),
    # Hong Kong intermediaries and laboratories.
    _hk(
        "hk_ttc",
        "Harbour Bridge Technology Transfer Consultancy Ltd",
        "港橋技術轉移顧問有限公司",
        _INT,
    ),
    _hk("hk_youthhub", "Youth Bridge Innovation Hub", "青橋創新中心", _INT),
    _hk("hk_batterylab", "Shing Mun Battery Materials Laboratory", "城門電池材料實驗室", _LAB),
    _hk("hk_healthlab", "Harbour Precision Health Laboratory", "海港精準醫療實驗室", _LAB),
    # Chongqing enterprises.
    _cq(
        "cq_smartmfg",
        "重庆山城智造科技有限公司",
        "Chongqing Shancheng Smart Manufacturing Technology Co., Ltd.",
        _E,
        "medium",
    ),
    _cq(
        "cq_seasoning",
        "重庆九宫格调味食品有限公司",
        "Chongqing Jiugongge Seasoning Foods Co., Ltd.",
        _E,
        "large",
    ),
    _cq(
        "cq_auto",
        "重庆两江智行汽车科技有限公司",
        "Chongqing Liangjiang Zhixing Automotive Technology Co., Ltd.",
        _E,
        "large",
    ),
    _cq(
        "cq_logistics",
        "重庆江港联运物流有限公司",
        "Chongqing Riverport Multimodal Logistics Co., Ltd.",
        _E,
        "medium",
    ),
    _cq(
        "cq_pharma",
        "重庆缙云本草药业有限公司",
        "Chongqing Jinyun Herbal Pharmaceutical Co., Ltd.",
        _E,
        "medium",
    ),
    _cq(
        "cq_materials",
        "重庆嘉陵新材料科技有限公司",
        "Chongqing Jialing New Materials Technology Co., Ltd.",
        _E,
        "small",
    ),
    _cq(
        "cq_electronics",
        "重庆西永芯联电子有限公司",
        "Chongqing Xiyong Xinlian Electronics Co., Ltd.",
        _E,
        "medium",
    ),
    _cq(
        "cq_agri",
        "重庆武陵山生态农业有限公司",
        "Chongqing Wulingshan Eco-Agriculture Co., Ltd.",
        _E,
        "small",
    ),
    _cq(
        "cq_culturetour",
        "重庆山水文旅数字科技有限公司",
        "Chongqing Shanshui Cultural Tourism Digital Technology Co., Ltd.",
        _E,
        "small",
    ),
    _cq(
        "cq_greenenergy",
        "重庆长江绿能环保科技有限公司",
        "Chongqing Changjiang Green Energy Environmental Technology Co., Ltd.",
        _E,
        "medium",
    ),
    _cq(
        "cq_meddevice",
        "重庆歌乐山医疗器械有限公司",
        "Chongqing Geleshan Medical Devices Co., Ltd.",
        _E,
        "medium",
    ),
    _cq(
        "cq_finance",
        "重庆解放碑数字金融服务有限公司",
        "Chongqing Jiefangbei Digital Financial Services Co., Ltd.",
        _E,
        "small",
    ),
    _cq(
        "cq_education",
        "重庆渝学智慧教育科技有限公司",
        "Chongqing Yuxue Smart Education Technology Co., Ltd.",
        _E,
        "small",
    ),
    _cq(
        "cq_construction",
        "重庆山地建工科技有限公司",
        "Chongqing Mountain Construction Technology Co., Ltd.",
        _E,
        "large",
    ),
    _cq(
        "cq_legal",
        "重庆渝中律联法律科技有限公司",
        "Chongqing Yuzhong Lawlink Legal Technology Co., Ltd.",
        _E,
        "small",
    ),
    # Chongqing intermediaries and laboratories.
    _cq(
        "cq_ttc",
        "重庆港渝科技成果转化服务有限公司",
        "Chongqing HK-CQ Technology Transfer Services Co., Ltd.",
        _INT,
    ),
    _cq(
        "cq_hkservices",
        "重庆渝港通综合服务有限公司",
        "Chongqing YuGangTong Integrated Services Co., Ltd.",
        _INT,
    ),
    _cq(
        "cq_trafficlab",
        "重庆山地城市智能交通实验室",
        "Chongqing Mountain City Intelligent Transport Laboratory",
        _LAB,
    ),
)

ORGANISATIONS_BY_KEY: dict[str, DemoOrganisation] = {o.key: o for o in ORGANISATIONS}
