"""Demo topics: rehabilitation, elderly care, biomaterials and services for residents."""

from __future__ import annotations

from .topics_base import Topic, V

IT, HKR = "innovation_technology", "hk_residents"

TOPICS: tuple[Topic, ...] = (
    Topic(
        "rehab_exoskeleton",
        "hk",
        "cityu",
        "cq_meddevice",
        (IT,),
        ("robotics", "medical_devices"),
        6,
        "patent_granted",
        en=V(
            "Lightweight lower-limb exoskeleton for stroke rehabilitation",
            "A 6 kg powered knee-ankle exoskeleton detects the wearer's intention from "
            "surface EMG and adjusts assistance torque step by step.",
            "Gait training in rehabilitation hospitals, day centres and, later, at home.",
            "Half the weight of typical hospital exoskeletons; therapists set it up in under "
            "five minutes and patients walked 30% farther per session in a pilot trial.",
            "We want to add a wearable gait-training robot to our rehabilitation product line.",
            "exoskeleton|stroke rehabilitation|EMG|gait training",
        ),
        hant=V(
            "中風復康輕量化下肢外骨骼",
            "重6公斤的電動膝踝外骨骼，以表面肌電訊號偵測使用者意圖，逐步調節輔助扭力。",
            "適用於復康醫院、日間中心的步行訓練，日後亦可供家居使用。",
            "重量只有一般醫院外骨骼的一半；治療師五分鐘內即可完成設定，試驗中病人每節步行距離"
            "增加30%。",
            "本公司希望在復康產品線加入可穿戴步態訓練機械人。",
            "外骨骼|中風復康|肌電訊號|步態訓練",
        ),
        hans=V(
            "脑卒中康复轻量化下肢外骨骼机器人",
            "6公斤重的膝踝动力外骨骼，通过表面肌电信号识别患者运动意图，逐步调节助力扭矩。",
            "适用于康复医院、社区康复中心的步态训练，后续可拓展至居家康复。",
            "重量仅为常见医用外骨骼的一半，治疗师5分钟即可完成穿戴调试，试验中患者单次训练"
            "步行距离提高30%。",
            "我公司主营康复器械，计划推出可穿戴步态训练机器人，需要成熟的人机交互与控制技术，"
            "可联合开展注册临床试验。",
            "外骨骼|康复机器人|肌电信号|步态训练",
        ),
    ),
    Topic(
        "antimicrobial_coating",
        "hk",
        "hkust",
        "cq_materials",
        (IT,),
        ("materials",),
        7,
        "patent_granted",
        en=V(
            "Long-lasting antimicrobial coating for high-touch surfaces",
            "A water-based coating with encapsulated disinfectant releases its active agent "
            "slowly and keeps killing bacteria and enveloped viruses for up to 90 days.",
            "Lift buttons, hand rails and door handles in hospitals, schools and public transport.",
            "Spray-applied on site, dries in 30 minutes, and keeps a 99.9% kill rate after "
            "repeated cleaning.",
            "We are looking for an antimicrobial coating formula that we can produce and sell "
            "for public facilities.",
            "antimicrobial coating|surface disinfection|public hygiene",
        ),
        hant=V(
            "長效抗菌塗層（適用於高接觸表面）",
            "水性塗層內含微囊化消毒劑，緩慢釋放活性成分，可持續殺滅細菌及包膜病毒長達90日。",
            "適用於醫院、學校及公共交通的升降機按鈕、扶手及門柄。",
            "可於現場噴塗，30分鐘乾透，經反覆清潔後殺菌率仍達99.9%。",
            "本公司正物色可自行生產、供公共設施使用的抗菌塗層配方。",
            "抗菌塗層|表面消毒|公共衞生",
        ),
        hans=V(
            "长效抗菌涂层技术",
            "水性涂层内含微胶囊化消毒剂，缓慢释放活性成分，可持续杀灭细菌和包膜病毒长达90天。",
            "适用于医院、学校和轨道交通的电梯按钮、扶手和门把手等高频接触表面。",
            "现场喷涂，30分钟干燥，多次清洁后杀菌率仍保持99.9%。",
            "我公司生产功能涂料，希望引进长效抗菌涂层配方及生产工艺，产品面向轨道交通和医院。",
            "抗菌涂层|表面消毒|功能涂料",
        ),
    ),
    Topic(
        "radar_fall_detection",
        "hk",
        "cityu",
        "cq_hkservices",
        (IT, HKR),
        ("digital_health", "telecom_iot"),
        7,
        "patent_applied",
        en=V(
            "Privacy-preserving radar fall detection for elderly homes",
            "A ceiling-mounted millimetre-wave radar tracks posture and breathing without "
            "cameras and raises an alert within ten seconds of a fall.",
            "Elderly homes, hospital wards and older people living alone, including Hong Kong "
            "retirees who have settled in mainland cities.",
            "No images are recorded, so it can be used in bedrooms and bathrooms; false alarms "
            "fell below one per room per month in field tests.",
            "We support older Hong Kong residents living in Chongqing and need a fall alert "
            "that their families in Hong Kong can also receive.",
            "fall detection|mmWave radar|elderly care|privacy",
        ),
        hant=V(
            "保障私隱的雷達跌倒偵測系統",
            "天花安裝的毫米波雷達毋須鏡頭，即可追蹤姿勢及呼吸，於跌倒後十秒內發出警報。",
            "適用於安老院舍、醫院病房及獨居長者，包括在內地城市定居的香港退休人士。",
            "不拍攝影像，可用於睡房及浴室；實地測試中每房每月誤報少於一次。",
            "我們為在重慶居住的香港長者提供支援，需要一套香港家人亦能接收通知的跌倒警報。",
            "跌倒偵測|毫米波雷達|長者護理|私隱",
        ),
        hans=V(
            "保护隐私的毫米波雷达跌倒检测系统",
            "吸顶安装的毫米波雷达无需摄像头即可追踪姿态和呼吸，跌倒后十秒内发出报警。",
            "适用于养老机构、医院病房和独居老人家庭，包括在内地城市定居的香港退休人士。",
            "不采集图像，可用于卧室和卫生间，实地测试误报率低于每房间每月一次。",
            "我们为在渝居住的香港老年居民提供服务，需要一套可同时通知其香港家属的跌倒报警方案。",
            "跌倒检测|毫米波雷达|智慧养老|隐私保护",
        ),
    ),
    Topic(
        "cross_boundary_health_record",
        "hk",
        "hku",
        "cq_hkservices",
        (HKR, IT),
        ("digital_health", "ict_software"),
        5,
        "copyright",
        en=V(
            "Consent-based cross-boundary medical record sharing",
            "A patient-held app lets Hong Kong residents share selected medical records, "
            "prescriptions and imaging with mainland doctors, with every access logged and "
            "revocable.",
            "Hong Kong residents receiving care in Chongqing or the Greater Bay Area, and "
            "mainland hospitals serving them.",
            "Data stay under the patient's control and follow the privacy rules of both sides; "
            "records are converted to standard clinical terms in both Chinese scripts.",
            "Our members include many Hong Kong families in Chongqing who struggle to bring "
            "their medical history to local hospitals.",
            "health records|cross-boundary|consent|interoperability",
        ),
        hant=V(
            "以同意為本的跨境醫療紀錄互通",
            "由病人持有的應用程式讓香港居民選擇性地與內地醫生分享病歷、處方及影像，每次查閱均有"
            "紀錄並可隨時撤回。",
            "適用於在重慶或大灣區求醫的香港居民，以及為他們提供服務的內地醫院。",
            "資料由病人掌控，符合兩地私隱規定；紀錄自動轉換為繁簡兩種字體的標準臨床術語。",
            "我們的會員中有不少在重慶生活的香港家庭，難以把病歷帶到當地醫院。",
            "醫療紀錄|跨境|病人同意|互通",
        ),
        hans=V(
            "基于授权同意的跨境医疗记录互通平台",
            "由患者掌握的App让香港居民有选择地向内地医生共享病历、处方和影像，每次调阅均留痕且"
            "可随时撤回授权。",
            "适用于在重庆或大湾区就医的香港居民，以及为其提供诊疗服务的内地医院。",
            "数据由患者自主控制，符合两地个人信息保护要求，病历自动转换为简繁两种字体的标准"
            "临床术语。",
            "我们服务的在渝港人家庭常常无法把既往病历带到本地医院，希望引入安全合规的病历"
            "共享工具。",
            "电子病历|跨境就医|授权同意|互联互通",
        ),
    ),
    Topic(
        "elderly_remote_care",
        "hk",
        "lingnan",
        "cq_hkservices",
        (HKR,),
        ("digital_health",),
        6,
        "know_how",
        en=V(
            "Remote social-care model for older Hong Kong residents on the mainland",
            "A care-coordination service model with video check-ins, volunteer visits and a "
            "shared care plan linking social workers in Hong Kong with service providers in "
            "the mainland city of residence.",
            "Older Hong Kong people who retire in Chongqing and their families in Hong Kong.",
            "Evaluated over two years: loneliness scores fell and unplanned hospital admissions "
            "dropped among participants.",
            "We need a proven service model and training to support older Hong Kong residents "
            "living alone in Chongqing.",
            "elderly care|social work|telecare|Hong Kong residents",
        ),
        hant=V(
            "內地港人長者遙距社會關顧模式",
            "以視像問候、義工探訪及共享照顧計劃，連結香港社工與長者居住城市的服務機構，協調"
            "照顧安排。",
            "適用於退休後移居重慶的香港長者及其在港家人。",
            "經兩年評估，參加者的孤獨感評分下降，非預期入院次數亦減少。",
            "我們需要一套經驗證的服務模式及培訓，支援獨居重慶的香港長者。",
            "長者照顧|社會工作|遙距關顧|港人",
        ),
        hans=V(
            "在内地港籍长者远程社会关怀模式",
            "通过视频问候、志愿者探访和共享照护计划，将香港社工与长者居住地服务机构连接起来，"
            "协同开展照护。",
            "服务对象为退休后移居重庆的香港长者及其在港家属。",
            "经两年评估，参与者孤独感评分下降，非计划住院次数减少。",
            "我们需要成熟的服务模式和社工培训，为独居重庆的香港长者提供关怀服务。",
            "养老服务|社会工作|远程关怀|在渝港人",
        ),
    ),
    Topic(
        "silk_fibroin_biomaterial",
        "cq",
        "swu",
        "hk_medtech",
        (IT,),
        ("materials", "biotechnology"),
        5,
        "patent_granted",
        en=V(
            "Silk fibroin scaffolds for wound healing and bone repair",
            "Regenerated silk fibroin from silkworm cocoons is processed into porous scaffolds, "
            "films and hydrogels with tunable degradation.",
            "Chronic wound dressings, bone-void fillers and drug-release carriers.",
            "Biocompatible, strong and low-cost; degradation can be set from weeks to months.",
            "We are developing advanced wound dressings and seek a natural biomaterial with "
            "good clinical potential.",
            "silk fibroin|biomaterial|scaffold|wound healing",
        ),
        hant=V(
            "蠶絲蛋白傷口修復及骨修復支架",
            "從蠶繭提取再生絲素蛋白，加工成多孔支架、薄膜及水凝膠，降解速度可調節。",
            "適用於慢性傷口敷料、骨缺損填充物及藥物緩釋載體。",
            "生物相容性好、強度高、成本低，降解時間可由數星期調至數月。",
            "本公司正開發高端傷口敷料，尋找具臨床潛力的天然生物材料。",
            "蠶絲蛋白|生物材料|支架|傷口癒合",
        ),
        hans=V(
            "蚕丝蛋白创面修复与骨修复支架材料",
            "以蚕茧为原料提取再生丝素蛋白，加工成多孔支架、薄膜和水凝胶，降解速度可调。",
            "可用于慢性创面敷料、骨缺损填充材料和药物缓释载体。",
            "生物相容性好、力学强度高、成本低，降解周期可从数周调至数月。",
            "我公司开发高端医用敷料，希望合作开发丝素蛋白基产品并完成注册。",
            "丝素蛋白|生物材料|组织工程|创面修复",
        ),
    ),
    Topic(
        "ai_antibody_design",
        "cq",
        "jinfeng",
        "hk_biotech",
        (IT,),
        ("biotechnology", "artificial_intelligence"),
        4,
        "patent_applied",
        en=V(
            "AI-assisted antibody design and developability screening",
            "Protein language models and structure prediction generate antibody variants and "
            "rank them for affinity, stability and immunogenicity before wet-lab testing.",
            "Early antibody discovery and optimisation for biotech and pharmaceutical companies.",
            "Cuts the number of variants to synthesise by about 80% and has produced "
            "nanomolar binders in three internal programmes.",
            "We need a computational partner to optimise our lead antibodies and reduce "
            "expensive screening rounds.",
            "antibody design|protein language model|AI drug discovery",
        ),
        hant=V(
            "人工智能輔助抗體設計及成藥性篩選",
            "以蛋白質語言模型及結構預測生成抗體變體，並在濕實驗前按親和力、穩定性及免疫原性排序。",
            "適用於生物科技及製藥公司的早期抗體發現及優化。",
            "需要合成的變體數目減少約八成，三個內部項目均獲得納摩爾級結合分子。",
            "本公司需要計算方面的合作夥伴優化先導抗體，減少昂貴的篩選輪次。",
            "抗體設計|蛋白質語言模型|人工智能藥物研發",
        ),
        hans=V(
            "人工智能辅助抗体设计与成药性筛选",
            "利用蛋白质语言模型和结构预测生成抗体变体，在湿实验前按亲和力、稳定性和免疫原性排序。",
            "适用于生物医药企业的早期抗体发现与优化。",
            "需合成的变体数量减少约80%，已在三个内部项目中获得纳摩尔级结合分子。",
            "我公司有多个抗体药物在研，需要AI计算平台合作优化先导分子，降低筛选成本。",
            "抗体设计|蛋白质语言模型|AI制药",
        ),
    ),
)
