"""Demo topics: AI, software, semiconductors, communications and smart-city technology."""

from __future__ import annotations

from .topics_base import Topic, V

IT, LOG = "innovation_technology", "logistics"

TOPICS: tuple[Topic, ...] = (
    Topic(
        "mountain_traffic_ai",
        "cq",
        "cqjtu",
        "hk_vision",
        (IT, LOG),
        ("smart_city", "artificial_intelligence"),
        7,
        "patent_granted",
        en=V(
            "Adaptive signal control for mountain-city traffic",
            "A reinforcement-learning controller coordinates traffic lights on steep, winding "
            "and multi-level road networks, using video and radar counts at each junction.",
            "Hilly cities with interchanges, bridges and tunnels, where queues on slopes "
            "block upstream junctions.",
            "Average delay fell 18% on a 12-junction corridor; the model accounts for slow "
            "uphill starts of heavy vehicles.",
            "We build video analytics for traffic authorities and want to add adaptive signal "
            "control that works on hilly road networks.",
            "traffic signal control|reinforcement learning|mountain city|smart transport",
        ),
        hant=V(
            "山城交通自適應信號控制",
            "以強化學習控制器協調陡斜、彎曲及多層道路網絡的交通燈，利用各路口的視像及雷達車流數據。",
            "適用於有大量交匯處、橋樑及隧道的山地城市，解決斜路車龍堵塞上游路口的問題。",
            "在12個路口的走廊實測，平均延誤減少18%；模型已考慮重型車輛上斜起步較慢的情況。",
            "本公司為交通部門提供視像分析，希望加入適用於山地路網的自適應信號控制。",
            "交通燈控制|強化學習|山城|智慧交通",
        ),
        hans=V(
            "山地城市交通信号自适应控制技术",
            "基于强化学习的信号控制器，融合路口视频与雷达流量数据，协调坡陡、弯多、立体交叉"
            "路网的信号配时。",
            "适用于立交、桥梁、隧道密集的山地城市，解决坡道排队溢出堵塞上游路口的问题。",
            "在12个路口的干线实测平均延误降低18%，模型考虑了重型车辆坡道起步慢的特点。",
            "我公司承建区县智慧交通项目，急需适合山地路网的信号自适应控制算法，要求可与现有"
            "信号机对接。",
            "信号控制|强化学习|山地城市|智慧交通",
        ),
    ),
    Topic(
        "bridge_health_monitoring",
        "cq",
        "cqjtu",
        "cq_construction",
        (IT,),
        ("construction", "telecom_iot"),
        8,
        "patent_granted",
        en=V(
            "Fibre-optic structural health monitoring for long-span bridges",
            "Distributed fibre Bragg grating sensors measure strain, temperature and cable "
            "force, and a digital model flags abnormal behaviour of the structure.",
            "Cable-stayed and arch bridges, tunnels and high slopes along highways.",
            "Immune to electromagnetic interference, twenty-year sensor life, and proven on "
            "more than 30 river-crossing bridges.",
            "Our maintenance contracts need long-term monitoring that detects cable and "
            "bearing damage before inspection cycles.",
            "structural health monitoring|fibre Bragg grating|bridge|digital twin",
        ),
        hant=V(
            "大跨度橋樑光纖結構健康監測",
            "分布式光纖光柵感測器量度應變、溫度及索力，數碼模型自動標示結構異常。",
            "適用於斜拉橋、拱橋、隧道及公路高邊坡。",
            "不受電磁干擾，感測器壽命達20年，已應用於逾30座跨江大橋。",
            "本公司的保養合約需要長期監測，在定期檢查前及早發現索力及支座損壞。",
            "結構健康監測|光纖光柵|橋樑|數碼孿生",
        ),
        hans=V(
            "大跨度桥梁光纤结构健康监测技术",
            "采用分布式光纤光栅传感器测量应变、温度和索力，结合数字孪生模型自动识别结构异常。",
            "适用于斜拉桥、拱桥、隧道及高速公路高边坡。",
            "抗电磁干扰，传感器寿命20年，已在30余座跨江大桥应用。",
            "我公司承担多座桥梁的养护工程，需要长期在线监测手段，在定检之前发现拉索和支座病害。",
            "结构健康监测|光纤光栅|桥梁|数字孪生",
        ),
    ),
    Topic(
        "landslide_warning",
        "cq",
        "cqu",
        "hk_sensors",
        (IT,),
        ("smart_city", "telecom_iot"),
        6,
        "patent_granted",
        en=V(
            "Landslide early warning combining InSAR and ground sensors",
            "Satellite radar interferometry maps slow slope movement over wide areas, and "
            "low-power tilt and rainfall sensors on high-risk slopes trigger graded alerts.",
            "Hillside roads, residential slopes and reservoir banks in rainy mountainous regions.",
            "Millimetre-level deformation detection and alerts hours before failure in past "
            "events; sensors run three years on one battery.",
            "We supply slope sensors in Hong Kong and want to combine them with satellite "
            "monitoring for earlier warnings.",
            "landslide|InSAR|early warning|slope safety",
        ),
        hant=V(
            "結合InSAR與地面感測器的山泥傾瀉預警",
            "以衞星雷達干涉測量大範圍監測斜坡緩慢移動，再配合高風險斜坡上的低功耗傾斜及雨量感測器"
            "分級發出警報。",
            "適用於多雨山區的山坡道路、住宅斜坡及水塘岸坡。",
            "可偵測毫米級變形，過往個案中於滑坡前數小時發出警報；感測器一粒電池可用三年。",
            "本公司在香港供應斜坡感測器，希望結合衞星監測以更早發出預警。",
            "山泥傾瀉|InSAR|預警|斜坡安全",
        ),
        hans=V(
            "InSAR与地面传感融合的滑坡预警技术",
            "利用卫星雷达干涉测量大范围识别边坡缓慢变形，在高风险边坡布设低功耗倾角和雨量"
            "传感器，分级发布预警。",
            "适用于多雨山区的公路边坡、居民区边坡和库岸。",
            "可识别毫米级形变，历史案例中提前数小时预警，传感器单节电池工作三年。",
            "我公司负责区县地质灾害监测项目，需要天地一体化的滑坡预警技术。",
            "滑坡|InSAR|监测预警|地质灾害",
        ),
    ),
    Topic(
        "cantonese_speech_translation",
        "hk",
        "hkust",
        "cq_hkservices",
        (IT, "hk_residents"),
        ("artificial_intelligence",),
        7,
        "copyright",
        en=V(
            "Cantonese–Putonghua speech translation for public service counters",
            "A speech model trained on conversational Cantonese and Southwest Mandarin "
            "transcribes and translates in both directions, with a glossary of local "
            "government and banking terms.",
            "Government service halls, hospitals and banks in mainland cities serving Hong "
            "Kong residents, and Hong Kong counters serving mainland visitors.",
            "Handles code-switching with English words; 92% sentence-level accuracy in noisy "
            "counters; runs on-premise to keep conversations private.",
            "Many Hong Kong residents we serve in Chongqing speak little Putonghua; counter "
            "staff need real-time help.",
            "speech translation|Cantonese|Putonghua|public services",
        ),
        hant=V(
            "粵語與普通話語音即時翻譯（公共服務櫃位）",
            "以大量粵語及西南官話對話訓練的語音模型，可雙向轉寫及翻譯，並內置政府及銀行常用詞彙。",
            "適用於為香港居民服務的內地政務大廳、醫院及銀行，以及接待內地旅客的香港櫃位。",
            "可處理中英夾雜；嘈雜環境下句子準確率達92%；可於本地伺服器運行，保障對話私隱。",
            "我們在重慶服務的不少香港居民不太懂普通話，櫃位職員需要即時協助。",
            "語音翻譯|粵語|普通話|公共服務",
        ),
        hans=V(
            "粤语与普通话实时语音互译系统",
            "基于粤语和西南官话对话数据训练的语音模型，可双向转写和翻译，内置政务及银行常用"
            "术语库。",
            "适用于服务香港居民的内地政务服务大厅、医院和银行，以及接待内地游客的香港窗口。",
            "支持中英夹杂语句，嘈杂环境下句子准确率92%，可本地化部署保护对话隐私。",
            "我们服务的在渝港人中不少人普通话不流利，窗口工作人员需要实时翻译辅助工具。",
            "语音翻译|粤语|普通话|政务服务",
        ),
    ),
    Topic(
        "edge_ai_accelerator",
        "hk",
        "hkust",
        "cq_electronics",
        (IT,),
        ("semiconductors", "artificial_intelligence"),
        4,
        "patent_applied",
        en=V(
            "Low-power edge AI accelerator IP core",
            "A compute-in-memory neural network accelerator with mixed-precision support, "
            "delivered as synthesisable IP with a compiler toolchain.",
            "Smart cameras, wearables and industrial sensors that must run vision models on "
            "milliwatts.",
            "Ten times better energy efficiency than a conventional digital accelerator on "
            "standard benchmarks, verified on a 28 nm test chip.",
            "We design IoT chips and need an AI accelerator core we can integrate and license "
            "without royalties per unit.",
            "AI accelerator|compute-in-memory|IP core|edge computing",
        ),
        hant=V(
            "低功耗邊緣人工智能加速器IP核",
            "存算一體神經網絡加速器，支援混合精度，以可綜合IP連編譯工具鏈形式提供。",
            "適用於需以毫瓦級功耗運行視覺模型的智能鏡頭、可穿戴裝置及工業感測器。",
            "標準測試中能效比傳統數碼加速器高十倍，已於28納米測試晶片驗證。",
            "本公司設計物聯網晶片，需要可整合的人工智能加速器核心。",
            "人工智能加速器|存算一體|IP核|邊緣運算",
        ),
        hans=V(
            "低功耗边缘AI加速器IP核",
            "存算一体神经网络加速器，支持混合精度，以可综合IP核及配套编译工具链形式提供。",
            "适用于需要在毫瓦级功耗下运行视觉模型的智能摄像头、可穿戴设备和工业传感器。",
            "标准测试集上能效比传统数字加速器高十倍，已在28纳米测试芯片上验证。",
            "我公司设计物联网SoC芯片，需要可集成的AI加速IP核，希望一次性买断授权。",
            "AI芯片|存算一体|IP核|边缘计算",
        ),
    ),
    Topic(
        "gan_power_devices",
        "hk",
        "hkust",
        "cq_auto",
        (IT,),
        ("semiconductors", "automotive_nev"),
        5,
        "patent_granted",
        en=V(
            "Gallium nitride power transistors for on-board chargers",
            "Normally-off GaN-on-silicon transistors with a robust gate structure and a "
            "matching driver design for high-frequency power conversion.",
            "On-board chargers, DC-DC converters and fast chargers for electric vehicles.",
            "Switching losses are a third of silicon devices, allowing chargers half the size; "
            "threshold voltage stays stable after 1,000 hours of stress tests.",
            "We need a high-frequency power device solution to shrink our next-generation "
            "on-board charger.",
            "GaN|power electronics|on-board charger|wide-bandgap",
        ),
        hant=V(
            "電動車車載充電器氮化鎵功率晶體管",
            "常關型矽基氮化鎵晶體管，具穩固閘極結構，並配套高頻功率轉換驅動設計。",
            "適用於電動車車載充電器、直流轉換器及快速充電器。",
            "開關損耗僅為矽器件三分之一，充電器體積可減半；經1,000小時應力測試後閾值電壓仍穩定。",
            "我們需要高頻功率器件方案，以縮小下一代車載充電器的體積。",
            "氮化鎵|電力電子|車載充電器|寬禁帶",
        ),
        hans=V(
            "车规级氮化镓功率器件技术",
            "增强型硅基氮化镓晶体管，栅极结构可靠，并提供配套的高频功率变换驱动设计。",
            "适用于新能源汽车车载充电机、DC-DC变换器和快充桩。",
            "开关损耗仅为硅器件的三分之一，充电机体积可减半，1000小时应力测试后阈值电压稳定。",
            "我公司开发下一代车载充电机，需要高频化功率器件方案，要求满足车规可靠性认证。",
            "氮化镓|功率器件|车载充电机|宽禁带半导体",
        ),
    ),
    Topic(
        "v2x_module",
        "cq",
        "cqupt",
        "cq_auto",
        (IT, LOG),
        ("telecom_iot", "automotive_nev"),
        7,
        "patent_granted",
        en=V(
            "C-V2X communication module with roadside fusion",
            "A cellular vehicle-to-everything module and roadside unit software that share "
            "positions and hazard warnings between vehicles, signals and cameras within 20 ms.",
            "Connected-vehicle pilot zones, bus priority, and blind-corner warnings on "
            "mountain roads.",
            "Full protocol stack developed in-house; passed interoperability tests with major "
            "vehicle makers.",
            "We are seeking a C-V2X module and roadside software for a Hong Kong connected "
            "bus pilot.",
            "C-V2X|connected vehicles|roadside unit|low latency",
        ),
        hant=V(
            "C-V2X車聯網通訊模組及路側融合",
            "蜂窩車聯網模組及路側單元軟件，可在20毫秒內於車輛、交通燈及鏡頭之間共享位置及危險警示。",
            "適用於車聯網試點區、巴士優先，以及山路彎角盲點警示。",
            "全協議棧自主研發，已通過與主要車廠的互通測試。",
            "我們正為香港的車聯網巴士試點物色C-V2X模組及路側軟件。",
            "車聯網|C-V2X|路側單元|低時延",
        ),
        hans=V(
            "C-V2X车联网通信模组与路侧融合感知技术",
            "蜂窝车联网通信模组及路侧单元软件，可在20毫秒内实现车辆、信号灯和摄像头之间的位置"
            "与危险信息共享。",
            "适用于车联网先导区、公交优先以及山区道路弯道盲区预警。",
            "全协议栈自主研发，已通过与多家主流车企的互联互通测试。",
            "我公司在两江新区开展智能网联汽车测试，需要成熟的车路协同通信模组和路侧软件。",
            "车联网|C-V2X|车路协同|低时延",
        ),
    ),
    Topic(
        "federated_learning",
        "hk",
        "cityu",
        "cq_finance",
        ("finance", IT),
        ("fintech", "artificial_intelligence"),
        6,
        "patent_applied",
        en=V(
            "Federated learning for cross-boundary data collaboration",
            "Models are trained across institutions in both cities while raw data never leave "
            "their owners, using secure aggregation and differential privacy.",
            "Joint credit-risk and anti-fraud models between banks, and medical research "
            "across hospitals.",
            "Meets data-localisation requirements on both sides while reaching accuracy within "
            "2% of centralised training.",
            "We want to build a credit model with a Hong Kong partner without moving customer "
            "data across the boundary.",
            "federated learning|privacy computing|cross-boundary data|risk model",
        ),
        hant=V(
            "跨境數據協作聯邦學習技術",
            "採用安全聚合及差分私隱，讓兩地機構共同訓練模型，而原始數據毋須離開數據擁有者。",
            "適用於銀行間聯合信貸風險及反欺詐模型，以及跨醫院醫學研究。",
            "符合兩地數據本地化要求，準確度與集中訓練相差不足2%。",
            "我們希望與內地夥伴共建信貸模型，而毋須跨境傳送客戶數據。",
            "聯邦學習|私隱計算|跨境數據|風險模型",
        ),
        hans=V(
            "跨境数据协作联邦学习技术",
            "采用安全聚合和差分隐私，让两地机构联合训练模型，原始数据不出本地。",
            "适用于银行间联合风控与反欺诈建模，以及多医院联合医学研究。",
            "满足两地数据本地化要求，模型精度与集中训练相差不到2%。",
            "我公司为重庆中小银行提供风控服务，希望与香港金融机构联合建模，但客户数据不能出境。",
            "联邦学习|隐私计算|数据跨境|风控模型",
        ),
    ),
    Topic(
        "ot_cybersecurity",
        "hk",
        "astri",
        "cq_smartmfg",
        (IT,),
        ("ict_software", "advanced_manufacturing"),
        7,
        "copyright",
        en=V(
            "Anomaly detection for industrial control network security",
            "Passive monitoring of PLC and SCADA traffic learns normal process behaviour and "
            "flags unusual commands, without installing agents on production equipment.",
            "Factories, water plants and power distribution with legacy control systems.",
            "Decodes more than 20 industrial protocols; deployed in a day with no downtime.",
            "Our plants run old control systems and we need to detect intrusions without "
            "stopping production.",
            "OT security|industrial control systems|anomaly detection|SCADA",
        ),
        hant=V(
            "工業控制網絡安全異常偵測",
            "被動監察PLC及SCADA網絡流量，學習正常生產行為並標示異常指令，毋須在生產設備安裝代理程式。",
            "適用於使用舊式控制系統的工廠、水廠及配電設施。",
            "可解析逾20種工業協定，一日內完成部署，毋須停產。",
            "本公司廠房使用舊式控制系統，需要在不停產的情況下偵測入侵。",
            "工控安全|工業控制系統|異常偵測|SCADA",
        ),
        hans=V(
            "工业控制网络安全异常检测系统",
            "旁路监听PLC和SCADA网络流量，学习正常工艺行为并识别异常指令，无需在生产设备上安装"
            "代理程序。",
            "适用于存量控制系统较多的工厂、水厂和配电设施。",
            "支持20余种工业协议解析，一天内完成部署，无需停产。",
            "我公司多条产线使用老旧控制系统，需要在不停产的前提下实现工控网络入侵检测，满足"
            "等级保护要求。",
            "工控安全|工业控制系统|异常检测|等级保护",
        ),
    ),
    Topic(
        "micro_led_transfer",
        "hk",
        "hkust",
        "cq_electronics",
        (IT,),
        ("semiconductors",),
        4,
        "patent_applied",
        en=V(
            "Laser-assisted mass transfer for Micro-LED displays",
            "A selective laser lift-off and stamp process moves thousands of micro-LED chips "
            "per shot onto backplanes, with in-line repair of defective pixels.",
            "Micro-LED watches, automotive displays and AR glasses.",
            "Transfer yield above 99.99% in pilot runs and throughput suitable for panel "
            "production.",
            "We plan a Micro-LED pilot line and need a mass-transfer process that can scale.",
            "Micro-LED|mass transfer|laser lift-off|display",
        ),
        hant=V(
            "Micro-LED顯示屏鐳射巨量轉移技術",
            "選擇性鐳射剝離及轉印工藝，每次可將數千粒微型LED晶片轉移至背板，並可在線修補壞點。",
            "適用於Micro-LED手錶、車載顯示屏及擴增實境眼鏡。",
            "試產轉移良率逾99.99%，產能適合面板量產。",
            "本公司計劃建立Micro-LED試產線，需要可擴展的巨量轉移工藝。",
            "Micro-LED|巨量轉移|鐳射剝離|顯示屏",
        ),
        hans=V(
            "Micro-LED激光巨量转移技术",
            "选择性激光剥离与转印工艺，单次可将数千颗微型LED芯片转移至背板，并可在线修复坏点。",
            "适用于Micro-LED手表、车载显示和AR眼镜。",
            "中试转移良率超过99.99%，产能满足面板量产需求。",
            "我公司拟建设Micro-LED中试线，需要可量产的巨量转移工艺及设备方案。",
            "Micro-LED|巨量转移|激光剥离|新型显示",
        ),
    ),
)
