"""Demo topics: new energy vehicles, batteries, clean energy and environment."""

from __future__ import annotations

from .topics_base import Topic, V

IT, LOG = "innovation_technology", "logistics"

TOPICS: tuple[Topic, ...] = (
    Topic(
        "lfp_battery_recycling",
        "hk",
        "cityu",
        "cq_greenenergy",
        (IT,),
        ("energy_environment", "automotive_nev"),
        5,
        "patent_granted",
        en=V(
            "Direct regeneration of lithium iron phosphate cathodes",
            "Spent LFP cathode powder is relithiated and its crystal structure restored in a "
            "low-temperature aqueous process, instead of being dissolved and re-precipitated.",
            "Recycling of retired electric-vehicle and energy-storage batteries.",
            "Regenerated material matches new cathode capacity; energy use and waste water "
            "are well below hydrometallurgical routes.",
            "We collect retired power batteries and need a lower-cost way to turn LFP "
            "cathodes back into battery-grade material.",
            "battery recycling|lithium iron phosphate|direct regeneration|circular economy",
        ),
        hant=V(
            "磷酸鐵鋰正極材料直接再生",
            "以低溫水相工藝為廢舊磷酸鐵鋰正極粉末補鋰並修復晶體結構，毋須溶解後再沉澱。",
            "適用於退役電動車及儲能電池的回收。",
            "再生材料容量與全新正極相若；能耗及廢水遠低於濕法冶金路線。",
            "本公司回收退役動力電池，需要成本較低的方法把磷酸鐵鋰正極再造成電池級材料。",
            "電池回收|磷酸鐵鋰|直接再生|循環經濟",
        ),
        hans=V(
            "磷酸铁锂正极材料直接再生技术",
            "采用低温水相工艺对废旧磷酸铁锂正极粉补锂并修复晶体结构，无需溶解再沉淀。",
            "适用于退役新能源汽车动力电池和储能电池的回收利用。",
            "再生材料容量与新料相当，能耗和废水量远低于湿法冶金路线。",
            "我公司具备退役动力电池回收资质，年处理量约两万吨，需要低成本的磷酸铁锂直接再生"
            "工艺，拟建设示范线。",
            "电池回收|磷酸铁锂|直接再生|循环经济",
        ),
    ),
    Topic(
        "sulfide_solid_electrolyte",
        "hk",
        "hkust",
        "cq_auto",
        (IT,),
        ("automotive_nev", "materials"),
        4,
        "patent_applied",
        en=V(
            "Air-stable sulfide solid electrolyte for solid-state batteries",
            "A doped argyrodite sulfide electrolyte keeps high ionic conductivity after "
            "exposure to dry-room air and is processed into thin sheets by slurry casting.",
            "All-solid-state and semi-solid-state batteries for electric vehicles.",
            "Conductivity above 5 mS/cm and far less hydrogen sulfide release than common "
            "sulfides, which eases manufacturing.",
            "We are planning solid-state battery development and need a manufacturable "
            "electrolyte material.",
            "solid-state battery|sulfide electrolyte|ionic conductivity",
        ),
        hant=V(
            "固態電池用空氣穩定硫化物電解質",
            "摻雜型硫銀鍺礦電解質暴露於乾燥房空氣後仍保持高離子電導率，可以漿料塗布製成薄片。",
            "適用於電動車全固態及半固態電池。",
            "電導率逾5 mS/cm，硫化氫釋放量遠低於常見硫化物，較易量產。",
            "我們正規劃固態電池研發，需要可量產的電解質材料。",
            "固態電池|硫化物電解質|離子電導率",
        ),
        hans=V(
            "空气稳定型硫化物固态电解质",
            "掺杂型硫银锗矿电解质在干燥间空气中暴露后仍保持高离子电导率，可通过浆料涂布制成薄膜。",
            "适用于新能源汽车全固态和半固态电池。",
            "室温电导率超过5 mS/cm，硫化氢释放量远低于常见硫化物，易于工程化。",
            "我公司规划固态电池研发，需要可规模化制备的硫化物电解质材料及工艺，愿联合建设中试线。",
            "固态电池|硫化物电解质|离子电导率",
        ),
    ),
    Topic(
        "battery_health_estimation",
        "cq",
        "cqu",
        "hk_coldchain",
        (IT, LOG),
        ("automotive_nev", "artificial_intelligence"),
        7,
        "patent_granted",
        en=V(
            "Battery state-of-health estimation for electric fleets",
            "Algorithms estimate state of health and remaining useful life from ordinary "
            "charging data, without dedicated capacity tests.",
            "Electric bus, truck and delivery-van fleets, second-life battery grading.",
            "Error below 2% across chemistries; runs in the cloud or in the battery "
            "management system.",
            "We are electrifying our delivery fleet and need to forecast battery replacement.",
            "battery management|state of health|fleet electrification",
        ),
        hant=V(
            "電動車隊電池健康狀態估算",
            "演算法以一般充電數據估算電池健康狀態及剩餘壽命，毋須專門容量測試。",
            "適用於電動巴士、貨車及送貨車隊，以及退役電池梯次分級。",
            "不同電池化學體系誤差均低於2%；可在雲端或電池管理系統內運行。",
            "我們正把送貨車隊電動化，需要預測電池更換時間。",
            "電池管理|健康狀態|車隊電動化",
        ),
        hans=V(
            "动力电池健康状态估计与寿命预测算法",
            "基于常规充电数据估计电池健康状态和剩余寿命，无需专门的容量测试。",
            "适用于电动公交、物流车队和退役电池梯次利用分选。",
            "不同材料体系误差均低于2%，可部署于云端或电池管理系统。",
            "我公司运营新能源物流车队，需要电池健康评估工具，用于预测更换周期和残值。",
            "电池管理|健康状态|寿命预测",
        ),
    ),
    Topic(
        "ev_e_drive",
        "cq",
        "cqu",
        "cq_auto",
        (IT,),
        ("automotive_nev", "advanced_manufacturing"),
        6,
        "patent_granted",
        en=V(
            "High power-density electric drive with oil-cooled motor",
            "An integrated motor, inverter and reducer with direct oil cooling of the "
            "windings and silicon-carbide power modules.",
            "Passenger cars, light commercial vehicles and electric motorcycles.",
            "Power density above 3 kW/kg and peak efficiency of 97%, with lower rare-earth "
            "content.",
            "We need a compact e-drive design for our new electric SUV platform.",
            "electric drive|motor|silicon carbide|NEV",
        ),
        hant=V(
            "高功率密度油冷電驅動系統",
            "電機、逆變器及減速器一體化設計，繞組直接油冷並採用碳化矽功率模組。",
            "適用於私家車、輕型商用車及電動摩托車。",
            "功率密度逾3 kW/kg，峰值效率97%，稀土用量較低。",
            "我們需要一套緊湊的電驅動設計。",
            "電驅動|電機|碳化矽|新能源車",
        ),
        hans=V(
            "高功率密度油冷三合一电驱动系统",
            "电机、控制器和减速器一体化设计，绕组直接油冷，采用碳化硅功率模块。",
            "适用于乘用车、轻型商用车和电动摩托车。",
            "功率密度超过3 kW/kg，最高效率97%，稀土用量更少。",
            "我公司新一代电动SUV平台需要紧凑型高效电驱动总成，希望联合开发并实现本地配套。",
            "电驱动|三合一|碳化硅|新能源汽车",
        ),
    ),
    Topic(
        "pem_fuel_cell_mea",
        "cq",
        "cqut",
        "cq_auto",
        (IT, LOG),
        ("automotive_nev", "energy_environment"),
        5,
        "patent_granted",
        en=V(
            "Low-platinum membrane electrode assemblies for fuel-cell trucks",
            "Ordered catalyst layers and a reinforced membrane halve platinum loading while "
            "keeping power density for heavy-duty duty cycles.",
            "Hydrogen fuel-cell trucks and buses on long, hilly routes.",
            "Platinum loading 0.2 mg/cm² with durability above 10,000 hours in accelerated tests.",
            "We are evaluating hydrogen trucks for mountain freight routes and need a "
            "cost-effective stack supplier.",
            "fuel cell|membrane electrode assembly|hydrogen|low platinum",
        ),
        hant=V(
            "燃料電池貨車低鉑膜電極",
            "有序化催化層配合增強型質子膜，鉑用量減半，仍保持重型車工況所需功率密度。",
            "適用於長途及山區路線的氫燃料電池貨車及巴士。",
            "鉑載量0.2 mg/cm²，加速測試耐久度逾一萬小時。",
            "我們正評估山區貨運路線的氫能貨車，需要具成本效益的電堆供應商。",
            "燃料電池|膜電極|氫能|低鉑",
        ),
        hans=V(
            "低铂燃料电池膜电极技术",
            "有序化催化层与增强型质子交换膜结合，铂用量减半，同时满足重载工况功率密度要求。",
            "适用于长途及山区线路的氢燃料电池重卡和公交车。",
            "铂载量0.2 mg/cm²，加速耐久测试超过一万小时。",
            "我公司开发氢燃料电池重卡，需要低成本膜电极及电堆技术。",
            "燃料电池|膜电极|氢能|低铂",
        ),
    ),
    Topic(
        "perovskite_solar",
        "hk",
        "cityu",
        "cq_greenenergy",
        (IT,),
        ("energy_environment", "materials"),
        4,
        "patent_applied",
        en=V(
            "Stable perovskite solar cells by blade coating",
            "A passivated perovskite ink and blade-coating process produce large-area "
            "modules that pass damp-heat tests.",
            "Building-integrated photovoltaics and tandem modules with silicon cells.",
            "Mini-module efficiency above 22% and less than 5% loss after 1,000 hours of damp "
            "heat.",
            "We want to pilot perovskite modules on factory roofs and facades.",
            "perovskite|solar cell|BIPV|blade coating",
        ),
        hant=V(
            "刮塗法製備高穩定鈣鈦礦太陽能電池",
            "鈍化鈣鈦礦墨水配合刮塗工藝製成大面積組件，可通過濕熱測試。",
            "適用於建築光伏一體化，以及與矽電池組成疊層組件。",
            "小組件效率逾22%；1,000小時濕熱測試後衰減少於5%。",
            "我們希望在廠房屋頂及外牆試用鈣鈦礦組件。",
            "鈣鈦礦|太陽能電池|建築光伏|刮塗",
        ),
        hans=V(
            "刮涂法高稳定钙钛矿太阳能电池技术",
            "钝化型钙钛矿墨水与刮涂工艺结合，可制备通过湿热测试的大面积组件。",
            "适用于光伏建筑一体化，以及与晶硅电池构成叠层组件。",
            "小组件效率超过22%，1000小时湿热测试后衰减小于5%。",
            "我公司建设分布式光伏项目，希望引进钙钛矿组件技术在厂房屋顶和幕墙开展示范。",
            "钙钛矿|太阳能电池|光伏建筑一体化",
        ),
    ),
    Topic(
        "anmbr_wastewater",
        "hk",
        "hku",
        "cq_seasoning",
        (IT,),
        ("energy_environment",),
        6,
        "patent_granted",
        en=V(
            "Anaerobic membrane bioreactor for food-industry wastewater",
            "An anaerobic reactor with ceramic membranes treats high-strength organic "
            "wastewater and recovers biogas, with low-energy membrane cleaning.",
            "Wastewater from food, seasoning, brewing and pharmaceutical plants.",
            "Removes over 95% of COD, produces net energy and takes half the footprint of "
            "conventional plants.",
            "Our plants discharge oily, high-COD wastewater and we need a compact treatment "
            "that recovers energy.",
            "wastewater treatment|AnMBR|biogas|membrane",
        ),
        hant=V(
            "食品業廢水厭氧膜生物反應器",
            "配備陶瓷膜的厭氧反應器處理高濃度有機廢水並回收沼氣，膜清洗能耗低。",
            "適用於食品、調味品、釀造及製藥廠的廢水。",
            "化學需氧量去除率逾95%，可淨產能源，佔地只有傳統設施一半。",
            "本公司廠房排放含油高濃度廢水，需要可回收能源的緊湊處理方案。",
            "污水處理|厭氧膜生物反應器|沼氣|薄膜",
        ),
        hans=V(
            "厌氧膜生物反应器高浓度有机废水处理技术",
            "配置陶瓷膜的厌氧反应器处理高浓度有机废水并回收沼气，膜清洗能耗低。",
            "适用于食品、调味品、酿造和制药企业废水。",
            "COD去除率超过95%，可实现能源净产出，占地仅为传统工艺一半。",
            "我公司火锅底料生产废水含油量大、COD高，现有工艺运行成本高，需要节能紧凑的处理技术。",
            "废水处理|厌氧膜生物反应器|沼气|资源化",
        ),
    ),
)
