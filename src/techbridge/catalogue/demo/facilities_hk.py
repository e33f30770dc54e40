"""Demo research facilities offered by Hong Kong owners (English and Traditional Chinese)."""

from __future__ import annotations

from decimal import Decimal

from .facilities_base import FV, Facility

IT, CM, EDU, TOUR = "innovation_technology", "chinese_medicine", "education", "tourism"


def _hk(
    key: str,
    owner: str,
    areas: tuple[str, ...],
    sectors: tuple[str, ...],
    fee: int,
    en: FV,
    hant: FV,
    keywords: tuple[str, ...],
    currency: str = "HKD",
) -> Facility:
    return Facility(
        key, owner, areas, sectors, Decimal(fee), currency, en, hant, "zh-hant", keywords
    )


_TRAIN_EN = "Self-operation after a training session; otherwise run by our technicians."
_TRAIN_HANT = "完成培訓後可自行操作，否則由本室技術員代為操作。"

FACILITIES: tuple[Facility, ...] = (
    _hk(
        "cryo_em",
        "hkust",
        (IT,),
        ("biotechnology",),
        4200,
        FV(
            "300 kV cryo-electron microscope",
            "A 300 kV cryo-TEM with direct electron detector and automated data collection.",
            "Single-particle structures of proteins and complexes for drug discovery.",
            "Grid screening sessions bookable weekly; full data collection by proposal.",
        ),
        FV(
            "300千伏冷凍電子顯微鏡",
            "配備直接電子探測器及自動數據收集的300千伏冷凍透射電鏡。",
            "用於藥物研發中蛋白質及複合物的單顆粒結構解析。",
            "每週可預約樣品篩查；完整數據收集須提交申請。",
        ),
        ("cryo-EM", "structural biology"),
    ),
    _hk(
        "research_mri",
        "hku",
        (IT,),
        ("medical_devices",),
        5200,
        FV(
            "Research MRI scanner with multi-nuclear imaging",
            "A 3 T research MRI with multi-nuclear coils and custom sequence programming.",
            "Neuroimaging studies, imaging biomarker validation and device testing.",
            "Human studies require ethics approval; phantom and animal sessions on request.",
        ),
        FV(
            "多核研究用磁力共振掃描器",
            "3特斯拉研究用磁力共振，配備多核線圈並可自行編寫序列。",
            "用於腦神經影像研究、影像生物標記驗證及器械測試。",
            "人體研究須有倫理批准；假體及動物掃描可另行安排。",
        ),
        ("MRI", "neuroimaging"),
    ),
    _hk(
        "nanofab_cleanroom",
        "hkust",
        (IT,),
        ("semiconductors",),
        1800,
        FV(
            "Nanofabrication cleanroom (class 100)",
            "Lithography, etching and deposition tools for wafers up to 6 inches, including "
            "e-beam lithography.",
            "Prototyping of MEMS, photonic and GaN devices for start-ups and researchers.",
            "Cleanroom safety training and tool certification required before access.",
        ),
        FV(
            "納米加工潔淨室（100級）",
            "提供最大6吋晶圓的光刻、蝕刻及沉積設備，包括電子束光刻。",
            "供初創企業及研究人員製作MEMS、光子及氮化鎵器件原型。",
            "須完成潔淨室安全培訓及儀器認證方可使用。",
        ),
        ("cleanroom", "lithography", "MEMS"),
    ),
    _hk(
        "textile_testing_lab",
        "polyu",
        (IT, "trade"),
        ("materials",),
        650,
        FV(
            "Functional textile testing laboratory",
            "Tests of thermal comfort, moisture transport, stretch recovery and wash "
            "durability, with a sweating thermal manikin.",
            "Development and certification of sportswear, medical textiles and smart garments.",
            "Samples handled by our staff; reports in English or Chinese.",
        ),
        FV(
            "功能性紡織品測試實驗室",
            "測試熱舒適、濕氣傳遞、彈性回復及耐洗性，設有出汗暖體假人。",
            "用於運動服、醫用紡織品及智能服裝的開發及認證。",
            "樣本由本室職員處理，報告可用中文或英文。",
        ),
        ("textile testing", "thermal manikin"),
    ),
    _hk(
        "tcm_analysis_platform",
        "hkbu",
        (CM,),
        ("chinese_medicine",),
        900,
        FV(
            "Chinese medicine quality analysis platform",
            "UPLC-QTOF-MS, GC-MS, ICP-MS for heavy metals and a reference herbarium of "
            "authenticated specimens.",
            "Authentication, marker quantification and contaminant testing of herbs and "
            "proprietary Chinese medicines.",
            "Testing service with report; method development by agreement.",
        ),
        FV(
            "中藥質量分析平台",
            "設有UPLC-QTOF-MS、GC-MS、測重金屬的ICP-MS，以及經鑑定的標本館。",
            "用於中藥材及中成藥的鑑定、指標成分定量及污染物檢測。",
            "提供測試服務及報告；方法開發可另議。",
        ),
        ("Chinese medicine", "mass spectrometry"),
    ),
    _hk(
        "emc_test_chamber",
        "hkpc",
        (IT, "trade"),
        ("telecom_iot",),
        1500,
        FV(
            "EMC test chamber and wireless certification lab",
            "A 3 m semi-anechoic chamber and radio test systems for pre-compliance and "
            "certification testing.",
            "Electronics makers preparing products for mainland, Hong Kong and export markets.",
            "Pre-compliance slots by the half day; certification tests per standard.",
        ),
        FV(
            "電磁兼容測試室及無線認證實驗室",
            "3米半電波暗室及射頻測試系統，可進行預兼容及認證測試。",
            "供電子產品生產商為內地、香港及出口市場準備產品。",
            "預兼容測試以半日為單位預約；認證測試按標準收費。",
        ),
        ("EMC", "certification", "wireless testing"),
    ),
    _hk(
        "battery_test_line",
        "hk_batterylab",
        (IT,),
        ("automotive_nev", "energy_environment"),
        700,
        FV(
            "Battery cell and module test line",
            "Multi-channel cyclers, calorimeters and abuse-test chambers for cells and modules.",
            "Cycle-life, safety and performance testing for battery and EV companies.",
            "Abuse tests run by our staff only; data delivered in open formats.",
        ),
        FV(
            "電池及模組測試線",
            "多通道充放電測試儀、量熱儀及濫用測試箱，適用於電芯及模組。",
            "為電池及電動車企業進行循環壽命、安全及性能測試。",
            "濫用測試只由本室職員操作；數據以開放格式交付。",
        ),
        ("battery testing", "cycle life", "safety test"),
    ),
    _hk(
        "genomics_core",
        "hk_healthlab",
        (IT,),
        ("biotechnology",),
        1100,
        FV(
            "Genomics and single-cell sequencing core",
            "Short- and long-read sequencers with single-cell library preparation and a "
            "bioinformatics team.",
            "Cancer genomics, microbiome studies and cell-therapy quality control.",
            "Samples accepted with a sample sheet; turnaround two to four weeks.",
        ),
        FV(
            "基因組及單細胞測序核心平台",
            "短讀長及長讀長測序儀，配備單細胞建庫及生物資訊團隊。",
            "用於癌症基因組、微生物組研究及細胞治療質控。",
            "提交樣本清單後收樣，約二至四星期完成。",
        ),
        ("sequencing", "single-cell", "bioinformatics"),
    ),
    _hk(
        "robot_test_arena",
        "hkstp",
        (IT, "logistics"),
        ("robotics", "logistics_tech"),
        500,
        FV(
            "Robot and autonomous-vehicle test arena",
            "An indoor arena with motion capture, ramps, lifts and a mock warehouse for "
            "testing mobile robots.",
            "Navigation, safety and fleet tests for logistics and service robots.",
            "Half-day bookings; safety briefing for all visitors.",
        ),
        FV(
            "機械人及自動駕駛測試場",
            "設有動作捕捉、斜坡、升降機及模擬倉庫的室內測試場。",
            "用於物流及服務機械人的導航、安全及車隊測試。",
            "以半日為單位預約；所有訪客須先聽取安全簡介。",
        ),
        ("robot testing", "motion capture"),
    ),
    _hk(
        "ic_design_lab",
        "astri",
        (IT,),
        ("semiconductors",),
        800,
        FV(
            "IC design and verification lab",
            "EDA licences, FPGA prototyping boards and a chip test bench with probe station.",
            "Design, prototyping and post-silicon testing for fabless start-ups.",
            "EDA seats booked weekly under a user agreement; test bench by the hour.",
        ),
        FV(
            "集成電路設計及驗證實驗室",
            "提供EDA軟件授權、FPGA原型板及附探針台的晶片測試台。",
            "供無晶圓廠初創企業進行設計、原型及流片後測試。",
            "EDA席位按週預約並須簽署使用協議；測試台按小時收費。",
        ),
        ("EDA", "FPGA", "chip testing"),
    ),
    _hk(
        "vr_learning_studio",
        "eduhk",
        (EDU, "youth_development"),
        ("edtech",),
        300,
        FV(
            "Immersive learning studio",
            "A studio with VR headsets, a 270-degree projection room and classroom analytics.",
            "Trials of immersive lessons, teacher training and youth workshops.",
            "School and youth groups welcome; a staff member supports every session.",
        ),
        FV(
            "沉浸式學習工作室",
            "設有虛擬實境頭戴裝置、270度投影室及課堂分析系統。",
            "用於沉浸式課堂試驗、教師培訓及青少年工作坊。",
            "歡迎學校及青年團體；每節均有職員支援。",
        ),
        ("immersive learning", "VR"),
    ),
    _hk(
        "materials_characterisation",
        "cityu",
        (IT,),
        ("materials",),
        950,
        FV(
            "Materials characterisation centre",
            "XRD, XPS, SEM with EDS and nanoindentation in one suite.",
            "Phase, surface chemistry and mechanical testing of coatings, alloys and "
            "battery materials.",
            _TRAIN_EN,
        ),
        FV(
            "材料表徵中心",
            "集XRD、XPS、附能譜的掃描電鏡及納米壓痕儀於一身。",
            "用於塗層、合金及電池材料的物相、表面化學及力學測試。",
            _TRAIN_HANT,
        ),
        ("XRD", "XPS", "SEM"),
    ),
    _hk(
        "hotel_experience_lab",
        "polyu",
        (TOUR,),
        ("tourism_culture",),
        400,
        FV(
            "Hotel and tourism experience lab",
            "A working hotel-room mock-up with eye tracking, sensors and guest-journey analytics.",
            "Testing of service robots, smart-room devices and visitor experience designs.",
            "Bookings by the day; observation room for clients.",
        ),
        FV(
            "酒店及旅遊體驗實驗室",
            "仿真酒店客房，配備眼動追蹤、感測器及住客旅程分析。",
            "用於測試服務機械人、智能客房裝置及旅客體驗設計。",
            "按日預約；設觀察室供客戶使用。",
        ),
        ("hospitality", "user experience"),
    ),
    _hk(
        "speech_data_studio",
        "cuhk",
        (IT, "hk_residents"),
        ("artificial_intelligence",),
        350,
        FV(
            "Speech recording and evaluation studio",
            "Sound-treated booths, far-field microphone arrays and a listening panel for "
            "Cantonese and Putonghua speech.",
            "Speech data collection and evaluation of speech recognition and translation.",
            "Recording participants must give consent; data handled under our privacy rules.",
        ),
        FV(
            "語音錄製及評測室",
            "隔音錄音間、遠場咪高峰陣列及粵語、普通話聆聽評測小組。",
            "用於收集語音數據，以及評測語音識別和翻譯系統。",
            "錄音參加者須簽署同意書；數據按本校私隱規定處理。",
        ),
        ("speech data", "Cantonese"),
    ),
    _hk(
        "wind_tunnel",
        "hkust",
        (IT,),
        ("construction", "low_altitude"),
        2500,
        FV(
            "Boundary-layer wind tunnel",
            "A boundary-layer wind tunnel for building, bridge and drone tests with pressure "
            "scanning and PIV.",
            "Wind loads on tall buildings, bridge aerodynamics and drone stability.",
            "Projects scheduled by the week; model making available.",
        ),
        FV(
            "邊界層風洞",
            "適用於建築、橋樑及無人機測試的邊界層風洞，設壓力掃描及粒子圖像測速。",
            "用於高樓風荷載、橋樑空氣動力學及無人機穩定性研究。",
            "項目以星期為單位安排；可代製模型。",
        ),
        ("wind tunnel", "wind load"),
    ),
    _hk(
        "animal_imaging",
        "hku",
        (IT,),
        ("pharmaceuticals",),
        1300,
        FV(
            "Preclinical imaging suite",
            "Micro-CT, optical imaging and small-animal ultrasound with anaesthesia support.",
            "Efficacy and biodistribution studies for drug and device developers.",
            "Animal work requires an approved protocol; imaging by our technicians.",
        ),
        FV(
            "臨床前影像平台",
            "設有微型CT、光學成像及小動物超聲波，並提供麻醉支援。",
            "用於藥物及器械開發的藥效及體內分布研究。",
            "動物實驗須有已批准的實驗方案；由技術員進行成像。",
        ),
        ("micro-CT", "preclinical imaging"),
    ),
)
