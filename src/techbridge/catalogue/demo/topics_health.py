"""Demo topics: medical devices, biotechnology, Chinese medicine and care for residents."""

from __future__ import annotations

from .topics_base import Topic, V

IT, CM, HKR = "innovation_technology", "chinese_medicine", "hk_residents"

TOPICS: tuple[Topic, ...] = (
    Topic(
        "ultrasound_tumour",
        "hk",
        "hku",
        "cq_meddevice",
        (IT,),
        ("medical_devices",),
        5,
        "patent_granted",
        en=V(
            "Handheld ultrasound imaging of tumour margins",
            "A handheld high-frequency ultrasound probe combined with a shear-wave elastography "
            "algorithm that shows the boundary between tumour and healthy tissue in real time.",
            "Intended for breast-conserving and thyroid surgery, where surgeons must decide in the "
            "theatre how much tissue to remove.",
            "Margin maps appear in under two seconds without contrast agents, and in a 120-case "
            "study agreed with pathology in 91% of specimens.",
            "We make portable ultrasound scanners and want an intra-operative margin-assessment "
            "function to enter the surgical oncology market.",
            "ultrasound|elastography|tumour margin|surgical imaging",
        ),
        hant=V(
            "手提超聲波腫瘤邊界即時成像技術",
            "結合高頻超聲波探頭與剪切波彈性成像演算法，於手術中即時顯示腫瘤與正常組織的分界。",
            "適用於乳房保留手術及甲狀腺手術，協助醫生在手術室內判斷切除範圍。",
            "無需造影劑，兩秒內生成邊界圖；120例臨床研究中與病理結果吻合率達91%。",
            "本公司生產便攜式超聲波儀器，希望加入術中腫瘤邊界評估功能。",
            "超聲波|彈性成像|腫瘤邊界|手術導航",
        ),
        hans=V(
            "手持式超声肿瘤边界实时成像技术",
            "将高频超声探头与剪切波弹性成像算法结合，在术中实时显示肿瘤与正常组织的边界。",
            "可用于乳腺保乳手术、甲状腺手术等需要在术中判断切除范围的场景。",
            "无需造影剂，两秒内生成边界图，120例临床研究中与病理结果符合率达91%。",
            "我公司生产便携式超声设备，计划开发术中肿瘤切缘评估功能，现寻求成熟算法与探头技术，"
            "希望联合申报医疗器械注册。",
            "超声成像|弹性成像|肿瘤切缘|术中导航",
        ),
    ),
    Topic(
        "crispr_base_editing",
        "hk",
        "cuhk",
        "cq_pharma",
        (IT,),
        ("biotechnology",),
        3,
        "patent_applied",
        en=V(
            "CRISPR base editing for inherited blood disorders",
            "An engineered adenine base editor delivered by lipid nanoparticles corrects the "
            "point mutations behind beta-thalassaemia in patients' own stem cells without "
            "cutting both DNA strands.",
            "The platform suits ex vivo cell therapy for thalassaemia and sickle-cell disease, "
            "which are common in southern China.",
            "Off-target edits were below detection in whole-genome sequencing, and editing "
            "efficiency in CD34+ cells exceeded 80%.",
            "We are building a cell-therapy pipeline and need a gene-editing tool with a clear "
            "licence for clinical development in the Greater Bay Area.",
            "CRISPR|base editing|thalassaemia|cell therapy|lipid nanoparticle",
        ),
        hant=V(
            "CRISPR鹼基編輯治療遺傳性血液病",
            "以脂質納米粒子遞送經改造的腺嘌呤鹼基編輯器，在患者自身幹細胞中修正導致β型地中海貧血的"
            "點突變，毋須切斷DNA雙鏈。",
            "適用於地中海貧血及鐮狀細胞病的體外細胞治療，此類疾病在華南地區較常見。",
            "全基因組測序未檢出脫靶編輯，CD34+細胞編輯效率超過80%。",
            "本公司正建立細胞治療產品線，需要可在大灣區進行臨床開發的基因編輯工具授權。",
            "基因編輯|鹼基編輯|地中海貧血|細胞治療",
        ),
        hans=V(
            "CRISPR碱基编辑治疗遗传性血液病技术",
            "利用脂质纳米颗粒递送改造后的腺嘌呤碱基编辑器，在患者自体干细胞中纠正β地中海贫血致病"
            "点突变，无需切断DNA双链。",
            "适用于地中海贫血、镰状细胞病等遗传病的体外细胞治疗。",
            "全基因组测序未检出脱靶编辑，CD34+细胞编辑效率超过80%。",
            "我公司拟布局基因与细胞治疗，需引进具有自主知识产权的碱基编辑工具，用于临床前研究和"
            "IND申报。",
            "基因编辑|碱基编辑|地中海贫血|细胞治疗|脂质纳米颗粒",
        ),
    ),
    Topic(
        "ai_retina_screening",
        "hk",
        "cuhk",
        "cq_meddevice",
        (IT,),
        ("artificial_intelligence", "medical_devices"),
        7,
        "patent_applied",
        en=V(
            "AI screening of diabetic retinopathy from fundus photographs",
            "A deep-learning model grades diabetic retinopathy and flags referable cases from a "
            "single non-mydriatic fundus photograph taken in primary care.",
            "Community clinics, pharmacies and health-check centres can screen people with "
            "diabetes without an ophthalmologist on site.",
            "Validated on more than 40,000 images from several cohorts with sensitivity above "
            "94%; runs offline on a standard laptop.",
            "Our community health network needs an automated eye-screening tool that works on "
            "low-cost cameras and produces reports for referral.",
            "diabetic retinopathy|fundus image|deep learning|screening",
        ),
        hant=V(
            "人工智能眼底相片糖尿病視網膜病變篩查",
            "深度學習模型只需一張免散瞳眼底相片，即可為糖尿病視網膜病變分級並標示需轉介個案。",
            "社區診所、藥房及體檢中心毋須眼科醫生駐場，亦可為糖尿病患者進行篩查。",
            "以多個隊列逾四萬張影像驗證，敏感度高於94%，可於一般手提電腦離線運行。",
            "我們的社區醫療網絡需要一套可配合低成本眼底相機、自動生成轉介報告的篩查工具。",
            "糖尿病視網膜病變|眼底影像|深度學習|篩查",
        ),
        hans=V(
            "人工智能眼底照片糖尿病视网膜病变筛查系统",
            "深度学习模型仅需一张免散瞳眼底照片，即可对糖尿病视网膜病变分级并提示需转诊病例。",
            "可部署于基层卫生院、社区医院和体检中心，无需眼科医生现场阅片。",
            "经四万余张多中心图像验证，灵敏度高于94%，可在普通笔记本电脑上离线运行。",
            "我公司为区县基层医疗机构提供眼底相机，急需配套的AI辅助诊断软件，要求可取得二类或"
            "三类医疗器械注册证。",
            "糖尿病视网膜病变|眼底图像|深度学习|基层筛查",
        ),
    ),
    Topic(
        "textile_ecg",
        "hk",
        "polyu",
        "cq_meddevice",
        (IT,),
        ("medical_devices", "digital_health"),
        6,
        "patent_granted",
        en=V(
            "Washable textile electrodes for continuous ECG monitoring",
            "Knitted silver-coated yarn electrodes built into a vest record a clinical-grade "
            "single-lead ECG for days, and survive more than 50 machine washes.",
            "Suitable for home cardiac monitoring, post-operative follow-up and athletes.",
            "No gel and no skin irritation; signal quality stays comparable to adhesive "
            "electrodes during walking.",
            "We need a comfortable wearable ECG solution for elderly users to replace adhesive "
            "Holter patches.",
            "smart textile|ECG|wearable|remote monitoring",
        ),
        hant=V(
            "可洗滌紡織電極連續心電監測技術",
            "以鍍銀紗線針織成的電極縫入背心，可連續多日記錄臨床級單導聯心電圖，並可機洗逾50次。",
            "適用於家居心臟監測、術後跟進及運動員訓練。",
            "毋須導電凝膠，不會刺激皮膚；步行時訊號質素與黏貼式電極相若。",
            "我們需要一套適合長者長時間穿戴的心電監測方案，取代黏貼式Holter貼片。",
            "智能紡織|心電圖|可穿戴|遙距監測",
        ),
        hans=V(
            "可水洗织物电极连续心电监测技术",
            "采用镀银纱线针织电极缝制于背心内，可连续多日记录临床级单导联心电，耐机洗50次以上。",
            "适用于居家心脏监护、术后随访和运动员训练监测。",
            "无需导电膏、不刺激皮肤，行走状态下信号质量与粘贴电极相当。",
            "我公司开发居家养老健康监测产品，需要舒适、可长期穿戴的心电采集方案，替代一次性"
            "粘贴电极。",
            "智能织物|心电监测|可穿戴设备|远程监护",
        ),
    ),
    Topic(
        "paper_microfluidic_test",
        "hk",
        "hkust",
        "cq_meddevice",
        (IT,),
        ("medical_devices",),
        6,
        "patent_applied",
        en=V(
            "Paper microfluidic rapid test with smartphone read-out",
            "A folded paper chip runs a multiplexed immunoassay from one drop of blood and a "
            "smartphone app reads the colour bands quantitatively.",
            "Point-of-care testing for cardiac markers, inflammation and infectious diseases in "
            "clinics and remote areas.",
            "Results in 15 minutes at a material cost below HKD 5 per test, with quantitative "
            "accuracy close to laboratory analysers.",
            "We want to add a low-cost quantitative rapid-test line for township clinics.",
            "microfluidics|point-of-care testing|immunoassay|smartphone",
        ),
        hant=V(
            "紙基微流控快速檢測及手機讀取技術",
            "摺疊式紙晶片以一滴血完成多重免疫檢測，再由手機應用程式定量讀取色帶。",
            "適用於診所及偏遠地區的即時檢測，包括心臟標誌物、炎症及傳染病。",
            "15分鐘出結果，每次檢測物料成本低於5港元，定量準確度接近化驗室儀器。",
            "我們希望開發一條成本低、可定量的快速檢測產品線。",
            "微流控|即時檢測|免疫檢測|手機讀取",
        ),
        hans=V(
            "纸基微流控快速检测及手机读取技术",
            "折叠式纸芯片以一滴血完成多指标免疫检测，手机App对显色条带进行定量读取。",
            "适用于心肌标志物、炎症指标和传染病的床旁快速检测。",
            "15分钟出结果，单次材料成本低于5港元，定量准确度接近检验科仪器。",
            "我公司面向乡镇卫生院开发POCT产品，需要低成本、可定量的快速检测平台技术，希望技术"
            "方协助完成注册检验。",
            "微流控|POCT|免疫检测|快速检测",
        ),
    ),
    Topic(
        "tcm_herb_dna",
        "hk",
        "hkbu",
        "cq_pharma",
        (CM, IT),
        ("chinese_medicine",),
        6,
        "patent_granted",
        en=V(
            "DNA barcoding and mass spectrometry for Chinese herb authentication",
            "A combined DNA mini-barcode and LC-MS fingerprint workflow identifies the species "
            "and detects adulterants in raw herbs, decoction pieces and powdered products.",
            "Herb traders, manufacturers and testing laboratories can verify more than 300 "
            "commonly used Chinese medicinal materials.",
            "Works on processed and mixed samples where morphology fails, with a reference "
            "library built from authenticated specimens.",
            "We need a fast way to confirm the species of incoming herbs, especially look-alike "
            "materials that are often substituted.",
            "Chinese medicine|DNA barcoding|authentication|LC-MS",
        ),
        hant=V(
            "中藥材DNA條碼及質譜鑑定技術",
            "結合DNA迷你條碼與液相色譜質譜指紋圖譜，鑑定藥材品種並檢出原藥材、飲片及粉末中的"
            "混偽品。",
            "藥材商、中成藥生產商及檢測化驗所可用於核實逾300種常用中藥材。",
            "即使樣本經炮製或混合、無法以性狀鑑別，仍可準確識別；參考數據庫以經鑑定標本建立。",
            "本公司需要快速核實進口藥材品種，特別是外形相似、常被替代的品種。",
            "中藥鑑定|DNA條碼|質譜|中醫藥",
        ),
        hans=V(
            "中药材DNA条形码与质谱鉴定技术",
            "结合DNA微型条形码与液质联用指纹图谱，鉴定药材基原并检出原药材、饮片和粉末中的掺伪品。",
            "可为药材经营企业、中成药生产企业和检测机构核验300余种常用中药材。",
            "对炮制品和混合样品同样有效，参考数据库以经鉴定的标本建立。",
            "我公司年采购中药材两千余吨，需要快速鉴别易混淆品种基原的检测方法，用于入厂质检。",
            "中药鉴定|DNA条形码|质谱|道地药材",
        ),
    ),
    Topic(
        "tcm_granule_fingerprint",
        "cq",
        "cqmu",
        "hk_tcm",
        (CM, "trade"),
        ("chinese_medicine", "pharmaceuticals"),
        7,
        "patent_granted",
        en=V(
            "Fingerprint-based quality control for Chinese medicine granules",
            "An HPLC fingerprint and multi-component quantification method, with a "
            "chemometric model, checks batch-to-batch consistency of concentrated granules.",
            "Used by granule manufacturers and by importers who must meet both mainland and "
            "Hong Kong registration standards.",
            "Covers 60 common formula granules; one run replaces several single-marker assays.",
            "We import concentrated Chinese medicine granules into Hong Kong and need a "
            "consistent quality method accepted on both sides of the boundary.",
            "Chinese medicine granules|HPLC fingerprint|quality control|chemometrics",
        ),
        hant=V(
            "中藥配方顆粒指紋圖譜質量控制技術",
            "以高效液相色譜指紋圖譜及多成分定量，配合化學計量學模型，檢查濃縮顆粒批次間一致性。",
            "適用於顆粒生產商，以及須同時符合內地及香港註冊標準的進口商。",
            "涵蓋60種常用配方顆粒，一次分析可取代多項單一指標測試。",
            "本公司向香港進口中藥濃縮顆粒，需要一套兩地均認可的質量檢測方法。",
            "中藥配方顆粒|指紋圖譜|質量控制|化學計量學",
        ),
        hans=V(
            "中药配方颗粒指纹图谱质量控制技术",
            "基于高效液相色谱指纹图谱和多成分定量，结合化学计量学模型评价配方颗粒批间一致性。",
            "适用于配方颗粒生产企业，以及需同时满足内地与香港注册标准的出口企业。",
            "覆盖60个常用配方颗粒品种，一次检测可替代多项单一指标测定。",
            "我公司生产中药配方颗粒，计划出口香港，需要建立符合两地标准的质量评价方法。",
            "中药配方颗粒|指纹图谱|质量控制|化学计量学",
        ),
    ),
    Topic(
        "tcm_pulse_sensor",
        "hk",
        "polyu",
        "cq_pharma",
        (CM, IT),
        ("chinese_medicine", "medical_devices"),
        5,
        "patent_applied",
        en=V(
            "Tactile sensor array for objective pulse diagnosis",
            "A flexible pressure-sensor array placed on the radial artery records pulse waves at "
            "three positions and three depths, and software classifies them into classical "
            "pulse patterns.",
            "Teaching Chinese medicine students, telemedicine consultations and clinical "
            "research that needs quantified pulse data.",
            "Reproducible recordings where manual palpation is subjective; agreement with "
            "senior practitioners above 85% for eight pulse types.",
            "We want to digitise pulse diagnosis for our chain of Chinese medicine clinics.",
            "pulse diagnosis|tactile sensor|Chinese medicine|telemedicine",
        ),
        hant=V(
            "客觀化中醫脈診觸覺感測陣列",
            "柔性壓力感測陣列置於橈動脈，記錄寸關尺三部、浮中沉三候的脈波，再由軟件分類為傳統脈象。",
            "適用於中醫教學、遙距診症，以及需要量化脈象數據的臨床研究。",
            "解決人手切脈主觀性強的問題；八種脈象與資深中醫師判斷吻合率逾85%。",
            "我們希望為旗下連鎖中醫診所引入數碼化脈診。",
            "脈診|觸覺感測|中醫|遙距醫療",
        ),
        hans=V(
            "客观化中医脉诊触觉传感阵列",
            "柔性压力传感阵列置于桡动脉，采集寸关尺三部、浮中沉三候脉波，由软件识别为传统脉象。",
            "可用于中医教学、远程问诊以及需要量化脉象数据的临床研究。",
            "解决手工切脉主观性强的问题，八种脉象与资深中医师判断一致率超过85%。",
            "我公司开设中医馆连锁，计划推出智能脉诊设备，需要可靠的脉象采集与识别技术。",
            "脉诊|触觉传感|中医诊断|远程医疗",
        ),
    ),
    Topic(
        "cfdna_liver_cancer",
        "cq",
        "cqmu",
        "hk_medtech",
        (IT,),
        ("biotechnology", "medical_devices"),
        5,
        "patent_applied",
        en=V(
            "Blood cfDNA methylation test for early liver cancer",
            "A targeted methylation panel on cell-free DNA, scored by a machine-learning model, "
            "detects early hepatocellular carcinoma in people with chronic hepatitis B.",
            "Surveillance of high-risk hepatitis B carriers alongside ultrasound and AFP.",
            "Detects stage I tumours that AFP misses; sensitivity 86% at 95% specificity in a "
            "retrospective cohort of 1,100 patients.",
            "We are looking for a liver cancer blood test to add to our diagnostic kit "
            "portfolio for Hong Kong and overseas markets.",
            "liquid biopsy|cfDNA methylation|liver cancer|early detection",
        ),
        hant=V(
            "血液無細胞DNA甲基化早期肝癌檢測",
            "針對無細胞DNA的靶向甲基化標記組合，配合機器學習評分，為慢性乙型肝炎患者檢測早期肝細胞癌。",
            "適用於乙型肝炎高風險人士的定期監測，可配合超聲波及甲胎蛋白檢查。",
            "可檢出甲胎蛋白漏診的第一期腫瘤；1,100人回顧性研究中，特異性95%時敏感度為86%。",
            "本公司正物色肝癌血液檢測技術，擴充在香港及海外市場的診斷試劑產品。",
            "液體活檢|DNA甲基化|肝癌|早期檢測",
        ),
        hans=V(
            "血液游离DNA甲基化肝癌早筛技术",
            "针对游离DNA的靶向甲基化标志物组合，结合机器学习评分模型，对慢性乙肝人群进行早期肝癌"
            "检测。",
            "用于乙肝高风险人群的定期监测，可与超声和甲胎蛋白联合使用。",
            "可检出甲胎蛋白漏诊的Ⅰ期肿瘤，1100例回顾性队列中特异性95%时灵敏度达86%。",
            "我公司有体外诊断试剂生产资质，拟引进肝癌早筛项目，需要具备临床数据支撑的标志物"
            "组合及算法。",
            "液体活检|甲基化|肝癌早筛|体外诊断",
        ),
    ),
    Topic(
        "organoid_drug_screening",
        "cq",
        "jinfeng",
        "hk_biotech",
        (IT,),
        ("biotechnology", "pharmaceuticals"),
        4,
        "know_how",
        en=V(
            "Patient-derived tumour organoids for drug screening",
            "Standardised culture of organoids from surgical and biopsy samples, with an "
            "automated imaging read-out of drug response within two weeks.",
            "Preclinical efficacy testing for oncology drug developers and functional testing "
            "to inform treatment choices.",
            "A biobank of more than 500 organoid lines covering gastric, colorectal and liver "
            "cancers, with matched genomic data.",
            "Our antibody-drug conjugate programme needs patient-derived models to select "
            "indications before clinical trials.",
            "organoid|drug screening|oncology|biobank",
        ),
        hant=V(
            "患者來源腫瘤類器官藥物篩選平台",
            "以標準化流程從手術及活檢樣本培養類器官，自動化影像分析可於兩星期內讀出藥物反應。",
            "為腫瘤藥物研發機構提供臨床前藥效測試，亦可作功能性檢測輔助治療選擇。",
            "類器官生物樣本庫逾500株，涵蓋胃癌、大腸癌及肝癌，並附配對基因組數據。",
            "本公司的抗體藥物偶聯物項目需要患者來源模型，以便在臨床試驗前篩選適應症。",
            "類器官|藥物篩選|腫瘤|生物樣本庫",
        ),
        hans=V(
            "患者来源肿瘤类器官药物筛选平台",
            "建立从手术及穿刺样本培养类器官的标准化流程，自动化成像分析可在两周内给出药物敏感性结果。",
            "为肿瘤药物研发企业提供临床前药效评价，也可用于指导临床用药的功能性检测。",
            "类器官样本库500余株，覆盖胃癌、结直肠癌和肝癌，并配有基因组数据。",
            "我公司开展抗肿瘤新药研发，需要类器官药敏测试服务，用于候选药物适应症筛选。",
            "类器官|药物筛选|肿瘤|样本库",
        ),
    ),
)

# Topics added after the demo was first published: their listings come after every other one
# (see ``content.demo_listings``), so that no facility moves to another lifecycle slot, and with
# it another state and publication date.
ADDED_TOPICS: tuple[Topic, ...] = (
    Topic(
        "focused_ultrasound_ablation",
        "cq",
        "cqmu",
        "hk_medtech",
        (IT,),
        ("medical_devices",),
        8,
        "patent_granted",
        en=V(
            "Focused ultrasound ablation of solid tumours",
            "A high-intensity focused ultrasound (HIFU) system concentrates ultrasound energy from "
            "outside the body to heat and destroy a tumour, guided by real-time ultrasound "
            "imaging and without incisions.",
            "Used for uterine fibroids, and for liver, pancreatic and bone tumours in patients "
            "who cannot undergo surgery.",
            "Treatment is non-invasive and usually a day procedure; in more than 2,000 treated "
            "cases, 87% of targeted fibroids were ablated completely.",
            "We supply medical equipment to Hong Kong private hospitals and seek a licensed "
            "non-invasive tumour ablation system, with training for clinical teams and support "
            "for local registration.",
            "focused ultrasound|HIFU|tumour ablation|non-invasive therapy",
        ),
        hant=V(
            "高強度聚焦超聲波腫瘤消融治療系統",
            "高強度聚焦超聲波（HIFU）系統從體外把超聲波能量聚焦於腫瘤，令其受熱壞死，並以實時超聲波"
            "影像引導，毋須開刀。",
            "適用於子宮肌瘤，以及不宜接受手術的肝臟、胰臟及骨腫瘤患者。",
            "治療屬非入侵性，一般於日間完成；逾二千宗治療個案中，87%的目標肌瘤完全消融。",
            "本公司向香港私家醫院供應醫療設備，現尋求獲授權的非入侵性腫瘤消融系統，並需要臨床團隊培訓"
            "及本地註冊支援。",
            "聚焦超聲波|HIFU|腫瘤消融|非入侵性治療",
        ),
        hans=V(
            "高强度聚焦超声肿瘤消融治疗系统",
            "高强度聚焦超声（HIFU）系统在体外将超声能量聚焦于肿瘤，使其受热凝固坏死，并以实时超声"
            "影像引导，无需开刀。",
            "适用于子宫肌瘤，以及不宜手术的肝脏、胰腺和骨肿瘤患者。",
            "治疗无创，一般当日即可完成；2000余例治疗中，87%的目标肌瘤完全消融。",
            "我公司为香港私立医院供应医疗设备，现寻求获授权的无创肿瘤消融系统，并需要临床团队培训"
            "及本地注册支持。",
            "聚焦超声|HIFU|肿瘤消融|无创治疗",
        ),
    ),
)
