"""Data of bench/make-corpus: the embedded taxonomy, function words, outlets
and the Chinese character tables. Pure data; the generator reads it by import.

Taxonomy rows: `id | name | lang: alias; alias | ...` where lang is `en`,
`fr`, `zh` or `*` (both Latin-script languages). The tagger also uses each
name as an alias. Every alias here is also in config/taxonomy.json under the
same id (docs/corpus.md), so the project's taxonomy tags a generated corpus
too. Policy aliases come in singular and plural pairs: the generator plants
both forms (the inflection hard case).

HANZI_HEAD: common Simplified characters, most frequent first; the rest of
GB 2312 level 1 (3,755 common characters, from Python's gb2312 codec)
follows them at lower frequency. NOT_FIXED: characters there that OpenCC's
t2s maps to another character (the tagger would fold them): kept out of
filler. S2T_PAIRS: Simplified, Traditional pairs (OpenCC s2t, one character at
a time), kept only where t2s maps the Traditional form back to the same
character, so a Traditional article folds to exactly its Simplified twin.
Regenerate: `opencc -c s2t.json` / `-c t2s.json` on one character per line.
"""

CITIES = """
beijing | Beijing | *: Beijing | fr: Pékin | zh: 北京
shanghai | Shanghai | *: Shanghai | fr: Changhaï | zh: 上海
shenzhen | Shenzhen | *: Shenzhen | zh: 深圳
hangzhou | Hangzhou | *: Hangzhou | zh: 杭州
guangzhou | Guangzhou | *: Guangzhou | fr: Canton | zh: 广州
hefei | Hefei | *: Hefei | zh: 合肥
suzhou | Suzhou | *: Suzhou | zh: 苏州
chengdu | Chengdu | *: Chengdu | zh: 成都
wuhan | Wuhan | *: Wuhan | zh: 武汉
nanjing | Nanjing | *: Nanjing | fr: Nankin | zh: 南京
chongqing | Chongqing | *: Chongqing | fr: Tchongking | zh: 重庆
tianjin | Tianjin | *: Tianjin | zh: 天津
xian | Xi'an | *: Xi'an; Xi’an; Xian | zh: 西安
changsha | Changsha | *: Changsha | zh: 长沙
zhengzhou | Zhengzhou | *: Zhengzhou | zh: 郑州
qingdao | Qingdao | *: Qingdao; Tsingtao | zh: 青岛
xiamen | Xiamen | *: Xiamen; Amoy | zh: 厦门
ningbo | Ningbo | *: Ningbo | zh: 宁波
dongguan | Dongguan | *: Dongguan | zh: 东莞
foshan | Foshan | *: Foshan | zh: 佛山
wuxi | Wuxi | *: Wuxi | zh: 无锡
dalian | Dalian | *: Dalian | zh: 大连
shenyang | Shenyang | *: Shenyang | fr: Moukden | zh: 沈阳
jinan | Jinan | *: Jinan | zh: 济南
fuzhou | Fuzhou | *: Fuzhou | zh: 福州
kunming | Kunming | *: Kunming | zh: 昆明
harbin | Harbin | *: Harbin | zh: 哈尔滨
changchun | Changchun | *: Changchun | zh: 长春
nanchang | Nanchang | *: Nanchang | zh: 南昌
guiyang | Guiyang | *: Guiyang | zh: 贵阳
nanning | Nanning | *: Nanning | zh: 南宁
lanzhou | Lanzhou | *: Lanzhou | zh: 兰州
taiyuan | Taiyuan | *: Taiyuan | zh: 太原
shijiazhuang | Shijiazhuang | *: Shijiazhuang | zh: 石家庄
urumqi | Ürümqi | *: Urumqi; Ürümqi | fr: Ouroumtchi | zh: 乌鲁木齐
hohhot | Hohhot | *: Hohhot | zh: 呼和浩特
haikou | Haikou | *: Haikou | zh: 海口
zhuhai | Zhuhai | *: Zhuhai | zh: 珠海
wenzhou | Wenzhou | *: Wenzhou | zh: 温州
changzhou | Changzhou | *: Changzhou | zh: 常州
yiwu | Yiwu | *: Yiwu | zh: 义乌
hong-kong | Hong Kong | *: Hong Kong; Hongkong | zh: 香港
"""

COMPANIES = """
alibaba | Alibaba | *: Alibaba; Alibaba Group | fr: groupe Alibaba | zh: 阿里巴巴; 阿里
tencent | Tencent | *: Tencent | zh: 腾讯
huawei | Huawei | *: Huawei | zh: 华为
byd | BYD | *: BYD | zh: 比亚迪
deepseek | DeepSeek | *: DeepSeek; DeepSeeks | zh: 深度求索
baidu | Baidu | *: Baidu | zh: 百度
bytedance | ByteDance | *: ByteDance | zh: 字节跳动
xiaomi | Xiaomi | *: Xiaomi | zh: 小米
catl | CATL | *: CATL; Contemporary Amperex | zh: 宁德时代
unitree | Unitree Robotics | *: Unitree Robotics; Unitree | zh: 宇树科技; 宇树
brainco | BrainCo | *: BrainCo | zh: 强脑科技
game-science | Game Science | *: Game Science | fr: Science du jeu | zh: 游戏科学
manycore | Manycore Tech | *: Manycore Tech; Qunhe Technology | zh: 群核科技
deep-robotics | Deep Robotics | *: Deep Robotics; Yun Shen Chu; Yun Shen Chu Technology | zh: 云深处科技; 云深处
smic | SMIC | *: SMIC; Semiconductor Manufacturing International | zh: 中芯国际
jd | JD.com | *: JD.com | zh: 京东
meituan | Meituan | *: Meituan | zh: 美团
pdd | PDD Holdings | *: Pinduoduo; PDD Holdings | zh: 拼多多
netease | NetEase | *: NetEase | zh: 网易
kuaishou | Kuaishou | *: Kuaishou | zh: 快手
nio | NIO | *: NIO | zh: 蔚来
xpeng | XPeng | *: XPeng | zh: 小鹏汽车; 小鹏
li-auto | Li Auto | *: Li Auto | zh: 理想汽车
geely | Geely | *: Geely | zh: 吉利汽车; 吉利
saic | SAIC Motor | *: SAIC Motor; SAIC | zh: 上汽集团; 上汽
great-wall | Great Wall Motor | *: Great Wall Motor | zh: 长城汽车
chery | Chery | *: Chery | zh: 奇瑞
changan | Changan Automobile | *: Changan Automobile | zh: 长安汽车
gac | GAC Group | *: GAC Group | zh: 广汽集团
dongfeng | Dongfeng Motor | *: Dongfeng Motor | zh: 东风汽车
faw | FAW Group | *: FAW Group | zh: 一汽
leapmotor | Leapmotor | *: Leapmotor | zh: 零跑汽车
seres | Seres | *: Seres Group | fr: groupe Seres | zh: 赛力斯
sensetime | SenseTime | *: SenseTime | zh: 商汤科技; 商汤
iflytek | iFlytek | *: iFlytek | zh: 科大讯飞
megvii | Megvii | *: Megvii; Face++ | zh: 旷视科技
zhipu | Zhipu AI | *: Zhipu AI; Zhipu | zh: 智谱
moonshot | Moonshot AI | *: Moonshot AI | zh: 月之暗面
minimax | MiniMax | *: MiniMax | zh: 稀宇科技
baichuan | Baichuan AI | *: Baichuan AI; Baichuan | zh: 百川智能
stepfun | StepFun | *: StepFun | zh: 阶跃星辰
fourth-paradigm | 4Paradigm | *: 4Paradigm | zh: 第四范式
mobvoi | Mobvoi | *: Mobvoi | zh: 出门问问
cambricon | Cambricon | *: Cambricon | zh: 寒武纪
hua-hong | Hua Hong Semiconductor | *: Hua Hong Semiconductor | zh: 华虹半导体; 华虹
ymtc | YMTC | *: YMTC; Yangtze Memory | zh: 长江存储
cxmt | CXMT | *: CXMT; ChangXin Memory | zh: 长鑫存储
naura | Naura Technology | *: Naura | zh: 北方华创
amec | AMEC | *: AMEC; Advanced Micro-Fabrication Equipment | zh: 中微公司
loongson | Loongson | *: Loongson | zh: 龙芯中科; 龙芯
hygon | Hygon | *: Hygon | zh: 海光信息
horizon-robotics | Horizon Robotics | *: Horizon Robotics | zh: 地平线机器人
dji | DJI | *: DJI | zh: 大疆创新; 大疆
hikvision | Hikvision | *: Hikvision | zh: 海康威视
dahua | Dahua Technology | *: Dahua Technology; Dahua | zh: 大华股份
zte | ZTE | *: ZTE | zh: 中兴通讯; 中兴
lenovo | Lenovo | *: Lenovo | zh: 联想
boe | BOE Technology | *: BOE Technology; BOE | zh: 京东方
haier | Haier | *: Haier | zh: 海尔
midea | Midea Group | *: Midea | zh: 美的集团
gree | Gree Electric | *: Gree Electric; Gree | zh: 格力电器; 格力
hisense | Hisense | *: Hisense | zh: 海信
tcl | TCL | *: TCL
oppo | OPPO | *: OPPO
vivo | vivo | *: Vivo | zh: 维沃
transsion | Transsion | *: Transsion | zh: 传音控股; 传音
luxshare | Luxshare Precision | *: Luxshare | zh: 立讯精密
goertek | GoerTek | *: GoerTek | zh: 歌尔股份
sunny-optical | Sunny Optical | *: Sunny Optical | zh: 舜宇光学
inspur | Inspur | *: Inspur | zh: 浪潮信息; 浪潮
sugon | Sugon | *: Sugon | zh: 中科曙光
longi | LONGi Green Energy | *: LONGi | zh: 隆基绿能; 隆基
jinko | JinkoSolar | *: JinkoSolar | zh: 晶科能源
trina | Trina Solar | *: Trina Solar | zh: 天合光能
tongwei | Tongwei | *: Tongwei | zh: 通威股份
sungrow | Sungrow | *: Sungrow | zh: 阳光电源
envision | Envision Group | *: Envision Group | fr: groupe Envision | zh: 远景科技
goldwind | Goldwind | *: Goldwind | zh: 金风科技
eve-energy | EVE Energy | *: EVE Energy | zh: 亿纬锂能
gotion | Gotion High-Tech | *: Gotion | zh: 国轩高科
ganfeng | Ganfeng Lithium | *: Ganfeng Lithium; Ganfeng | zh: 赣锋锂业
tianqi | Tianqi Lithium | *: Tianqi Lithium | zh: 天齐锂业
sany | Sany Heavy Industry | *: Sany Heavy Industry; Sany | zh: 三一重工
zoomlion | Zoomlion | *: Zoomlion | zh: 中联重科
xcmg | XCMG | *: XCMG | zh: 徐工集团; 徐工
crrc | CRRC | *: CRRC | zh: 中国中车; 中车
comac | COMAC | *: COMAC | zh: 中国商飞; 商飞
avic | AVIC | *: AVIC | zh: 中航工业
china-mobile | China Mobile | *: China Mobile | zh: 中国移动
china-telecom | China Telecom | *: China Telecom | zh: 中国电信
china-unicom | China Unicom | *: China Unicom | zh: 中国联通
sinopec | Sinopec | *: Sinopec | zh: 中国石化
petrochina | PetroChina | *: PetroChina | zh: 中国石油
state-grid | State Grid | *: State Grid | zh: 国家电网
ping-an | Ping An | *: Ping An Insurance; Ping An | zh: 中国平安
ant-group | Ant Group | *: Ant Group; Ant Financial | zh: 蚂蚁集团; 蚂蚁金服
icbc | ICBC | *: ICBC | zh: 工商银行
bank-of-china | Bank of China | *: Bank of China | fr: Banque de Chine | zh: 中国银行
ccb | China Construction Bank | *: China Construction Bank | zh: 建设银行
trip-com | Trip.com | *: Trip.com; Ctrip | zh: 携程
didi | Didi | *: Didi | zh: 滴滴
xiaohongshu | Xiaohongshu | *: Xiaohongshu; RedNote | zh: 小红书
bilibili | Bilibili | *: Bilibili | zh: 哔哩哔哩; B站
zhihu | Zhihu | *: Zhihu | zh: 知乎
shein | Shein | *: Shein | zh: 希音
anta | Anta Sports | *: Anta Sports; Anta | zh: 安踏
li-ning | Li Ning | *: Li Ning | zh: 李宁
luckin | Luckin Coffee | *: Luckin Coffee; Luckin | zh: 瑞幸咖啡; 瑞幸
mixue | Mixue | *: Mixue | zh: 蜜雪冰城
pop-mart | Pop Mart | *: Pop Mart | zh: 泡泡玛特
moutai | Kweichow Moutai | *: Kweichow Moutai; Moutai | zh: 贵州茅台; 茅台
wuxi-apptec | WuXi AppTec | *: WuXi AppTec | zh: 药明康德
wuxi-biologics | WuXi Biologics | *: WuXi Biologics | zh: 药明生物
beigene | BeiGene | *: BeiGene | zh: 百济神州
hengrui | Hengrui Medicine | *: Hengrui | zh: 恒瑞医药
mindray | Mindray | *: Mindray | zh: 迈瑞医疗
united-imaging | United Imaging | *: United Imaging | zh: 联影医疗
bgi | BGI Group | *: BGI | zh: 华大基因
fosun | Fosun | *: Fosun | zh: 复星
wanhua | Wanhua Chemical | *: Wanhua Chemical; Wanhua | zh: 万华化学
baowu | China Baowu Steel | *: Baowu; Baosteel | zh: 宝武钢铁; 宝钢
zijin | Zijin Mining | *: Zijin Mining | zh: 紫金矿业
hesai | Hesai Technology | *: Hesai | zh: 禾赛科技
robosense | RoboSense | *: RoboSense | zh: 速腾聚创
pony-ai | Pony.ai | *: Pony.ai | zh: 小马智行
weride | WeRide | *: WeRide | zh: 文远知行
ubtech | UBTech Robotics | *: UBTech Robotics; UBTech | zh: 优必选
agibot | AgiBot | *: AgiBot; Zhiyuan Robotics | zh: 智元机器人
fourier | Fourier Intelligence | *: Fourier Intelligence | zh: 傅利叶智能
alibaba-cloud | Alibaba Cloud | *: Alibaba Cloud; Aliyun | zh: 阿里云
"""

POLICIES = """
talent | Talent attraction | en: talent attraction; talent policy; talent policies; PhD housing subsidy; salary subsidy; salary subsidies; hukou reform | fr: attraction des talents; politique des talents; politiques des talents; subventions salariales; réforme du hukou | zh: 人才政策; 人才引进; 户籍改革; 博士住房补贴
tax | Tax incentives | en: tax incentive; tax incentives; tax break; tax breaks; tax exemption; tax exemptions | fr: incitation fiscale; incitations fiscales; exonération fiscale; exonérations fiscales; taux d'imposition préférentiel; taux d’imposition préférentiel | zh: 税收优惠; 减税降费; 税收减免
land-rent | Land and rent subsidies | en: land subsidy; land subsidies; rent subsidy; rent subsidies; rent-free office space | fr: subventions foncières; aide au loyer; aides au loyer; bureaux gratuits | zh: 土地补贴; 租金补贴; 免租办公
rnd-subsidy | R&D subsidies | en: R&D subsidy; R&D subsidies; research grant; research grants; innovation voucher; innovation vouchers | fr: subvention à la R&D; subventions à la R&D; chèque innovation; chèques innovation | zh: 研发补贴; 科研经费; 创新券
guidance-fund | Government guidance funds | en: government guidance fund; government guidance funds; guidance fund; guidance funds; industrial investment fund; industrial investment funds | fr: fonds d'orientation; fonds d’orientation; fonds industriel; fonds industriels | zh: 政府引导基金; 产业投资基金; 引导基金
loans | Low-interest loans | en: low-interest loan; low-interest loans; subsidized credit; policy bank lending | fr: prêt à taux bonifié; prêts à taux bonifié; crédit subventionné | zh: 低息贷款; 贴息贷款; 政策性贷款
parks | Industrial parks and characteristic towns | en: industrial park; industrial parks; characteristic town; characteristic towns; high-tech zone; high-tech zones | fr: parc industriel; parcs industriels; ville caractéristique; villes caractéristiques; zone de haute technologie; zones de haute technologie | zh: 产业园; 特色小镇; 高新区
procurement | Public procurement | en: public procurement; government procurement; government purchasing | fr: marchés publics; commande publique; achats publics | zh: 政府采购; 公共采购
admin-reform | Administrative and market-entry reform | en: administrative reform; administrative reforms; market-entry reform; administrative streamlining | fr: réforme administrative; réformes administratives; simplification administrative | zh: 放管服改革; 简政放权; 营商环境改革
export-controls | Export controls | en: export control; export controls; entity list; chip export controls | fr: contrôle des exportations; contrôles à l'exportation; contrôles à l’exportation; liste des entités | zh: 出口管制; 实体清单; 芯片出口管制
tariffs | Tariffs and trade defence | en: tariff; tariffs; import duties; anti-dumping duties | fr: droit de douane; droits de douane; tarifs douaniers; droits antidumping | zh: 关税; 反倾销税; 贸易壁垒
uni-industry | University-industry collaboration | en: university-industry collaboration; technology transfer; industry-university-research | fr: collaboration université-industrie; transfert de technologie; transferts de technologie | zh: 产学研合作; 技术转移; 产学研
incubation | Startup incubation | en: startup incubation; business incubator; business incubators; incubator; incubators; maker space; maker spaces | fr: incubation de startups; incubateur; incubateurs; espace de création | zh: 创业孵化; 孵化器; 众创空间
compute-vouchers | Computing-power vouchers | en: computing power voucher; computing power vouchers; compute voucher; compute vouchers | fr: bon de puissance de calcul; bons de puissance de calcul; subventions au calcul | zh: 算力券; 算力补贴
strategic-industries | Strategic emerging industries | en: strategic emerging industry; strategic emerging industries; Made in China 2025; future industry; future industries | fr: industries émergentes stratégiques; industries du futur | zh: 战略性新兴产业; 中国制造2025; 未来产业
consumer-subsidy | Consumer and trade-in subsidies | en: trade-in subsidies; consumer subsidies | fr: primes à la conversion; aides à l'achat; aides à l’achat | zh: 以旧换新; 消费补贴
"""

# The most frequent words of each language, most frequent first; the
# shuffled Debian word list follows them in the Zipf ranking.
FUNCTION_WORDS = {
    "en": """the of and to a in is that for it as was with be by on not he this are or
his from at which but have an they you were her she there been one all we their has
would when if can more will no so its into said some could them than other time what
about only up also may then new these two any first do like people out after over most
who years year made such where many our even because those through while much must
before should each well between both under how being since however very just own during
still same against here without another again around three later often number although
whose part among never every until several us less across upon near least along within
whether early once next high large small great long last few further second local old
major public recent whole likely certain clear full rather toward perhaps already
together almost enough quite""".split(),
    "fr": """de la le et les des en un une du est que pour qui dans a par sur pas au plus
ne se il ce avec sont son elle ou mais comme nous on sa ses aux leur y cette été tout
leurs ont être fait dont ces deux entre aussi peut sans même elles lui bien où encore
était avant depuis après très alors donc ainsi sous tous autres toute fois contre moins
selon notre nos vers chez dont déjà plusieurs chaque lors année années premier première
grand grande nouveau nouvelle autre cela celui celle ceux trois jamais toujours
souvent pendant parmi tandis lorsque puisque quelques certains certaines beaucoup peu
trop assez plutôt cependant pourtant enfin ensuite surtout mieux moins part côté rien
personne chose temps jour fin ans pays ville monde vie place fois suite cas point
nombre partie""".split(),
}

# Invented outlets: (name, domain).
SOURCES = [
    ("Harbour Ledger", "harbourledger.example"), ("Eastern Circuit", "easterncircuit.example"),
    ("Silk Wire", "silkwire.example"), ("The Delta Review", "deltareview.example"),
    ("Pearl River Dispatch", "prdispatch.example"), ("Yangtze Monitor", "yangtzemonitor.example"),
    ("Open Frontier Weekly", "openfrontier.example"), ("Capital & Code", "capitalcode.example"),
    ("Foundry Notes", "foundrynotes.example"), ("Le Courrier d'Asie", "courrierasie.example"),
    ("La Lettre du Pacifique", "lettrepacifique.example"), ("Atelier Numérique", "ateliernum.example"),
    ("Chronique Industrielle", "chroniqueindus.example"), ("L'Observateur Tech", "obstech.example"),
    ("Signal Asie", "signalasie.example"), ("东方观察", "dongfangguancha.example"),
    ("科技前哨", "kejiqianshao.example"), ("产业周刊", "chanyezhoukan.example"),
    ("财经快线", "caijingkuaixian.example"), ("城市动向", "chengshidongxiang.example"),
    ("Policy Lens Asia", "policylens.example"), ("Grid & Chip", "gridchip.example"),
    ("The Export Desk", "exportdesk.example"), ("Northern Terminal", "northernterminal.example"),
    ("Lantern Street Journal", "lanternstreet.example"), ("Market Tide", "markettide.example"),
    ("Workshop Asia", "workshopasia.example"), ("Bamboo Bytes", "bamboobytes.example"),
    ("Meridian Brief", "meridianbrief.example"), ("Coastline Economics", "coastline.example"),
]

HANZI_HEAD = """
的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方
多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情
明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给
世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太
量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象
完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济
车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚
请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历
首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音
跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值
仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤
素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担
州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控
税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮
露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康
虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣
择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸
诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞
努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振
染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵
"""

S2T_PAIRS = """
这這个個们們来來为爲国國说說时時会會对對于於过過发發后後里裏种種经經么麼学學现現当當没沒动動还還进進样樣开開从從实實军軍
无無与與长長机機关關点點业業将將两兩间間问問并並应應战戰头頭体體见見产產话話内內给給门門儿兒东東声聲员員论論处處义義几幾
认認条條气氣题題尔爾别別变變总總电電数數报報结結务務场場计計资資许許统統区區队隊决決马馬书書则則听聽却卻达達强強难難权權
设設记記类類据據边邊张張该該规規万萬觉覺术術领領确確传傳师師观觀让讓识識带帶导導争爭运運飞飛风風干幹联聯组組济濟车車亲親
极極办辦议議证證转轉准準远遠台臺单單罗羅爱愛击擊备備连連调調质質团團价價党黨华華级級离離况況亚亞请請际際约約复復线線断斷
满滿视視须須写寫称稱吗嗎轻輕农農装裝广廣显顯标標谈談吃喫图圖历歷医醫专專费費号號尽盡较較语語仅僅随隨选選红紅响響虽雖势勢
参參众衆构構节節维維划劃敌敵陈陳态態护護兴興验驗责責营營够夠严嚴续續讲講终終紧緊黄黃绝絕群羣项項围圍织織斗鬥双雙纪紀采採
举舉杀殺苏蘇诉訴细細愿願钱錢网網热熱属屬脸臉职職乐樂刚剛状狀独獨弹彈创創错錯兰蘭试試脑腦预預谁誰阳陽继繼惊驚伤傷药藥适適
卫衛险險陆陸习習劳勞财財环環纳納欢歡获獲负負云雲游遊龙龍树樹层層冲衝范範异異汉漢简簡担擔静靜积積余餘检檢灵靈协協占佔征徵
挥揮胜勝阶階审審坚堅妈媽刘劉读讀压壓银銀买買养養怀懷执執乱亂帮幫岁歲优優铁鐵税稅艺藝阵陣脚腳恶惡块塊顿頓岛島托託户戶评評
宝寶释釋顾顧货貨欧歐换換闻聞坏壞讨討丽麗监監临臨舰艦鱼魚杂雜误誤湾灣减減编編测測败敗梦夢温溫剑劍渐漸贵貴枪槍楼樓县縣画畫
遗遺秘祕谢謝鲁魯虑慮销銷钟鍾诗詩赶趕剧劇损損旧舊录錄叶葉乡鄉礼禮妇婦归歸饭飯额額顺順输輸摇搖脱脫补補谓謂疗療泽澤灭滅笔筆
鲜鮮词詞圣聖择擇寻尋厂廠烟煙诺諾伦倫奥奧卖賣载載宫宮阴陰园園谋謀荣榮孙孫顶頂镇鎮练練爷爺馆館础礎宁寧纸紙诸諸训訓庄莊丝絲
戏戲隐隱访訪软軟萨薩伙夥盘盤扩擴盖蓋稳穩亿億拥擁杨楊齐齊赛賽床牀虚虛购購扬揚绿綠贸貿毕畢轮輪库庫迹跡竞競弃棄伟偉缓緩潜潛
闪閃灯燈针針络絡纯純页頁杰傑筑築郑鄭贝貝吴吳圆圓残殘诚誠宽寬摆擺毁毀赵趙皑皚蔼藹碍礙肮骯袄襖坝壩罢罷颁頒绊絆绑綁镑鎊谤謗
剥剝饱飽鲍鮑辈輩钡鋇狈狽惫憊绷繃毙斃币幣闭閉辟闢贬貶辩辯辫辮鳖鱉瘪癟濒瀕滨濱宾賓摈擯饼餅拨撥钵鉢铂鉑驳駁蚕蠶惭慚惨慘灿燦
苍蒼舱艙仓倉沧滄厕廁侧側册冊诧詫搀攙掺摻蝉蟬馋饞谗讒缠纏铲鏟阐闡颤顫尝嘗偿償肠腸畅暢钞鈔彻徹尘塵衬襯撑撐惩懲骋騁痴癡迟遲
驰馳耻恥齿齒炽熾虫蟲宠寵畴疇踌躊筹籌绸綢丑醜橱櫥厨廚锄鋤雏雛储儲触觸疮瘡闯闖锤錘唇脣绰綽辞辭赐賜聪聰葱蔥囱囪丛叢凑湊蹿躥
窜竄贷貸郸鄲掸撣胆膽惮憚诞誕挡擋荡蕩档檔捣搗祷禱盗盜邓鄧涤滌递遞缔締颠顛垫墊淀澱钓釣谍諜叠疊钉釘锭錠订訂丢丟栋棟冻凍犊犢
赌賭镀鍍锻鍛缎緞兑兌吨噸钝鈍夺奪堕墮鹅鵝讹訛饿餓饵餌贰貳罚罰阀閥珐琺矾礬钒釩烦煩贩販纺紡诽誹废廢纷紛坟墳奋奮愤憤粪糞丰豐
枫楓峰峯锋鋒疯瘋冯馮缝縫讽諷凤鳳肤膚辐輻抚撫辅輔赋賦讣訃缚縛钙鈣秆稈赣贛冈岡钢鋼纲綱岗崗杠槓镐鎬搁擱鸽鴿阁閣铬鉻龚龔巩鞏
贡貢钩鉤沟溝蛊蠱雇僱剐剮挂掛惯慣贯貫龟龜闺閨轨軌诡詭柜櫃刽劊辊輥滚滾锅鍋骇駭韩韓阂閡鹤鶴贺賀横橫恒恆轰轟鸿鴻壶壺沪滬哗譁
唤喚痪瘓焕煥涣渙谎謊辉輝贿賄秽穢烩燴汇匯讳諱诲誨绘繪荤葷浑渾祸禍饥飢讥譏鸡雞绩績缉緝辑輯挤擠蓟薊剂劑夹夾荚莢颊頰贾賈钾鉀
驾駕歼殲笺箋艰艱缄緘茧繭碱鹼硷礆拣揀捡撿俭儉荐薦槛檻鉴鑑践踐贱賤键鍵饯餞溅濺涧澗浆漿蒋蔣桨槳奖獎酱醬胶膠浇澆骄驕娇嬌搅攪
铰鉸矫矯侥僥饺餃缴繳绞絞轿轎洁潔诫誡届屆锦錦谨謹晋晉烬燼劲勁荆荊茎莖鲸鯨颈頸镜鏡径徑痉痙净淨纠糾厩廄驹駒锯鋸惧懼鹃鵑绢絹
诀訣钧鈞骏駿凯凱颗顆壳殼课課垦墾恳懇抠摳裤褲夸誇侩儈矿礦旷曠亏虧岿巋窥窺馈饋溃潰阔闊蜡蠟腊臘莱萊赖賴蓝藍栏欄拦攔篮籃阑闌
澜瀾谰讕揽攬览覽懒懶缆纜烂爛滥濫捞撈涝澇镭鐳垒壘泪淚厘釐篱籬鲤鯉栗慄厉厲励勵砾礫沥瀝隶隸俩倆莲蓮镰鐮怜憐涟漣帘簾敛斂链鏈
恋戀炼煉粮糧凉涼辆輛谅諒辽遼镣鐐猎獵邻鄰鳞鱗凛凜赁賃龄齡铃鈴岭嶺馏餾聋聾咙嚨笼籠垄壟拢攏陇隴娄婁搂摟篓簍芦蘆卢盧颅顱庐廬
炉爐掳擄卤滷虏虜赂賂禄祿驴驢吕呂铝鋁侣侶屡屢缕縷滤濾峦巒挛攣孪孿滦灤抡掄仑侖沦淪纶綸萝蘿逻邏锣鑼箩籮骡騾骆駱玛瑪码碼蚂螞
骂罵麦麥迈邁脉脈瞒瞞馒饅蛮蠻谩謾猫貓锚錨铆鉚霉黴镁鎂闷悶锰錳谜謎弥彌觅覓幂冪绵綿缅緬庙廟悯憫闽閩鸣鳴铭銘谬謬亩畝呐吶钠鈉
挠撓恼惱闹鬧馁餒拟擬腻膩撵攆酿釀鸟鳥聂聶啮齧镊鑷镍鎳柠檸狞獰拧擰泞濘钮鈕纽紐脓膿浓濃疟瘧鸥鷗殴毆呕嘔沤漚庞龐抛拋赔賠喷噴
鹏鵬骗騙飘飄频頻贫貧苹蘋凭憑泼潑颇頗扑撲铺鋪仆僕朴樸谱譜栖棲凄悽脐臍骑騎岂豈启啓讫訖牵牽钎釺铅鉛迁遷签籤谦謙钳鉗浅淺谴譴
堑塹呛嗆墙牆蔷薔抢搶锹鍬桥橋乔喬侨僑翘翹窍竅窃竊钦欽寝寢氢氫倾傾顷頃庆慶琼瓊穷窮趋趨躯軀驱驅龋齲颧顴劝勸鹊鵲饶饒扰擾绕繞
韧韌纫紉绒絨锐銳闰閏润潤洒灑鳃鰓叁叄伞傘丧喪骚騷扫掃涩澀刹剎纱紗筛篩晒曬删刪陕陝赡贍缮繕赏賞烧燒绍紹赊賒摄攝慑懾绅紳婶嬸
肾腎渗滲绳繩狮獅湿溼尸屍虱蝨蚀蝕驶駛饰飾寿壽兽獸枢樞赎贖竖豎帅帥硕碩烁爍饲飼耸聳怂慫颂頌讼訟诵誦擞擻肃肅绥綏笋筍缩縮琐瑣
锁鎖獭獺挞撻摊攤贪貪瘫癱滩灘坛壇谭譚叹嘆汤湯烫燙涛濤绦絛腾騰誊謄锑銻屉屜贴貼厅廳烃烴铜銅秃禿涂塗颓頹蜕蛻鸵鴕驮馱驼駝椭橢
洼窪袜襪弯彎顽頑韦韋违違潍濰苇葦伪僞纬緯纹紋瓮甕挝撾蜗蝸涡渦窝窩卧臥呜嗚钨鎢乌烏诬誣芜蕪坞塢雾霧锡錫牺犧袭襲铣銑虾蝦辖轄
峡峽侠俠狭狹厦廈吓嚇锨鍁纤纖咸鹹贤賢衔銜闲閒献獻馅餡羡羨宪憲厢廂镶鑲详詳萧蕭嚣囂晓曉啸嘯蝎蠍挟挾携攜胁脅谐諧泻瀉锌鋅衅釁
凶兇汹洶锈鏽绣繡嘘噓叙敘绪緒轩軒悬懸癣癬绚絢勋勳熏燻询詢驯馴讯訊逊遜鸦鴉鸭鴨哑啞讶訝阉閹盐鹽岩巖颜顏阎閻艳豔厌厭砚硯彦彥
谚諺鸯鴦疡瘍痒癢瑶瑤尧堯遥遙窑窯谣謠铱銥颐頤仪儀蚁蟻忆憶诣詣谊誼译譯绎繹荫蔭饮飲樱櫻婴嬰鹰鷹缨纓莹瑩萤螢荧熒蝇蠅赢贏颖穎
哟喲佣傭痈癰咏詠涌湧忧憂邮郵铀鈾犹猶诱誘舆輿渔漁娱娛屿嶼郁鬱吁籲狱獄誉譽驭馭鸳鴛渊淵辕轅缘緣跃躍钥鑰岳嶽粤粵悦悅阅閱郧鄖
匀勻陨隕蕴蘊酝醞晕暈韵韻灾災攒攢暂暫赞贊赃贓脏髒凿鑿枣棗皂皁灶竈贼賊赠贈轧軋铡鍘闸閘栅柵诈詐斋齋债債毡氈盏盞斩斬辗輾崭嶄
栈棧绽綻涨漲帐帳账賬胀脹蛰蟄辙轍锗鍺贞貞侦偵诊診挣掙睁睜狰猙帧幀挚摯掷擲帜幟滞滯肿腫诌謅轴軸皱皺昼晝骤驟猪豬诛誅烛燭瞩矚
嘱囑贮貯铸鑄驻駐砖磚赚賺桩樁妆妝壮壯锥錐赘贅坠墜缀綴谆諄浊濁兹茲咨諮渍漬踪蹤综綜纵縱邹鄒诅詛钻鑽哔嗶锂鋰
"""

NOT_FIXED = "乾"
