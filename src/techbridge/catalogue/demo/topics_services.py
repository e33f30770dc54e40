"""Demo topics: finance, legal services, tourism and culture."""

from __future__ import annotations

from .topics_base import Topic, V

IT, FIN, LEGAL, TOUR, TRADE = (
    "innovation_technology",
    "finance",
    "legal_services",
    "tourism",
    "trade",
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "cross_boundary_wallet",
        "hk",
        "hk_payments",
        "cq_finance",
        (FIN, "hk_residents"),
        ("fintech",),
        8,
        "copyright",
        en=V(
            "Cross-boundary QR payment gateway for e-wallets",
            "A payment gateway routes QR-code payments between Hong Kong e-wallets and "
            "mainland merchants, with real-time currency conversion and unified settlement.",
            "Merchants in Chongqing serving Hong Kong visitors and residents, and Hong Kong "
            "shops serving mainland tourists.",
            "One integration covers several wallets; settlement reports meet the rules of both "
            "sides; transaction confirmation in under two seconds.",
            "Our merchant clients want to accept Hong Kong e-wallets without opening separate "
            "accounts with each provider.",
            "cross-boundary payment|e-wallet|QR code|settlement",
        ),
        hant=V(
            "電子錢包跨境二維碼支付閘道",
            "支付閘道在香港電子錢包與內地商戶之間處理二維碼付款，即時兌換貨幣並統一結算。",
            "適用於服務香港旅客及居民的重慶商戶，以及服務內地旅客的香港店舖。",
            "一次接駁即支援多款錢包；結算報表符合兩地規定；兩秒內確認交易。",
            "我們的商戶客戶希望接受香港電子錢包，而毋須逐一與各營運商開戶。",
            "跨境支付|電子錢包|二維碼|結算",
        ),
        hans=V(
            "跨境电子钱包二维码支付网关",
            "支付网关在香港电子钱包与内地商户之间路由二维码支付，实时换汇并统一清算。",
            "适用于服务香港游客和居民的重庆商户，以及接待内地游客的香港门店。",
            "一次对接即可支持多种钱包，清算报表符合两地监管要求，两秒内完成交易确认。",
            "我公司服务的解放碑商圈商户希望受理香港电子钱包，需要合规、一次接入的跨境收单方案。",
            "跨境支付|电子钱包|二维码|清算",
        ),
    ),
    Topic(
        "esg_taxonomy_mapping",
        "hk",
        "hkbu",
        "cq_finance",
        (FIN,),
        ("fintech", "energy_environment"),
        6,
        "copyright",
        en=V(
            "Automated ESG disclosure and green taxonomy mapping",
            "Natural-language processing reads annual and sustainability reports, extracts "
            "emissions and other indicators, and maps projects to green-finance taxonomies.",
            "Banks and issuers preparing green bonds and loans across Hong Kong and mainland "
            "markets.",
            "Handles English and both Chinese scripts; cuts the preparation of a taxonomy "
            "alignment report from weeks to days.",
            "We advise Chongqing companies on green bonds in Hong Kong and need faster "
            "taxonomy alignment.",
            "ESG|green finance|taxonomy|NLP",
        ),
        hant=V(
            "ESG披露及綠色分類目錄自動對照",
            "以自然語言處理閱讀年報及可持續發展報告，擷取排放等指標，並將項目對照綠色金融分類目錄。",
            "適用於在香港及內地市場籌備綠色債券及貸款的銀行和發行人。",
            "支援英文及繁簡中文；分類對照報告的準備時間由數星期縮短至數日。",
            "我們為企業在香港發行綠色債券提供顧問服務，需要更快完成分類目錄對照。",
            "ESG|綠色金融|分類目錄|自然語言處理",
        ),
        hans=V(
            "ESG信息披露与绿色金融目录自动匹配",
            "利用自然语言处理读取年报和可持续发展报告，抽取碳排放等指标，并将项目与绿色金融"
            "目录自动匹配。",
            "适用于在香港和内地市场筹备绿色债券、绿色贷款的银行与发行人。",
            "支持英文和简繁中文，目录匹配报告编制时间由数周缩短至数天。",
            "我公司为重庆企业赴港发行绿色债券提供咨询，需要提高绿色项目认定和披露效率。",
            "ESG|绿色金融|分类目录|自然语言处理",
        ),
    ),
    Topic(
        "sme_supply_chain_credit",
        "cq",
        "ctbu",
        "hk_payments",
        (FIN, TRADE),
        ("fintech",),
        6,
        "copyright",
        en=V(
            "Supply-chain credit scoring for small manufacturers",
            "A scoring model combines invoices, logistics records and utility data to assess "
            "small suppliers that lack collateral or audited accounts.",
            "Supply-chain finance and trade credit for small firms in manufacturing clusters.",
            "Default prediction improved by a quarter over scorecards based on financial "
            "statements alone.",
            "We finance cross-boundary trade and need a better way to assess small mainland "
            "suppliers.",
            "supply chain finance|credit scoring|SME|alternative data",
        ),
        hant=V(
            "中小製造商供應鏈信用評分",
            "評分模型結合發票、物流紀錄及水電數據，評估缺乏抵押品或審計賬目的小型供應商。",
            "適用於製造業集群中小企的供應鏈融資及貿易信貸。",
            "違約預測準確度較只用財務報表的評分卡提高四分之一。",
            "我們為跨境貿易提供融資，需要更好的方法評估內地小型供應商。",
            "供應鏈融資|信用評分|中小企|另類數據",
        ),
        hans=V(
            "中小微制造企业供应链信用评价模型",
            "综合发票、物流记录和水电数据构建评分模型，评估缺乏抵押物和审计报表的小微供应商。",
            "适用于制造业集群中小企业的供应链金融和贸易信贷。",
            "违约预测效果比仅依赖财务报表的评分卡提升四分之一。",
            "我公司开展供应链金融业务，需要针对小微制造企业的信用评价模型。",
            "供应链金融|信用评价|小微企业|替代数据",
        ),
    ),
    Topic(
        "contract_review_ai",
        "hk",
        "hk_legaltech",
        "cq_legal",
        (LEGAL, TRADE),
        ("legal_tech", "artificial_intelligence"),
        7,
        "copyright",
        en=V(
            "Bilingual contract review across common law and PRC law",
            "A language model fine-tuned on commercial contracts flags risky clauses, missing "
            "terms and governing-law conflicts in English and Chinese agreements.",
            "Cross-boundary sales, distribution and joint-venture contracts between Hong Kong "
            "and mainland companies.",
            "Explains each finding with reference to the clause and a checklist per "
            "jurisdiction; first-pass review time down by 60% in law-firm trials.",
            "Our lawyers review many English-language contracts from Hong Kong partners and "
            "need a tool that understands both legal systems.",
            "contract review|legal AI|common law|cross-boundary",
        ),
        hant=V(
            "普通法與內地法律雙語合約審閱",
            "以商業合約微調的語言模型，標示中英文協議中的風險條款、欠缺條款及適用法律衝突。",
            "適用於香港與內地企業之間的跨境買賣、分銷及合營合約。",
            "每項發現均附條款出處及兩地核對清單；律師行試用中初步審閱時間減少六成。",
            "本所律師經常審閱內地夥伴的中文合約，需要同時理解兩地法律制度的工具。",
            "合約審閱|法律人工智能|普通法|跨境",
        ),
        hans=V(
            "普通法与内地法律双语合同智能审查",
            "基于商业合同微调的语言模型，识别中英文合同中的风险条款、缺失条款和准据法冲突。",
            "适用于香港与内地企业之间的跨境买卖、经销和合资合同。",
            "每项审查结果均标注条款出处并附两地核对清单，律所试用中初审时间缩短60%。",
            "我公司为重庆外贸企业提供法律服务，经常处理香港合作方的英文合同，需要懂两地法律的"
            "智能审查工具。",
            "合同审查|法律AI|普通法|涉外法律",
        ),
    ),
    Topic(
        "online_dispute_resolution",
        "cq",
        "swupl",
        "hk_legaltech",
        (LEGAL, TRADE),
        ("legal_tech",),
        6,
        "copyright",
        en=V(
            "Online dispute resolution for cross-border e-commerce",
            "A platform guides parties through negotiation, mediation and arbitration online, "
            "with case triage, document exchange and bilingual hearing support.",
            "Small-value disputes between buyers and sellers in cross-border e-commerce and trade.",
            "Most cases settle at the negotiation or mediation stage within 30 days; the "
            "procedure fits the mediation and arbitration rules of both sides.",
            "We want to offer mediation for cross-boundary consumer disputes and need a "
            "platform that handles mainland procedures.",
            "online dispute resolution|mediation|arbitration|e-commerce",
        ),
        hant=V(
            "跨境電子商貿網上爭議解決平台",
            "平台引導雙方於網上進行協商、調解及仲裁，並提供個案分流、文件交換及雙語聆訊支援。",
            "適用於跨境電子商貿及貿易中的小額買賣爭議。",
            "大部分個案於30日內在協商或調解階段和解；程序符合兩地調解及仲裁規則。",
            "我們希望為跨境消費爭議提供調解服務，需要能處理內地程序的平台。",
            "網上爭議解決|調解|仲裁|電子商貿",
        ),
        hans=V(
            "跨境电商在线纠纷解决平台",
            "平台引导当事人在线完成协商、调解和仲裁，提供案件分流、材料交换和双语庭审支持。",
            "适用于跨境电商和贸易中的小额买卖纠纷。",
            "多数案件在30天内于协商或调解阶段解决，程序符合两地调解和仲裁规则。",
            "我们计划开展涉港商事调解业务，需要在线纠纷解决平台。",
            "在线纠纷解决|调解|仲裁|跨境电商",
        ),
    ),
    Topic(
        "legal_knowledge_graph",
        "hk",
        "cityu",
        "cq_legal",
        (LEGAL,),
        ("legal_tech", "ict_software"),
        5,
        "know_how",
        en=V(
            "Knowledge graph of Hong Kong and mainland company law",
            "A curated graph links statutes, regulations and leading cases of both systems by "
            "legal concept, so that a question in one system finds the counterpart rules.",
            "Company formation, shareholder rights and cross-boundary investment advice.",
            "Concept-level alignment across English and Chinese legal terms, maintained by "
            "legal scholars and updated quarterly.",
            "We advise Chongqing investors setting up companies in Hong Kong and need quick "
            "comparison of the two company-law regimes.",
            "legal knowledge graph|company law|comparative law",
        ),
        hant=V(
            "香港與內地公司法知識圖譜",
            "經整理的知識圖譜以法律概念連結兩地法例、規例及主要案例，以一地問題即可找到另一地對應規則。",
            "適用於公司成立、股東權利及跨境投資諮詢。",
            "中英文法律詞彙在概念層面對齊，由法律學者維護並每季更新。",
            "本公司為重慶投資者在港開設公司提供顧問服務，需要快速比較兩地公司法。",
            "法律知識圖譜|公司法|比較法",
        ),
        hans=V(
            "香港与内地公司法知识图谱",
            "以法律概念为纽带关联两地法律、法规和典型案例，从一地的问题即可检索另一地的对应规则。",
            "适用于公司设立、股东权利和跨境投资咨询。",
            "中英文法律术语在概念层面对齐，由法学专家维护，每季度更新。",
            "我公司为重庆企业赴港设立公司提供法律服务，需要快速比对两地公司法规则的工具。",
            "法律知识图谱|公司法|比较法",
        ),
    ),
    Topic(
        "ar_heritage_tour",
        "hk",
        "polyu",
        "cq_culturetour",
        (TOUR,),
        ("tourism_culture",),
        7,
        "copyright",
        en=V(
            "Augmented-reality heritage trails",
            "A mobile AR engine anchors reconstructions, stories and quizzes to historic "
            "buildings and streets, with positioning that works in narrow lanes.",
            "Old town districts, wartime heritage sites and museums that want to extend visits "
            "beyond their walls.",
            "Content built once plays on ordinary phones without special hardware; visitors "
            "stayed 40% longer in a pilot trail.",
            "We operate cultural sites in Chongqing's old town and want immersive guided "
            "trails for visitors from Hong Kong and abroad.",
            "augmented reality|heritage tourism|visitor experience",
        ),
        hant=V(
            "擴增實境文化遺產導賞徑",
            "流動擴增實境引擎將重建影像、故事及問答定位於歷史建築及街道，窄巷中亦能準確定位。",
            "適用於舊城區、歷史遺址及希望把參觀延伸至館外的博物館。",
            "內容製作一次即可在一般手機播放，毋須特別硬件；試點路線訪客停留時間增加四成。",
            "我們營運重慶老城區的文化景點，希望為香港及海外旅客推出沉浸式導賞路線。",
            "擴增實境|文化旅遊|旅客體驗",
        ),
        hans=V(
            "AR文化遗产沉浸式导览技术",
            "移动端AR引擎将复原影像、故事和互动问答锚定在历史建筑和街巷上，窄巷中同样可精准定位。",
            "适用于历史街区、抗战遗址和希望将参观延伸到馆外的博物馆。",
            "内容一次制作即可在普通手机上运行，无需专用硬件，试点线路游客停留时间增加40%。",
            "我公司运营重庆母城历史街区项目，需要AR沉浸式导览方案，吸引港澳及境外游客。",
            "增强现实|文旅融合|沉浸式体验",
        ),
    ),
    Topic(
        "visitor_flow_forecast",
        "cq",
        "cqnu",
        "hk_travel",
        (TOUR, IT),
        ("tourism_culture", "smart_city"),
        7,
        "patent_granted",
        en=V(
            "Visitor-flow forecasting and crowd guidance for scenic areas",
            "A model fuses ticketing, mobile-signal and camera data to forecast crowds hours "
            "ahead and suggests routes and time slots to spread visitors.",
            "Night-view spots, cable cars, riverside attractions and festival venues.",
            "Peak-hour forecast error under 10% in holiday periods; queues at a pilot site "
            "were cut by a third.",
            "We sell travel packages to Chongqing and need to steer our tour groups away from "
            "peak crowds.",
            "visitor flow|crowd management|forecasting|smart tourism",
        ),
        hant=V(
            "景點客流預測及人潮疏導",
            "模型融合票務、手機訊號及鏡頭數據，提前數小時預測人流，並建議路線及時段以分散旅客。",
            "適用於夜景觀景點、纜車、江邊景點及節慶場地。",
            "假期高峰時段預測誤差少於10%；試點景點排隊時間減少三分之一。",
            "本公司銷售重慶旅遊套票，需要安排旅行團避開人潮高峰。",
            "客流預測|人潮管理|智慧旅遊",
        ),
        hans=V(
            "景区客流预测与智能疏导技术",
            "融合票务、手机信令和视频数据，提前数小时预测客流，并推荐游览路线和时段分流游客。",
            "适用于夜景观景台、索道、滨江景点和节庆活动场地。",
            "节假日高峰时段预测误差小于10%，试点景区排队时间缩短三分之一。",
            "我公司运营多个网红景点，节假日拥堵严重，需要客流预测和分流调度系统。",
            "客流预测|智慧景区|人流疏导|智慧旅游",
        ),
    ),
    Topic(
        "multilingual_smart_guide",
        "cq",
        "sisu",
        "cq_culturetour",
        (TOUR, "education"),
        ("tourism_culture", "artificial_intelligence"),
        6,
        "copyright",
        en=V(
            "Multilingual intelligent tour guide",
            "A guide app answers visitors' questions in twelve languages and Cantonese, using "
            "a curated knowledge base of local history, food and transport.",
            "Scenic areas, museums and hotels receiving international and Hong Kong visitors.",
            "Human-reviewed translations of place names and dishes avoid embarrassing errors; "
            "works offline in tunnels and cable cars.",
            "We want a reliable multilingual guide for Hong Kong and overseas visitors to "
            "Chongqing.",
            "multilingual|tour guide|translation|smart tourism",
        ),
        hant=V(
            "多語種智能導遊",
            "導遊應用程式以十二種語言及粵語解答旅客問題，並以經整理的本地歷史、美食及交通知識庫支援。",
            "適用於接待國際及香港旅客的景區、博物館及酒店。",
            "地名及菜式譯名經人工審核，避免尷尬錯誤；在隧道及纜車上亦可離線使用。",
            "我們需要一套可靠的多語種導覽，服務前往重慶的香港及海外旅客。",
            "多語種|導遊|翻譯|智慧旅遊",
        ),
        hans=V(
            "多语种智能导游系统",
            "导游App可用十二种语言及粤语回答游客问题，后台为经整理的本地历史、美食和交通知识库。",
            "适用于接待境外和港澳游客的景区、博物馆和酒店。",
            "地名和菜名译法经人工审校，避免低级错误，在隧道和索道中也可离线使用。",
            "我公司运营入境游服务，需要可靠的多语种导览系统，服务港澳及境外游客。",
            "多语种|智能导游|翻译|入境游",
        ),
    ),
    Topic(
        "opera_motion_archive",
        "hk",
        "hkbu",
        "cq_culturetour",
        (TOUR, "education"),
        ("tourism_culture",),
        5,
        "know_how",
        en=V(
            "Motion-capture archive of Cantonese opera and Sichuan opera",
            "Markerless motion capture and volumetric video record performers' gestures, "
            "face-changing and costumes, stored with annotated scores.",
            "Digital exhibitions, teaching of traditional performing arts and cultural "
            "tourism shows.",
            "Captures fast movements such as face-changing at high frame rates without suits "
            "or markers.",
            "We plan a digital Sichuan opera exhibition and need capture and display technology.",
            "motion capture|Cantonese opera|Sichuan opera|digital heritage",
        ),
        hant=V(
            "粵劇及川劇動作捕捉數碼檔案",
            "以無標記動作捕捉及立體影像記錄演員身段、變臉及戲服，並連同標註曲譜儲存。",
            "適用於數碼展覽、傳統表演藝術教學及文化旅遊表演。",
            "毋須穿戴感應服或標記，即可高幀率捕捉變臉等快速動作。",
            "我們計劃舉辦川劇數碼展覽，需要動作捕捉及展示技術。",
            "動作捕捉|粵劇|川劇|數碼文化遺產",
        ),
        hans=V(
            "粤剧与川剧动作捕捉数字化存档",
            "采用无标记动作捕捉和体积视频记录演员身段、变脸和服饰，并与标注曲谱一同存档。",
            "适用于数字展览、传统戏曲教学和文旅演艺。",
            "无需穿戴动捕服或标记点，即可高帧率捕捉变脸等快速动作。",
            "我公司策划川剧数字展演项目，需要动作捕捉与数字化呈现技术。",
            "动作捕捉|粤剧|川剧|数字非遗",
        ),
    ),
)
