"""Demo topics: education, talent exchange, youth development and residents' services."""

from __future__ import annotations

from .topics_base import Topic, V

IT, EDU, TALENT, YOUTH, HKR = (
    "innovation_technology",
    "education",
    "talent_exchange",
    "youth_development",
    "hk_residents",
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "adaptive_maths_learning",
        "hk",
        "eduhk",
        "cq_education",
        (EDU,),
        ("edtech",),
        7,
        "copyright",
        en=V(
            "Adaptive learning platform for primary mathematics",
            "A learning platform models each pupil's mastery of about 400 skills and chooses "
            "the next exercise, hint or video accordingly.",
            "Primary schools and after-school centres, with dashboards for teachers and parents.",
            "Designed with teachers from both cities; pupils in a one-year study gained "
            "significantly more than a comparison group.",
            "We serve primary schools in Chongqing and need an adaptive maths product aligned "
            "with the national curriculum.",
            "adaptive learning|mathematics|primary education|learning analytics",
        ),
        hant=V(
            "小學數學自適應學習平台",
            "學習平台為每名學生約400項技能的掌握程度建模，據此安排下一道練習、提示或短片。",
            "適用於小學及課後學習中心，並設教師及家長數據儀表板。",
            "與兩地教師共同設計；一年研究中學生進步顯著高於對照組。",
            "本公司服務小學，需要配合課程的自適應數學學習產品。",
            "自適應學習|數學|小學教育|學習分析",
        ),
        hans=V(
            "小学数学自适应学习平台",
            "平台为每名学生约400个知识技能点的掌握程度建模，据此推送下一道练习、提示或微课。",
            "适用于小学和课后服务机构，配有教师端和家长端学情看板。",
            "由两地教师共同设计，一年期研究中学生进步幅度显著高于对照组。",
            "我公司为重庆区县小学提供智慧教育服务，需要与国家课程标准对齐的数学自适应学习产品。",
            "自适应学习|小学数学|智慧教育|学情分析",
        ),
    ),
    Topic(
        "stem_robotics_kits",
        "hk",
        "eduhk",
        "cq_education",
        (EDU, YOUTH),
        ("edtech", "robotics"),
        8,
        "design_rights",
        en=V(
            "AI and robotics STEM curriculum kits",
            "Modular robot kits with graphical and Python programming, paired with 36 lesson "
            "plans on sensors, machine learning and ethics.",
            "Upper primary and secondary schools, youth centres and summer camps.",
            "Teacher guides in English and both Chinese scripts; kits are reusable and cost a "
            "third of imported equivalents.",
            "We run youth technology camps and need a bilingual robotics curriculum with "
            "affordable kits.",
            "STEM education|robotics kit|AI literacy|coding",
        ),
        hant=V(
            "人工智能及機械人STEM課程套件",
            "模組化機械人套件支援圖像化及Python編程，並配備36個關於感測器、機器學習及科技倫理的教案。",
            "適用於高小及中學、青年中心及暑期營。",
            "教師指引備有英文及繁簡中文版本；套件可重用，成本只及進口產品三分之一。",
            "我們舉辦青少年科技營，需要雙語機械人課程及價格相宜的套件。",
            "STEM教育|機械人套件|人工智能素養|編程",
        ),
        hans=V(
            "人工智能与机器人STEM课程套件",
            "模块化机器人套件支持图形化和Python编程，配套36个涵盖传感器、机器学习和科技伦理的"
            "教案。",
            "适用于小学高年级和中学、青少年活动中心及夏令营。",
            "教师手册有英文和简繁中文版本，套件可重复使用，成本仅为进口产品的三分之一。",
            "我公司为中小学提供科创课程，需要引进成熟的人工智能与机器人课程体系及教具。",
            "STEM教育|机器人套件|人工智能教育|编程",
        ),
    ),
    Topic(
        "vr_vocational_training",
        "cq",
        "cqut",
        "hk_edtech",
        (EDU, TALENT),
        ("edtech", "advanced_manufacturing"),
        7,
        "copyright",
        en=V(
            "Virtual-reality training for vocational skills",
            "VR simulations of welding, electrical installation and vehicle maintenance with "
            "automatic scoring of each step.",
            "Vocational colleges, company training centres and skills competitions.",
            "Cuts consumable costs and safety risks; trainees reach the required standard in "
            "fewer practical hours.",
            "We provide vocational courses in Hong Kong and are looking for VR simulations "
            "that we can localise.",
            "virtual reality|vocational training|skills|simulation",
        ),
        hant=V(
            "職業技能虛擬實境實訓",
            "以虛擬實境模擬焊接、電工安裝及汽車維修，自動為每個步驟評分。",
            "適用於職業院校、企業培訓中心及技能比賽。",
            "減少耗材成本及安全風險；學員以較少實習時數達到要求水平。",
            "本公司在香港提供職業培訓課程，正物色可本地化的虛擬實境模擬。",
            "虛擬實境|職業培訓|技能|模擬",
        ),
        hans=V(
            "职业技能虚拟仿真实训系统",
            "以VR模拟焊接、电工安装和汽车维修等操作，并对每个步骤自动评分。",
            "适用于职业院校、企业培训中心和技能大赛。",
            "降低耗材成本和安全风险，学员以更少的实操课时达到考核标准。",
            "我校拟建设虚拟仿真实训基地，需要焊接和电工类VR实训资源。",
            "虚拟仿真|职业教育|技能实训|VR",
        ),
    ),
    Topic(
        "skills_talent_matching",
        "hk",
        "lingnan",
        "cq_ttc",
        (TALENT,),
        ("ict_software", "artificial_intelligence"),
        6,
        "know_how",
        en=V(
            "Skills-based talent matching across Hong Kong and Chongqing",
            "A matching engine maps job ads and CVs onto a shared skills taxonomy, so that "
            "qualifications and job titles from both cities can be compared.",
            "Talent exchange schemes, internships and recruitment for cross-boundary projects.",
            "Explains each match by the shared skills; reduces mismatches caused by different "
            "job titles in the two cities.",
            "We organise talent exchange for technology projects and need to match Hong Kong "
            "professionals with Chongqing employers.",
            "talent matching|skills taxonomy|recruitment|talent exchange",
        ),
        hant=V(
            "港渝技能為本人才配對",
            "配對引擎把招聘廣告及履歷對應至共同技能分類，使兩地的資歷及職銜可以比較。",
            "適用於人才交流計劃、實習及跨境項目招聘。",
            "以共同技能解釋每項配對；減少兩地職銜不同造成的錯配。",
            "我們統籌科技項目的人才交流，需要為香港專業人士配對重慶僱主。",
            "人才配對|技能分類|招聘|人才交流",
        ),
        hans=V(
            "港渝技能画像人才匹配系统",
            "匹配引擎将招聘需求和简历映射到统一技能体系，使两地的资历和职位名称可以比较。",
            "适用于人才交流计划、实习项目和跨境项目招聘。",
            "每项匹配均说明依据的共同技能，减少两地职位名称不同造成的错配。",
            "我们为港渝合作项目对接人才，需要把香港专业人士与重庆用人单位精准匹配。",
            "人才匹配|技能画像|招聘|人才交流",
        ),
    ),
    Topic(
        "youth_virtual_incubator",
        "hk",
        "hk_youthhub",
        "cq_ttc",
        (YOUTH, TALENT),
        ("ict_software",),
        8,
        "know_how",
        en=V(
            "Virtual incubation programme for youth start-ups",
            "A twelve-week online programme with mentoring, lean-validation tools and demo "
            "days that connects young founders from both cities.",
            "Youth innovation centres, university entrepreneurship offices and incubators.",
            "Run with more than 200 teams; alumni raised seed funding and several opened "
            "offices in both cities.",
            "We want to bring Hong Kong young entrepreneurs to Chongqing incubators and need "
            "a joint pre-incubation programme.",
            "youth entrepreneurship|incubation|mentoring|start-ups",
        ),
        hant=V(
            "青年初創虛擬培育計劃",
            "為期十二星期的網上計劃，提供導師指導、精實驗證工具及路演日，連結兩地青年創業者。",
            "適用於青年創新中心、大學創業辦公室及培育機構。",
            "已培育逾200隊；畢業團隊獲得種子資金，多家在兩地均設辦公室。",
            "我們希望協助香港青年到重慶孵化器發展，需要聯合預孵化計劃。",
            "青年創業|培育|導師|初創企業",
        ),
        hans=V(
            "青年创业虚拟孵化项目",
            "为期十二周的线上项目，提供导师辅导、精益验证工具和路演日，连接两地青年创业者。",
            "适用于青年创新创业中心、高校创业学院和孵化器。",
            "已服务200余支团队，校友团队获得种子轮融资，多家在两地设立办公室。",
            "我们希望吸引香港青年来渝创业，需要与香港机构联合开展预孵化项目。",
            "青年创业|孵化|创业导师|港澳青年",
        ),
    ),
    Topic(
        "digital_credential_verification",
        "hk",
        "astri",
        "cq_hkservices",
        (HKR, TALENT),
        ("ict_software", "fintech"),
        6,
        "patent_applied",
        en=V(
            "Verifiable digital credentials for professional qualifications",
            "Issuers sign degrees and professional licences as verifiable credentials that the "
            "holder keeps in a wallet and presents selectively to employers or authorities.",
            "Hong Kong professionals working in Chongqing who must prove qualifications, and "
            "employers checking them.",
            "Checks take seconds instead of weeks; only the needed attributes are disclosed.",
            "Hong Kong residents we help in Chongqing often wait weeks for certificate "
            "verification when changing jobs.",
            "verifiable credentials|digital identity|qualification recognition",
        ),
        hant=V(
            "專業資格可驗證數碼證書",
            "發證機構以可驗證憑證方式簽發學位及專業牌照，持有人存於錢包，可選擇性向僱主或當局出示。",
            "適用於須證明資歷的在渝香港專業人士，以及核實資歷的僱主。",
            "核實時間由數星期縮短至數秒；只披露所需資料。",
            "我們在重慶協助的香港居民轉職時，往往要等數星期才能完成證書核實。",
            "可驗證憑證|數碼身份|資歷認可",
        ),
        hans=V(
            "专业资格可验证数字证书",
            "发证机构以可验证凭证形式签发学位和职业资格证书，持有人存入数字钱包并可选择性出示。",
            "适用于需证明资格的在渝香港专业人士，以及核验资格的用人单位。",
            "核验时间由数周缩短到数秒，仅披露必要信息。",
            "我们服务的在渝港人求职时，学历和执业资格核验往往需要数周，希望引入数字化核验工具。",
            "可验证凭证|数字身份|资格互认",
        ),
    ),
    Topic(
        "hk_resident_service_assistant",
        "cq",
        "cqupt",
        "cq_hkservices",
        (HKR,),
        ("ict_software", "artificial_intelligence"),
        6,
        "copyright",
        en=V(
            "Conversational assistant for Hong Kong residents' public services",
            "A question-answering assistant in Traditional Chinese, Cantonese and English "
            "covers residence permits, social insurance, schooling and banking procedures.",
            "Service centres, community offices and online portals serving Hong Kong "
            "residents in Chongqing.",
            "Answers are grounded in official guidance and cite the source; hands over to "
            "staff for complex cases.",
            "We receive many repetitive questions from Hong Kong residents and want an "
            "assistant that answers in their own language and script.",
            "chatbot|public services|Hong Kong residents|Cantonese",
        ),
        hant=V(
            "香港居民公共服務對話助理",
            "以繁體中文、粵語及英文回答居住證、社會保險、入學及銀行手續等問題的問答助理。",
            "適用於為在渝香港居民提供服務的服務中心、社區辦事處及網上平台。",
            "答案以官方指引為依據並註明出處；複雜個案轉交職員處理。",
            "我們每日收到大量香港居民的重複查詢，希望有助理以他們慣用的語言及字體回答。",
            "聊天機械人|公共服務|香港居民|粵語",
        ),
        hans=V(
            "在渝港人政务服务智能问答助手",
            "支持繁体中文、粤语和英文的智能问答助手，覆盖居住证、社保、子女入学和银行开户等事项。",
            "适用于为在渝香港居民服务的服务中心、社区和线上平台。",
            "答案基于官方办事指南并注明出处，复杂问题转人工处理。",
            "我们每天接到大量港人的重复咨询，需要能用繁体和粤语回答的智能助手。",
            "智能问答|政务服务|在渝港人|粤语",
        ),
    ),
    Topic(
        "teacher_exchange_lesson_analytics",
        "hk",
        "eduhk",
        "cq_education",
        (EDU, TALENT),
        ("edtech", "artificial_intelligence"),
        5,
        "know_how",
        en=V(
            "Classroom video analytics for teacher exchange and mentoring",
            "Speech and video analysis of recorded lessons measures talk time, questioning "
            "and student participation, and lets mentors comment on the timeline.",
            "Teacher exchange programmes, lesson-study groups and teacher education.",
            "Mentors in another city can coach through annotated recordings; privacy "
            "settings blur students' faces.",
            "We run teacher exchanges with Hong Kong schools and want structured feedback on "
            "demonstration lessons.",
            "classroom analytics|teacher development|lesson study|video",
        ),
        hant=V(
            "教師交流課堂錄像分析",
            "以語音及影像分析課堂錄影，量度講授時間、提問及學生參與，導師可在時間軸上評註。",
            "適用於教師交流計劃、課堂研究小組及師資培訓。",
            "身處另一城市的導師可透過評註錄影指導；私隱設定會模糊學生面部。",
            "我們與香港學校進行教師交流，希望對示範課提供有系統的回饋。",
            "課堂分析|教師發展|課堂研究|錄像",
        ),
        hans=V(
            "教师交流课堂视频智能分析",
            "对课堂录像进行语音和视频分析，统计讲授时长、提问和学生参与度，导师可在时间轴上点评。",
            "适用于教师交流项目、教研组和师范教育。",
            "异地导师可通过带批注的录像远程指导，隐私设置可对学生面部打码。",
            "我们组织渝港两地教师交流，希望对示范课进行结构化的分析和反馈。",
            "课堂分析|教师发展|教研|视频分析",
        ),
    ),
)
