"""Demo topics: logistics, trade, food and agriculture."""

from __future__ import annotations

from .topics_base import Topic, V

IT, LOG, TRADE = "innovation_technology", "logistics", "trade"

TOPICS: tuple[Topic, ...] = (
    Topic(
        "warehouse_amr",
        "hk",
        "hk_robotics",
        "cq_logistics",
        (LOG, IT),
        ("robotics", "logistics_tech"),
        8,
        "patent_granted",
        en=V(
            "Autonomous mobile robots for multi-storey warehouses",
            "Robots navigate by lidar and ride goods lifts on their own, while fleet software "
            "assigns picking and replenishment tasks across floors.",
            "Multi-storey warehouses and distribution centres on hillsides or in dense urban "
            "areas.",
            "No floor markers needed; deployment in weeks; robots call lifts through a "
            "standard interface.",
            "Our hillside warehouse has five floors and relies on manual carts; we need "
            "robots that use the goods lifts.",
            "AMR|warehouse automation|lidar navigation|fleet management",
        ),
        hant=V(
            "多層倉庫自主移動機械人",
            "機械人以光學雷達導航並可自行乘搭貨用升降機，車隊軟件跨樓層分配揀貨及補貨任務。",
            "適用於依山而建或位於密集市區的多層倉庫及配送中心。",
            "毋須地面標記；數星期內完成部署；機械人透過標準介面召喚升降機。",
            "本公司多層倉庫仍以人手推車運貨，需要能乘搭升降機的機械人。",
            "自主移動機械人|倉庫自動化|光學雷達導航|車隊管理",
        ),
        hans=V(
            "多层仓库自主移动机器人",
            "机器人采用激光雷达导航，可自主乘坐货梯，调度系统跨楼层分配拣选和补货任务。",
            "适用于依山而建或位于城区的多层仓库和配送中心。",
            "无需地面标识，数周内完成部署，机器人通过标准接口呼叫电梯。",
            "我公司坡地仓库共五层，目前依靠人工推车转运，急需可自主乘梯的AMR方案。",
            "AMR|仓储自动化|激光导航|调度系统",
        ),
    ),
    Topic(
        "cold_chain_tags",
        "hk",
        "hkpc",
        "cq_agri",
        (LOG, TRADE),
        ("logistics_tech", "telecom_iot"),
        7,
        "patent_applied",
        en=V(
            "Battery-free temperature tags for cold-chain monitoring",
            "Energy-harvesting NFC and UHF tags log temperature per carton and are read "
            "automatically at dock doors and by phones.",
            "Fresh produce, seafood, vaccines and other chilled goods shipped between the "
            "mainland and Hong Kong.",
            "Tags cost a fraction of data loggers and need no battery disposal; every "
            "hand-over point is recorded.",
            "We ship fresh produce from Chongqing to Hong Kong and need proof of temperature "
            "for each carton.",
            "cold chain|temperature monitoring|RFID|traceability",
        ),
        hant=V(
            "冷鏈監測無電池溫度標籤",
            "以能量採集的NFC及超高頻標籤記錄每箱貨品溫度，可在貨倉門口或以手機自動讀取。",
            "適用於內地與香港之間運送的生鮮、海產、疫苗及其他冷藏貨品。",
            "成本只是數據記錄器的一小部分，毋須棄置電池；每個交收點均有紀錄。",
            "我們由重慶運送生鮮到香港，需要每箱貨品的溫度證明。",
            "冷鏈|溫度監測|RFID|追溯",
        ),
        hans=V(
            "无源冷链温度监测标签",
            "能量采集型NFC和超高频标签按箱记录温度，可在月台门口或用手机自动读取。",
            "适用于内地与香港之间运输的生鲜、水产、疫苗等冷藏货物。",
            "成本仅为温度记录仪的零头，无需废弃电池，每个交接环节均有记录。",
            "我公司向香港供应生鲜农产品，客户要求按箱提供全程温度记录，需要低成本的冷链监测方案。",
            "冷链|温度监测|RFID|溯源",
        ),
    ),
    Topic(
        "rail_container_scheduling",
        "cq",
        "cqjtu",
        "hk_coldchain",
        (LOG, TRADE),
        ("logistics_tech", "artificial_intelligence"),
        6,
        "copyright",
        en=V(
            "Container scheduling for international rail freight",
            "An optimisation engine plans container loading, train assembly and transfers "
            "between rail, river port and trucks for cross-continental freight trains.",
            "Rail freight hubs, inland ports and forwarders consolidating cargo for Europe "
            "and Southeast Asia.",
            "Raises train load factor and cuts container dwell time at the hub by about a "
            "fifth in historical replays.",
            "We route Hong Kong cargo through Chongqing by rail and need better visibility "
            "and scheduling of our containers.",
            "rail freight|container scheduling|multimodal|optimisation",
        ),
        hant=V(
            "國際鐵路貨運貨櫃調度",
            "優化引擎為跨洲貨運班列規劃貨櫃裝載、列車編組，以及鐵路、內河港口與貨車之間的轉運。",
            "適用於鐵路貨運樞紐、內陸港口及整合往歐洲和東南亞貨物的貨運代理。",
            "歷史數據重演顯示，班列裝載率提高，貨櫃在樞紐的停留時間減少約五分之一。",
            "我們經重慶以鐵路運送香港貨物，需要更佳的貨櫃追蹤及調度。",
            "鐵路貨運|貨櫃調度|多式聯運|優化",
        ),
        hans=V(
            "国际铁路班列集装箱智能调度系统",
            "优化引擎对国际班列的集装箱配载、列车编组以及铁路、港口与公路之间的中转进行统一规划。",
            "适用于铁路物流枢纽、内陆港口以及为欧洲和东南亚线路集货的货代企业。",
            "历史数据回放显示可提高班列满载率，集装箱在枢纽的滞留时间减少约五分之一。",
            "我公司开展铁水公多式联运业务，需要提升集装箱调度效率和全程可视化水平。",
            "中欧班列|集装箱调度|多式联运|优化算法",
        ),
    ),
    Topic(
        "mountain_drone_delivery",
        "hk",
        "hkust",
        "cq_logistics",
        (LOG, IT),
        ("low_altitude", "logistics_tech"),
        6,
        "patent_applied",
        en=V(
            "Drone delivery for mountainous terrain",
            "Route planning that accounts for terrain, wind and airspace, with precision "
            "landing on rooftop pads and automatic battery swap stations.",
            "Medical samples, parcels and spare parts between hilltop communities, islands "
            "and riverside towns.",
            "Flights of up to 20 km in gusty conditions; landing accuracy within 10 cm.",
            "Trucks take an hour to climb to some of our mountain delivery points; we want to "
            "pilot drone routes.",
            "drone delivery|low-altitude logistics|route planning",
        ),
        hant=V(
            "山區無人機物流配送",
            "考慮地形、風力及空域的航線規劃，配合天台停機坪精準降落及自動換電站。",
            "適用於山頂社區、離島及江邊小鎮之間運送醫療樣本、包裹及零件。",
            "陣風環境下航程可達20公里；降落精度在10厘米以內。",
            "貨車上山到部分配送點需時一小時，我們希望試行無人機航線。",
            "無人機配送|低空物流|航線規劃",
        ),
        hans=V(
            "山地城市无人机物流配送技术",
            "综合考虑地形、风场和空域的航线规划，配合楼顶起降平台精准降落和自动换电站。",
            "适用于山顶社区、江岸城镇之间的医疗样本、快递包裹和零部件配送。",
            "阵风条件下航程可达20公里，降落精度10厘米以内。",
            "我公司部分山区配送点货车单程需一小时，计划开展无人机物流试点，需要航线规划和"
            "起降技术。",
            "无人机配送|低空经济|航线规划",
        ),
    ),
    Topic(
        "hotpot_safety_sensor",
        "hk",
        "polyu",
        "cq_seasoning",
        (TRADE, IT),
        ("agriculture_food",),
        5,
        "patent_applied",
        en=V(
            "Rapid sensing of illegal additives and recycled oil in hotpot seasoning",
            "A surface-enhanced Raman test strip with a portable reader detects Sudan dyes, "
            "excess capsaicin adulteration and markers of recycled cooking oil in minutes.",
            "Incoming inspection of chilli, oil and tallow, and finished hotpot base before "
            "export.",
            "Minutes instead of a day in an external laboratory; detection limits meet the "
            "food-safety standards of both the mainland and Hong Kong.",
            "Our exported hotpot base must pass Hong Kong food-safety checks; we need rapid "
            "screening at intake and before shipment.",
            "food safety|Raman spectroscopy|hotpot seasoning|Sudan dye",
        ),
        hant=V(
            "火鍋底料非法添加物及回收油快速檢測",
            "表面增強拉曼試紙配合便攜讀取器，數分鐘內檢出蘇丹紅、辣椒素摻假及回收食油標誌物。",
            "適用於辣椒、食油及牛油的來貨檢驗，以及火鍋底料出口前檢測。",
            "以數分鐘取代送外化驗所一日；檢出限符合內地及香港食物安全標準。",
            "本公司出口的火鍋底料須通過香港食物安全檢查，需要在來貨及付運前快速篩查。",
            "食物安全|拉曼光譜|火鍋底料|蘇丹紅",
        ),
        hans=V(
            "火锅底料违法添加物及地沟油快速检测技术",
            "表面增强拉曼试纸配合便携式检测仪，数分钟内检出苏丹红、辣椒素掺假和地沟油特征物。",
            "适用于辣椒、食用油和牛油原料入厂检验，以及火锅底料出口前检测。",
            "检测由送外检一天缩短到数分钟，检出限满足内地和香港食品安全标准。",
            "我公司火锅底料出口香港及海外，原料批次多、送检周期长，急需原料入厂和成品出厂的"
            "快速检测手段。",
            "食品安全|拉曼光谱|火锅底料|快速检测",
        ),
    ),
    Topic(
        "chilli_marker_breeding",
        "cq",
        "swu",
        "cq_seasoning",
        (IT, TRADE),
        ("agriculture_food", "biotechnology"),
        6,
        "other",
        en=V(
            "Marker-assisted breeding of high-pungency chilli varieties",
            "Molecular markers for pungency, colour and disease resistance speed up "
            "selection of chilli lines suited to the Sichuan-Chongqing climate.",
            "Seed companies and seasoning makers contracting chilli growers.",
            "New lines with stable capsaicin content and better resistance to blight; "
            "breeding cycle shortened by two to three years.",
            "We buy large volumes of chilli and need stable pungency and colour from our "
            "contract farms.",
            "chilli|marker-assisted breeding|capsaicin|seed",
        ),
        hant=V(
            "高辣度辣椒分子標記輔助育種",
            "以辣度、色澤及抗病分子標記加快篩選適合川渝氣候的辣椒品系。",
            "適用於種子公司及與辣椒種植戶簽約的調味品生產商。",
            "新品系辣椒素含量穩定、抗疫病能力較佳；育種周期縮短兩至三年。",
            "我們大量採購辣椒，需要合約農場供應辣度及色澤穩定的原料。",
            "辣椒|分子標記育種|辣椒素|種子",
        ),
        hans=V(
            "高辣度辣椒分子标记辅助育种技术",
            "利用辣度、色泽和抗病相关分子标记，加快选育适合川渝气候的辣椒品系。",
            "适用于种业企业和订单种植辣椒的调味品企业。",
            "新品系辣椒素含量稳定、抗疫病能力更强，育种周期缩短两到三年。",
            "我公司年采购干辣椒上万吨，需要辣度和色价稳定的专用品种，计划建设订单种植基地。",
            "辣椒|分子育种|辣椒素|种业",
        ),
    ),
    Topic(
        "citrus_whole_fruit",
        "cq",
        "swu",
        "cq_agri",
        (TRADE,),
        ("agriculture_food",),
        7,
        "patent_granted",
        en=V(
            "Whole-fruit citrus processing and by-product use",
            "Enzymatic peeling, not-from-concentrate juice lines and extraction of pectin, "
            "essential oil and flavonoids from peel and pulp.",
            "Citrus growers and processors seeking higher value and less waste.",
            "Uses over 90% of the fruit; peel extracts earn more than the juice in some "
            "product mixes.",
            "We want to export processed citrus products to Hong Kong and reduce peel waste.",
            "citrus processing|by-products|pectin|NFC juice",
        ),
        hant=V(
            "柑橘全果加工及副產品利用",
            "酶法去皮、非濃縮還原果汁生產線，以及從果皮果渣提取果膠、精油及類黃酮。",
            "適用於希望提高附加值、減少廢料的柑橘種植戶及加工商。",
            "果實利用率逾90%；部分產品組合中果皮提取物收益高於果汁。",
            "我們希望把柑橘加工產品出口香港，並減少果皮廢料。",
            "柑橘加工|副產品|果膠|非濃縮還原果汁",
        ),
        hans=V(
            "柑橘全果加工与副产物综合利用技术",
            "酶法去皮、NFC果汁生产线，以及从果皮果渣中提取果胶、精油和黄酮类物质。",
            "适用于希望提高附加值、减少废弃物的柑橘种植和加工企业。",
            "全果利用率超过90%，部分产品组合中果皮提取物收益高于果汁。",
            "我公司在三峡库区有万亩柑橘基地，需要深加工和副产物利用技术，产品计划出口香港。",
            "柑橘加工|副产物利用|果胶|NFC果汁",
        ),
    ),
    Topic(
        "food_import_traceability",
        "hk",
        "astri",
        "cq_agri",
        (TRADE, LOG),
        ("agriculture_food", "ict_software"),
        7,
        "copyright",
        en=V(
            "Farm-to-table traceability for food supplied to Hong Kong",
            "A traceability ledger links farm records, inspection certificates, cold-chain "
            "logs and customs documents to each batch, readable by a QR code.",
            "Vegetables, meat and processed foods supplied from the mainland to Hong Kong.",
            "Shared records cut paperwork at the boundary; a batch can be traced back in "
            "seconds during a food incident.",
            "Our Hong Kong buyers ask for full batch traceability of our vegetables and "
            "processed foods.",
            "food traceability|supply chain|QR code|food import",
        ),
        hant=V(
            "供港食品從農場到餐桌追溯",
            "追溯賬本把農場紀錄、檢驗證書、冷鏈紀錄及報關文件連結至每批貨品，掃描二維碼即可查閱。",
            "適用於由內地供應香港的蔬菜、肉類及加工食品。",
            "共享紀錄減少過境文件工作；發生食物事故時數秒內即可追溯批次。",
            "我們的香港買家要求蔬菜及加工食品提供完整的批次追溯。",
            "食品追溯|供應鏈|二維碼|進口食品",
        ),
        hans=V(
            "供港食品全链条追溯系统",
            "追溯账本将基地记录、检验证书、冷链数据和报关单据关联到每个批次，扫码即可查询。",
            "适用于内地供港蔬菜、肉类和加工食品。",
            "共享数据减少通关单证工作，发生食品安全事件时数秒内可追溯到批次。",
            "我公司是供港蔬菜基地，香港采购商要求提供全程批次追溯信息，需要低成本的追溯系统。",
            "食品追溯|供港蔬菜|二维码|供应链",
        ),
    ),
    Topic(
        "electronic_bill_of_lading",
        "hk",
        "hku",
        "cq_logistics",
        (TRADE, LOG, "finance"),
        ("logistics_tech", "fintech"),
        6,
        "patent_applied",
        en=V(
            "Electronic bills of lading for rail, river and sea transport",
            "A distributed ledger issues and transfers title documents for multimodal "
            "shipments, so that banks can finance cargo while it moves.",
            "Trade finance for goods moving from inland China by rail or river to Hong Kong "
            "and onwards by sea.",
            "Removes courier delays of paper documents; each transfer is traceable and "
            "cannot be duplicated.",
            "We need rail and river shipping documents that banks accept for trade finance.",
            "electronic bill of lading|trade finance|blockchain|multimodal",
        ),
        hant=V(
            "鐵路、內河及海運電子提單",
            "分散式賬本為多式聯運貨物簽發及轉讓物權單證，讓銀行可在貨物運輸途中提供融資。",
            "適用於由內地經鐵路或內河運往香港、再轉海運貨物的貿易融資。",
            "免除紙本文件速遞延誤；每次轉讓均可追溯且無法複製。",
            "我們需要銀行接受作貿易融資的鐵路及內河運輸單證。",
            "電子提單|貿易融資|區塊鏈|多式聯運",
        ),
        hans=V(
            "多式联运电子提单技术",
            "基于分布式账本签发和流转多式联运物权单证，使银行可以在货物运输途中提供融资。",
            "适用于内地货物经铁路或长江水运至香港再转海运的贸易融资。",
            "免去纸质单证寄送延误，每次转让可追溯且不可复制。",
            "我公司开展铁海联运业务，客户希望凭铁路运单办理融资，需要具备物权属性的电子单证方案。",
            "电子提单|贸易融资|区块链|多式联运",
        ),
    ),
)
