"""Demo topics: advanced manufacturing, materials and construction."""

from __future__ import annotations

from .topics_base import Topic, V

IT = "innovation_technology"

TOPICS: tuple[Topic, ...] = (
    Topic(
        "magnesium_alloy",
        "cq",
        "cqu",
        "hk_robotics",
        (IT,),
        ("materials", "advanced_manufacturing"),
        8,
        "patent_granted",
        en=V(
            "High-strength wrought magnesium alloys for lightweight structures",
            "Rare-earth-lean magnesium alloys with refined grains are extruded into profiles "
            "and sheets that combine strength with formability at room temperature.",
            "Robot arms, vehicle seat frames, laptop housings and drone structures.",
            "A third lighter than aluminium parts of the same stiffness; established supply "
            "chain in Chongqing for extrusion and machining.",
            "We build collaborative robots and need lighter arm links without losing stiffness.",
            "magnesium alloy|lightweighting|extrusion|robot arm",
        ),
        hant=V(
            "高強度變形鎂合金輕量化結構",
            "低稀土細晶鎂合金可擠壓成型材及板材，在室溫下兼具強度與成形性。",
            "適用於機械臂、汽車座椅骨架、手提電腦外殼及無人機結構。",
            "相同剛度下比鋁件輕三分之一；重慶已有成熟擠壓及加工供應鏈。",
            "本公司生產協作機械人，需要在不損剛度下減輕手臂重量。",
            "鎂合金|輕量化|擠壓|機械臂",
        ),
        hans=V(
            "高强韧变形镁合金轻量化技术",
            "低稀土细晶镁合金可挤压成型材和板材，室温下兼具高强度和良好成形性。",
            "适用于机器人手臂、汽车座椅骨架、笔记本外壳和无人机结构件。",
            "同等刚度下比铝合金件轻三分之一，重庆本地具备成熟的挤压与加工配套。",
            "我公司生产轻量化结构件，需要高强韧镁合金材料及成形工艺，用于汽车零部件。",
            "镁合金|轻量化|挤压成型|结构件",
        ),
    ),
    Topic(
        "die_cast_vision_inspection",
        "hk",
        "polyu",
        "cq_auto",
        (IT,),
        ("artificial_intelligence", "advanced_manufacturing"),
        7,
        "patent_applied",
        en=V(
            "Machine-vision inspection of die-cast automotive parts",
            "Multi-angle imaging and a defect model trained with few samples detect pores, "
            "cracks and flash on aluminium die castings at line speed.",
            "Gearbox housings, motor housings and structural castings for vehicles.",
            "Needs only dozens of defect images per part type; miss rate below 0.5% in "
            "production trials.",
            "Manual inspection of our castings is slow and inconsistent; we need automated "
            "inspection on existing lines.",
            "machine vision|defect detection|die casting|quality inspection",
        ),
        hant=V(
            "汽車壓鑄件機器視覺檢測",
            "多角度成像配合少樣本訓練的缺陷模型，以產線速度檢出鋁壓鑄件的氣孔、裂紋及披鋒。",
            "適用於波箱殼、電機殼及汽車結構件。",
            "每種零件只需數十張缺陷圖像；生產試驗漏檢率低於0.5%。",
            "本公司鑄件依靠人手檢查，速度慢且標準不一，需要在現有產線上自動檢測。",
            "機器視覺|缺陷檢測|壓鑄|質量檢測",
        ),
        hans=V(
            "汽车压铸件机器视觉缺陷检测技术",
            "多角度成像结合小样本训练的缺陷模型，在线检测铝压铸件的气孔、裂纹和飞边。",
            "适用于变速箱壳体、电机壳体和汽车结构件。",
            "每种零件仅需数十张缺陷图片即可建模，生产试验漏检率低于0.5%。",
            "我公司压铸车间依赖人工目检，效率低且标准不统一，需要可在现有产线部署的视觉检测系统。",
            "机器视觉|缺陷检测|压铸|质量检测",
        ),
    ),
    Topic(
        "injection_moulding_twin",
        "hk",
        "hkpc",
        "cq_smartmfg",
        (IT,),
        ("advanced_manufacturing", "ict_software"),
        7,
        "copyright",
        en=V(
            "Digital twin for injection-moulding process optimisation",
            "Machine data and mould sensors feed a process model that predicts part quality "
            "and recommends parameter changes shot by shot.",
            "Plastic parts for electronics, appliances and vehicles.",
            "Scrap rates fell by 30% and set-up time for new moulds halved in factory trials.",
            "Our moulding shop has high scrap rates on new products; we want data-driven "
            "parameter setting.",
            "digital twin|injection moulding|process optimisation|smart factory",
        ),
        hant=V(
            "注塑工藝優化數碼孿生",
            "機台數據及模具感測器輸入工藝模型，預測零件質素並逐啤建議參數調整。",
            "適用於電子、家電及汽車塑膠零件。",
            "工廠試驗中廢品率下降30%，新模調機時間減半。",
            "本公司注塑車間新產品廢品率高，希望以數據設定參數。",
            "數碼孿生|注塑|工藝優化|智能工廠",
        ),
        hans=V(
            "注塑工艺优化数字孪生系统",
            "采集机台数据和模具传感器信号，建立工艺模型预测制品质量，并逐模次推荐参数调整。",
            "适用于电子、家电和汽车塑料件生产。",
            "工厂试验中废品率下降30%，新模具调机时间缩短一半。",
            "我公司注塑车间新品废品率高、调机依赖老师傅经验，需要数据驱动的工艺参数优化系统。",
            "数字孪生|注塑|工艺优化|智能工厂",
        ),
    ),
    Topic(
        "gearbox_predictive_maintenance",
        "hk",
        "polyu",
        "cq_smartmfg",
        (IT,),
        ("artificial_intelligence", "advanced_manufacturing"),
        6,
        "patent_applied",
        en=V(
            "Vibration-based predictive maintenance for rotating machinery",
            "Wireless vibration sensors and a physics-informed model detect bearing and gear "
            "faults weeks before failure and estimate remaining life.",
            "Motorcycle and engine plants, conveyors, pumps and fans.",
            "Works with few failure records by learning from physics-based simulations; "
            "battery sensors install without wiring.",
            "Unplanned stops of our machining centres and test benches cost us heavily; we "
            "need earlier fault warnings.",
            "predictive maintenance|vibration analysis|fault diagnosis",
        ),
        hant=V(
            "旋轉機械振動預測性維護",
            "無線振動感測器配合物理模型，於故障前數星期偵測軸承及齒輪問題並估算剩餘壽命。",
            "適用於摩托車及發動機廠房、輸送帶、水泵及風機。",
            "以物理模擬學習，即使故障紀錄少亦能運作；電池感測器毋須佈線即可安裝。",
            "我們的加工中心及測試台經常非計劃停機，需要更早的故障預警。",
            "預測性維護|振動分析|故障診斷",
        ),
        hans=V(
            "旋转机械振动预测性维护技术",
            "无线振动传感器结合物理信息模型，在故障前数周识别轴承和齿轮故障并估计剩余寿命。",
            "适用于摩托车和发动机工厂、输送线、泵和风机。",
            "借助物理仿真学习，在故障样本很少时也能建模，电池供电传感器免布线安装。",
            "我公司摩托车发动机产线设备非计划停机损失大，需要预测性维护方案。",
            "预测性维护|振动分析|故障诊断",
        ),
    ),
    Topic(
        "laser_mould_repair",
        "cq",
        "cigit",
        "hk_materials",
        (IT,),
        ("advanced_manufacturing", "materials"),
        7,
        "patent_granted",
        en=V(
            "Laser additive repair of moulds and dies",
            "Laser directed energy deposition rebuilds worn or cracked mould surfaces with "
            "matched alloy powders, followed by automatic path planning and finishing.",
            "Die-casting, forging and injection moulds in automotive and appliance plants.",
            "Repair costs a fraction of a new mould, and repaired areas reach the hardness of "
            "the base steel.",
            "We supply coatings to mould users and want to add laser repair services.",
            "laser cladding|additive manufacturing|mould repair",
        ),
        hant=V(
            "模具鐳射增材修復",
            "以鐳射定向能量沉積及匹配合金粉末重建磨損或破裂的模具表面，並自動規劃路徑及精加工。",
            "適用於汽車及家電廠的壓鑄、鍛造及注塑模具。",
            "修復成本只是新模具的一小部分，修復區域硬度可達母材水平。",
            "本公司為模具用戶提供塗層，希望增設鐳射修復服務。",
            "鐳射熔覆|增材製造|模具修復",
        ),
        hans=V(
            "模具激光增材修复技术",
            "采用激光定向能量沉积和匹配合金粉末修复磨损或开裂的模具表面，自动规划路径并精加工。",
            "适用于汽车和家电企业的压铸、锻造和注塑模具。",
            "修复成本仅为新模具的一小部分，修复区硬度达到基体水平。",
            "我公司压铸模具损耗快，需要激光修复技术延长模具寿命。",
            "激光熔覆|增材制造|模具修复",
        ),
    ),
    Topic(
        "weld_seam_tracking",
        "cq",
        "cqut",
        "hk_robotics",
        (IT,),
        ("robotics", "advanced_manufacturing"),
        7,
        "patent_granted",
        en=V(
            "Vision-based weld seam tracking for welding robots",
            "A laser-line sensor and real-time algorithm locate the seam ahead of the torch "
            "and correct the robot path for part deviation and heat distortion.",
            "Welding of vehicle frames, steel structures and motorcycle parts in small batches.",
            "Robust to arc light and spatter; removes most manual teaching for new parts.",
            "We integrate welding cells in Hong Kong and the Greater Bay Area and want a "
            "seam-tracking module to offer clients.",
            "welding robot|seam tracking|laser vision",
        ),
        hant=V(
            "焊接機械人視覺焊縫追蹤",
            "激光線感測器及即時演算法在焊槍前方定位焊縫，修正零件偏差及熱變形引致的路徑誤差。",
            "適用於小批量焊接車架、鋼結構及摩托車零件。",
            "不受弧光及飛濺影響；新零件毋須大量人手示教。",
            "本公司在香港及大灣區集成焊接工作站，希望向客戶提供焊縫追蹤模組。",
            "焊接機械人|焊縫追蹤|激光視覺",
        ),
        hans=V(
            "焊接机器人激光视觉焊缝跟踪技术",
            "激光线结构光传感器和实时算法在焊枪前方识别焊缝，修正工件偏差和热变形导致的轨迹误差。",
            "适用于车架、钢结构和摩托车零部件的小批量焊接。",
            "抗弧光和飞溅干扰，新工件基本无需人工示教。",
            "我公司焊接产线工件一致性差，需要焊缝跟踪系统减少人工示教。",
            "焊接机器人|焊缝跟踪|激光视觉",
        ),
    ),
    Topic(
        "graphene_thermal_film",
        "cq",
        "cigit",
        "hk_sensors",
        (IT,),
        ("materials", "semiconductors"),
        7,
        "patent_granted",
        en=V(
            "Graphene thermal films for electronics cooling",
            "Graphene oxide films are reduced and graphitised into flexible sheets with very "
            "high in-plane thermal conductivity.",
            "Heat spreaders for phones, LED modules, battery packs and sensor housings.",
            "Thermal conductivity above 1,500 W/m·K, thinner than copper foil and bendable.",
            "Our outdoor sensors overheat in summer; we need thin, light heat spreaders.",
            "graphene|thermal management|heat spreader",
        ),
        hant=V(
            "電子散熱用石墨烯導熱膜",
            "氧化石墨烯薄膜經還原及石墨化，製成具極高面內導熱率的柔性片材。",
            "適用於手機、LED模組、電池組及感測器外殼的散熱片。",
            "導熱率逾1,500 W/m·K，比銅箔更薄且可彎曲。",
            "本公司戶外感測器夏天過熱，需要輕薄的散熱片。",
            "石墨烯|熱管理|散熱片",
        ),
        hans=V(
            "石墨烯导热膜制备技术",
            "氧化石墨烯膜经还原和石墨化处理，制成面内导热系数极高的柔性导热片。",
            "适用于手机、LED模组、电池包和传感器外壳的均热散热。",
            "导热系数超过1500 W/m·K，比铜箔更薄且可弯折。",
            "我公司电子产品散热问题突出，需要轻薄导热材料及规模化制备工艺。",
            "石墨烯|热管理|导热膜",
        ),
    ),
    Topic(
        "modular_integrated_construction",
        "hk",
        "hku",
        "cq_construction",
        (IT,),
        ("construction",),
        8,
        "know_how",
        en=V(
            "Modular integrated construction for high-rise buildings",
            "Volumetric modules with finishes and services installed are made in a factory "
            "and stacked on site, with connection details for high-rise structures.",
            "Hotels, student residences, hospitals and transitional housing.",
            "Site time cut by up to half with less waste and noise; design rules refined on "
            "Hong Kong high-rise projects.",
            "We want to build a module factory in Chongqing and need design and connection "
            "know-how for tall buildings.",
            "modular integrated construction|MiC|prefabrication|high-rise",
        ),
        hant=V(
            "高層建築組裝合成建築法",
            "在工廠預先完成裝修及屋宇設備的立體組件運往地盤吊裝，並備有適合高層結構的連接設計。",
            "適用於酒店、學生宿舍、醫院及過渡性房屋。",
            "地盤工期最多減半，廢料及噪音減少；設計規則經香港高層項目完善。",
            "本公司希望在重慶建立組件廠，需要高層建築的設計及連接技術。",
            "組裝合成建築法|MiC|預製|高層建築",
        ),
        hans=V(
            "高层建筑模块化集成建造技术",
            "在工厂完成装修和机电安装的箱式模块运至现场吊装，配套适用于高层结构的连接节点设计。",
            "适用于酒店、学生公寓、医院和保障性住房。",
            "现场工期最多缩短一半，建筑垃圾和噪声明显减少，设计规则经香港高层项目检验。",
            "我公司计划在重庆建设模块化建筑工厂，需要高层模块化建筑的设计与节点连接技术。",
            "模块化建筑|MiC|装配式建筑|高层建筑",
        ),
    ),
)
