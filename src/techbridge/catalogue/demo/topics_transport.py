"""Demo topics: multimodal trade documents, customs compliance and waterway assets."""

from __future__ import annotations

from .topics_base import Topic, V

IT, LOG, TRADE = "innovation_technology", "logistics", "trade"

TOPICS: tuple[Topic, ...] = (
    Topic(
        "hs_code_classification",
        "hk",
        "cuhk",
        "cq_electronics",
        (TRADE,),
        ("ict_software", "artificial_intelligence"),
        7,
        "copyright",
        en=V(
            "AI classification of goods for customs and export control",
            "A classifier proposes HS codes and flags possible export-control items from "
            "product descriptions and datasheets in English or Chinese.",
            "Exporters, forwarders and customs brokers handling electronics and machinery.",
            "Top-3 accuracy above 95% at six digits; each suggestion is explained by the "
            "matching heading notes.",
            "We export electronic components through Hong Kong and need consistent tariff "
            "classification.",
            "HS code|customs classification|export control|trade compliance",
        ),
        hant=V(
            "海關及出口管制貨品人工智能分類",
            "分類器根據中英文產品描述及規格書建議HS編碼，並標示可能受出口管制的貨品。",
            "適用於處理電子產品及機械的出口商、貨運代理及報關行。",
            "六位編碼前三項建議準確率逾95%；每項建議均附相符的類目註釋。",
            "本公司經香港出口電子元件，需要一致的稅則分類。",
            "HS編碼|海關分類|出口管制|貿易合規",
        ),
        hans=V(
            "商品归类与出口管制智能识别",
            "根据中英文产品描述和规格书推荐HS编码，并提示可能涉及出口管制的物项。",
            "适用于电子产品和机械设备出口企业、货代和报关行。",
            "六位编码前三推荐准确率超过95%，每条建议附相应类注和品目注释依据。",
            "我公司电子元器件经香港出口，品类多、归类不统一，需要智能归类工具降低合规风险。",
            "HS编码|商品归类|出口管制|贸易合规",
        ),
    ),
    Topic(
        "river_antifouling_coating",
        "hk",
        "hk_materials",
        "cq_logistics",
        (LOG, IT),
        ("materials", "logistics_tech"),
        7,
        "patent_granted",
        en=V(
            "Biocide-free antifouling coating for vessels",
            "A silicone-hydrogel hybrid coating prevents biofouling by making the surface "
            "slippery, without releasing copper or other biocides.",
            "River cargo ships, ferries, pontoons and water-intake structures.",
            "Cuts fuel use from hull fouling and avoids toxic release into rivers; recoating "
            "interval of three years.",
            "Our Yangtze river fleet needs an environmentally acceptable hull coating.",
            "antifouling|marine coating|biocide-free|vessel",
        ),
        hant=V(
            "船舶無毒防污塗層",
            "有機矽與水凝膠複合塗層令表面濕滑，防止生物附着，不會釋放銅或其他殺生劑。",
            "適用於內河貨船、渡輪、躉船及取水設施。",
            "減少船體附着物造成的燃料消耗，避免毒性物質排入河流；三年才需重新塗裝。",
            "本公司長江船隊需要符合環保要求的船體塗層。",
            "防污塗層|船舶塗料|無殺生劑|船舶",
        ),
        hans=V(
            "船舶无毒防污涂层技术",
            "有机硅-水凝胶复合涂层使表面光滑，防止生物附着，不释放铜等杀生剂。",
            "适用于内河货船、渡轮、趸船和取水构筑物。",
            "减少船体污损造成的油耗，避免有毒物质进入长江，重涂周期三年。",
            "我公司长江货运船队需要环保型防污涂料，满足长江大保护要求。",
            "防污涂料|船舶涂料|无毒|长江航运",
        ),
    ),
    Topic(
        "tunnel_lining_robot",
        "cq",
        "cqjtu",
        "cq_construction",
        (IT, LOG),
        ("construction", "robotics"),
        6,
        "patent_granted",
        en=V(
            "Robotic inspection of tunnel linings",
            "A vehicle-mounted robot combines ground-penetrating radar, line-scan cameras and "
            "laser scanning to map cracks, voids and water leakage in tunnel linings.",
            "Highway, railway and metro tunnels in mountainous regions.",
            "Inspects at 20 km/h during short closures; defect maps feed maintenance "
            "planning directly.",
            "We maintain many highway tunnels and need faster inspection with fewer lane closures.",
            "tunnel inspection|ground-penetrating radar|robot|infrastructure",
        ),
        hant=V(
            "隧道襯砌機械人檢測",
            "車載機械人結合透地雷達、線掃描相機及鐳射掃描，繪製隧道襯砌裂縫、空洞及滲水分布。",
            "適用於山區公路、鐵路及地鐵隧道。",
            "可在短暫封路期間以時速20公里檢測；缺陷圖直接用於維修規劃。",
            "我們保養多條公路隧道，需要更快速、減少封路的檢測方法。",
            "隧道檢測|透地雷達|機械人|基建",
        ),
        hans=V(
            "隧道衬砌病害机器人检测技术",
            "车载检测机器人集成探地雷达、线阵相机和激光扫描，识别隧道衬砌裂缝、空洞和渗漏水。",
            "适用于山区公路、铁路和地铁隧道。",
            "可在短时封道条件下以20公里时速检测，病害图谱直接用于养护决策。",
            "我公司负责多条高速公路隧道养护，需要高效检测装备，减少封道时间。",
            "隧道检测|探地雷达|检测机器人|基础设施",
        ),
    ),
)
