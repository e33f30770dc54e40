"""Technology sectors seeded into the sector table: (code, en, zh-hant, zh-hans).

Traditional names follow Hong Kong usage (資訊科技, 軟件, 數碼, 機械人); Simplified names follow
mainland usage (信息技术, 软件, 数字, 机器人).
"""

from __future__ import annotations

SECTORS: tuple[tuple[str, str, str, str], ...] = (
    ("biotechnology", "Biotechnology", "生物科技", "生物技术"),
    ("pharmaceuticals", "Pharmaceuticals and drug discovery", "藥物研發", "药物研发"),
    ("medical_devices", "Medical devices and diagnostics", "醫療器械及診斷", "医疗器械与诊断"),
    ("digital_health", "Digital health and elderly care", "數碼健康及長者護理", "数字健康与养老"),
    ("chinese_medicine", "Chinese medicine", "中醫藥", "中医药"),
    ("ict_software", "Information technology and software", "資訊科技及軟件", "信息技术与软件"),
    ("artificial_intelligence", "Artificial intelligence", "人工智能", "人工智能"),
    ("telecom_iot", "Telecommunications and Internet of Things", "通訊及物聯網", "通信与物联网"),
    (
        "semiconductors",
        "Semiconductors and integrated circuits",
        "半導體及集成電路",
        "半导体与集成电路",
    ),
    ("advanced_manufacturing", "Advanced manufacturing", "先進製造", "先进制造"),
    ("robotics", "Robotics and automation", "機械人及自動化", "机器人与自动化"),
    (
        "automotive_nev",
        "Automotive and new energy vehicles",
        "汽車及新能源汽車",
        "汽车与新能源汽车",
    ),
    ("materials", "Advanced materials", "新材料", "新材料"),
    ("energy_environment", "Energy and environment", "能源及環保", "能源与环保"),
    ("agriculture_food", "Agriculture and food", "農業及食品", "农业与食品"),
    ("logistics_tech", "Logistics technology", "物流科技", "物流科技"),
    ("low_altitude", "Drones and low-altitude economy", "無人機及低空經濟", "无人机与低空经济"),
    ("fintech", "Financial technology", "金融科技", "金融科技"),
    ("smart_city", "Smart city and transport", "智慧城市及交通", "智慧城市与交通"),
    (
        "construction",
        "Construction and infrastructure technology",
        "建造及基建科技",
        "建筑与基建科技",
    ),
    ("edtech", "Education technology", "教育科技", "教育科技"),
    ("tourism_culture", "Tourism and cultural technology", "旅遊及文化科技", "旅游与文化科技"),
    ("legal_tech", "Legal technology", "法律科技", "法律科技"),
)

SECTOR_CODES: frozenset[str] = frozenset(code for code, *_ in SECTORS)
