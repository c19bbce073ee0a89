"""The official's own words (issue 15), on the real records (the repo's index): colloquial
words, lists, table values, and near misses refused with what the documents do hold."""

from __future__ import annotations

import pytest

from assistant.text import compact

pytestmark = pytest.mark.slow


def head(answer, n: int = 160) -> str:
    return compact(answer.answer)[:n]


@pytest.mark.parametrize(("question", "cited", "says"), [
    ("2022年广州建碧道那项任务归谁管？", ("穗府〔2022〕2号", "161"), "市水务局"),  # 建碧道 -> 碧道
    ("环卫工人加班费怎么算？", ("穗府办规〔2024〕3号", None), "150%"),  # 加班费 -> 加班…工资
    ("2022年广东要办第几届广交会？", ("粤府〔2022〕13号", "55"), "第131、132届"),  # two ordinals in one
    ("24年广州社零增速目标是多少？", ("穗府〔2024〕1号", "3"), "5.5%"),  # 社零 = 社会消费品零售
    ("十四五末一次能源消费里，烧煤的比重要压到多少？", ("广东省十四五规划纲要", None), "31%"),  # 一次 read as 1次 on both sides
    ("2023年城里生活污水管子要新铺多少公里？", ("粤府〔2023〕18号", "117"), "3400公里"),  # 管子 -> 管网
    ("2023年全省粮食产量定多少？这摊子事哪位省领导在管？", ("粤府〔2023〕18号", "10"), "陈良贤"),  # 这摊子事: this one
    # "主要负责人是谁" frames a who-ask: the same row, not an ask of its own
    ("2023年粤菜师傅培训要搞多少人次？牵头部门主要负责人是谁？", ("粤府〔2023〕18号", "民生实事-1"), "杨红山"),
    # 增城 is no place in "新增城镇" (a place begins a word of the question)
    ("2023年全省要新增城镇生活污水管网多少公里？", ("粤府〔2023〕18号", "117"), "3400公里"),
    # 合计 frames a total ("共计不低于2400元"); 个人 is the documents' 职工
    ("环卫工人节日慰问金一年合计至少多少钱？", ("穗府办规〔2024〕3号", None), "2400元"),
    ("环卫工人住房公积金，个人缴存比例最低是多少？", ("穗府办规〔2024〕3号", None), "7%"),
    # 粤东西北 = 粤东粤西粤北 (a region the question names must be the sentence's)
    ("农房管控工程里，粤东西北的存量农房要有多大比例完成微改造？", ("广东省十四五规划纲要", None), "60%"),
    # a unit's head asked: the people an annex row prints for the unit it leads
    ("团省委的主要负责人是谁？", ("粤府〔2023〕18号", "民生实事-29"), "冉波"),
    # "规划纲要水利工程里": where to look, not the thing asked
    ("规划纲要水利工程里，生态海堤要推进多少公里达标建设？", ("广东省十四五规划纲要", None), "1800公里"),
    # a colloquial verb counts in picking the sentence as the documents' word for it (涨: 增长)
    ("十四五时期全省GDP每年能涨多少？", ("广东省十四五规划纲要", None), "5.0左右"),
    # 大专 is the documents' 大学专科 (a short form of the data file)
    ("大专学历的环卫工，学历补贴每月多少？", ("穗府办规〔2024〕3号", None), "200元/月"),
    # the unit reported to is the one the rule names: the monthly day is answered
    ("地级以上市每个月几号前把上月留存资金分配情况报给省人社厅？", ("穗府办规〔2022〕3号", None), "每月10日前"),
    # a death the rule does name (人员伤亡) is no uncovered event: 死了人 is answered
    ("充电桩着火死了人，哪些部门来调查处理？", ("穗工信规字〔2022〕1号", None), "调查处理"),
    # "补贴发多少户" counts households: no money form
    ("2023年城镇住房保障家庭租赁补贴发多少户？", ("粤府〔2023〕18号", "民生实事-10"), "3万户"),
    # two figure asks of one task: a sentence each
    ("23年省里用技改资金推动多少家工业企业搞设备更新技改？小升规目标又是多少家？", ("粤府〔2023〕18号", "29"), "7000家以上"),
    # "2023年…里，" names the document, no total to break down; the Nth working day is a day
    ("2023年分工方案里，省十件民生实事的落实情况每次要在几号前报？", ("粤府〔2023〕18号", None), "每月第3个工作日前"),
    # the list stands under a heading that names the topic ("4. 汕潮揭都市圈。包括…")
    ("五大都市圈里，汕潮揭都市圈包括哪些地方？", ("广东省十四五规划纲要", None), "梅州都市区"),
    # a yes/no ask whose condition words stand in the cited passage (运营企业), if not in the sentence quoted
    ("充电运营企业不执行停用决定的话，区政府可不可以通知有关单位给场站停止供电？", ("穗工信规字〔2022〕1号", None), "停止供电"),
    # a may-or-must ask whose words the rule holds (留用地) is answered
    ("留用地被征收的话，还要计提征地社保费吗？", ("穗府办规〔2022〕3号", None), "不计提征地社保费"),
    # what is added, asked and printed (no whole asked)
    ("2023年全省新增的垃圾焚烧处理能力是每天多少吨？", ("粤府〔2023〕18号", "121"), "4000吨/日"),
    # 断电 is the documents' 停止供电, 告诉 their 通知
    ("区里要是决定给充电站断电，得提前多久告诉运营企业？", ("穗工信规字〔2022〕1号", None), "24小时"),
    # an amount said to be exceeded is just over it: the row above 50万元/亩
    ("区片价一亩超过50万的话，广州按多少比例计提征地社保费？", ("穗府办规〔2022〕3号", None), "10%"),
    # a rate per 千人 asked and printed; 医生 is the documents' 医师
    ("十四五末每千人口的医生数要达到多少？", ("广东省十四五规划纲要", None), "3.15人"),
    # a yes/no ask's adverbs and counts of time set no condition; 车里 is the documents' 车内
    ("给电动汽车充电期间，人能不能待在车里？", ("穗工信规字〔2022〕1号", None), "严禁车内乘坐人员"),
    ("环卫工已经安排了补休，休息日上班还要不要给200%工资？", ("穗府办规〔2024〕3号", None), "不能安排补休"),
    ("环卫工加班一个月能不能超过36个小时？", ("穗府办规〔2024〕3号", None), "每月不得超过36小时"),
    # the asker's own persons set no case; 几个点 asks a share
    ("我们区就一个区片价，平均区片价还用另外核定吗？", ("穗府办规〔2022〕3号", None), "其区片价为该区的平均区片价"),
    ("住房公积金单位最低缴几个点？", ("穗府办规〔2024〕3号", None), "不低于7%"),
    # an either-or option named by its printed words (划到: the asker's own; 本人)
    ("被征地农民已经在领职工养老金了，征地社保费是划到账户里还是给本人？", ("穗府办规〔2022〕3号", None), "一次性支付本人"),
    # what is said of 企事业单位 is said of a 公司 (the data file's [covers])
    ("环卫公司和工人只签了劳务合同，这些人算不算意见里说的环卫工人？", ("穗府办规〔2024〕3号", None), "劳务合同"),
    # "保存几年" is a span asked in years: 两个年度周期 is one
    ("专用充电设施的月度安全自查报告要保存几年？", ("穗工信规字〔2022〕1号", None), "两个年度周期"),
])
def test_colloquial_words_find_the_task_or_clause(full_assistant, question, cited, says):
    a = full_assistant.ask(question)
    assert a.answerable and says in compact(a.answer)
    assert (a.citations[0].doc_id, a.citations[0].task_no) == cited


def test_which_districts_quotes_the_enumeration_not_a_task_naming_the_zone(full_assistant):
    a = full_assistant.ask("广清接合片区，广州这边包括哪几个区？")
    assert a.answerable and all(d in head(a) for d in ("增城区", "花都区", "从化区"))
    assert a.citations[0].task_no is None and "专栏13" in a.citations[0].section


def test_where_ask_quotes_the_sentence_naming_the_places(full_assistant):
    a = full_assistant.ask("十四五规划的抽水蓄能电站建在哪些市？")  # 专栏7, not the plan's prose
    assert a.answerable and all(c in head(a, 80) for c in ("阳江", "梅州", "惠州", "云浮", "肇庆"))


@pytest.mark.parametrize(("question", "row", "not_row"), [
    ("9万元一亩的地征地社保费属于哪一档？", "第三档", "第二档"),
    ("广州征地，平均区片价50万元/亩以上的计提比例是多少？", "第十一档", "第十档"),
])
def test_table_row_by_value(full_assistant, question, row, not_row):
    a = full_assistant.ask(question)
    assert a.answerable and head(a).startswith(row) and not_row not in head(a)
    assert a.citations[0].section.endswith(row)


@pytest.mark.parametrize(("question", "named", "related"), [
    ("环卫工人的夜班津贴是多少？", "夜班津贴", ("岗位津贴", "高温津贴")),
    ("环卫工人的交通补贴每月多少钱？", "交通补贴", ()),
    ("环卫工职业技能等级补贴，特级技师一个月补多少？", "特级技师", ()),  # a kind never printed
    ("充电设施违规的罚款是多少？", "罚款", ("第九条（充电设施",)),  # a bare article number with its opening words
    # a may-or-must ask's condition that the rule quoted does not speak of (the documents print 试用期 elsewhere)
    ("环卫工人还在试用期的话，节日慰问金能不能打折发？", "试用期", ("节日慰问金",)),
    ("外省户籍的环卫工人，能不能领工龄工资？", "户籍", ()),
    ("环卫工人高中学历的，学历补贴参考标准每月多少？", "高中学历", ("设立学历补贴",)),  # 专科/本科 printed: siblings
    ("村里的宅基地被征收，也要计提征地社保费吗？", "宅基地", ()),  # "也要…吗" and "有没有…要求" are rule yes/no asks
    ("充电桩要是装在地下停车场，办法有没有特别的防火要求？", "地下", ()),
])
def test_near_miss_names_what_is_not_stated_and_what_is(full_assistant, question, named, related):
    a = full_assistant.ask(question)
    assert not a.answerable and not a.citations
    assert f"没有规定“{named}”" in a.answer and all(r in a.answer for r in related)


@pytest.mark.parametrize(("question", "asked", "other"), [
    ("十四五规划里全省智能工厂要建多少家？", "智能工厂", "灯塔工厂"),  # the 5家 are 灯塔工厂
    ("自用充电设施的周巡查记录要保存多久？", "自用充电设施", "专用充电设施"),  # 公用、专用 ones
    ("十四五规划对臭氧浓度定了降到多少微克/立方米？", "臭氧浓度", "平均浓度"),  # the number is PM2.5's
    ("规划里省域高水平高职院校建多少所？", "高职院校", "双高院校"),  # the 14所 are 国家级“双高”院校
    ("私人自用的充电桩，安全巡查记录要保存多久？", "自用的充电桩", "专用充电设施"),  # 的 between; named to the word's end
])
def test_near_miss_names_the_other_kind_stated(full_assistant, question, asked, other):
    a = full_assistant.ask(question)
    assert not a.answerable and not a.citations
    assert f"没有写明“{asked}”的所问事项" in a.answer and f"写的是“{other}”的" in a.answer


@pytest.mark.parametrize("question", [
    "广东省十四五期间每年新增高标准农田多少亩？",  # the plan states no number for it
    "白云机场T3航站楼哪一年能投入使用？",  # the task says 主体结构封顶, no year
    "十四五期间全省耕地保有量要守住多少万公顷？",  # only the 十三五 table has a figure
    "2024年广州汽车出口要达到多少亿美元？",  # "10万+" counts cars, no amount in 亿
    "2024年那18家组建研究型医院联盟的医院是哪几家？",  # the task counts them, names none
    "充电监控系统报警后，运营企业多少分钟内要到现场？",  # no time limit in minutes
    "广州环卫行业协会的会长是谁？",  # the notice sets the association's duties, names no one
    "2022年广州推出的0.7万套公租房和共有产权住房中，公租房有多少套？",  # only the total is printed
    "征地社保工作联席会议由谁召集？",  # the notice sets up the meetings, says nothing of convening
    "被征地农民对补贴有异议向哪个部门申请复核？",  # no 复核 anywhere
    "充电站运营企业至少要配备几名专职安全员？",  # 配备专职安全员, no number
    "环卫工人的退休年龄有什么规定？",  # the notice sets 工龄, not a retirement age
    "环卫岗位津贴五类岗位每天补多少钱？",  # three tiers only
    "广州环卫技术工种人数占比27年要达到多少？",  # targets for 2025 and 2030
    "司法局局长免职后新任局长是谁？",  # a removal names no successor
    "陈勇任广州开发区管委会主任，任职时间从哪天开始算？",  # only 陈旭's 任职时间 is printed
    "李小琴免职以后，广州市农业农村局的新局长任命的是谁？",  # an appointment to another unit is no answer
    "广州环卫工冬天户外作业有没有防寒补贴？标准多少？",  # 标准 is the 防寒补贴's: one ask, refused
    "23年新增的64个社区心理关爱项目点分别在哪些社区？",  # counted, none named
    "24年分工表里那位'南沙区委主要领导'具体是谁？",  # the task names a title only
    "充电设施运营企业是不是必须投保安全生产责任险？",  # no document speaks of 投保
    "23年食品抽检要做到每千人5.5批次，这些抽检的经费由谁来出？",  # the task names who leads, not who pays
    "王焕清在广州市政府是什么职务？",  # a leader of tasks: no passage names a post for them
    "冼银崧任广州开发区管委会常务副主任，试用期定的多长？",  # only 陈旭's 试用期 is printed
    "广州市城市管理综合执法局的局长是谁？",  # a task lists the unit; no post holder is named
    "2022年全省一般公共预算支出要增长多少？",  # only 预算收入 has a target (支出 is tagged a verb)
    "十四五期间全省光伏发电装机要达到多少万千瓦？",  # 光伏 named, no figure (光伏 is tagged an abbreviation)
    "分管三大先行启动区的那位南沙区委主要领导，叫啥名字？",  # the task names a title, no one
    "2023年那100场粤贸全球境外展会，头一场在哪个国家办？",  # 国家级 is printed of another measure of the task
    "23年公益林补偿标准提高以前每亩补多少钱？",  # only the new standard (45元/亩) is printed
    "22年分管强化审计监督的郭永航是副市长吗？他是什么职务？",  # the tasks name him, no post
    "广州住宅小区装充电桩要不要业委会同意？",  # no document speaks of 同意
    "23年市场主体诉求响应平台要求诉求几个工作日内办结？",  # 限时办结, no number of 工作日
    "十四五规划表2里2025年地级以上城市空气质量优良天数比率的目标值是多少？",  # the row gives 2020 only
    "2023年民生实事表里，省财政厅主要负责人叫什么？",  # no row prints people for a unit it does not lead
    "12355青少年服务热线是不是24小时都有人接听？",  # no 24小时 is printed of the hotline
    "23年特困人员基本生活保障标准每月是多少元？",  # the row's 低保 amounts; 特困 is set as 1.6倍 of 低保
    "2022年广州全市一共要新建多少个口袋公园？",  # 每区新建3—5个 only
    "广州征地社保工作联席会议是哪位市领导召集的？",  # no task speaks of the 联席会议 (subject of a who-ask)
    "22年广州航空轮胎动力学大科学中心那项，配合单位都有谁？",  # the task lists none
    "2024年广州突出抓好的9类重点行业，具体是哪几类？",  # counted, none named
    "2023年省重点项目里制造业项目一共有多少个？",  # 50亿元 is money, no count of projects
    "2022年粤东粤西粤北行政村达到美丽宜居村标准的比例要到多少？",  # the 80% is 珠三角's
    "广州环卫工人的高温津贴，这份意见出台以前每月是多少？",  # only the standard it sets is printed
    "23年民生实事里的两癌免费筛查，是给多大年龄的妇女做的？",  # 适龄妇女, no age
    "环卫工人一年下来加班最多不能超过多少小时？",  # per day and per month only
    "广州环卫行业技术工种人数眼下占全部环卫工人多大比例？",  # targets for 2025 and 2030 only
    "2023年全省城镇登记失业率控制在多少以内？",  # the 5.5% is 调查失业率's
    "环卫工职业技能等级补贴，特级技师一个月补多少？",  # 特级 is printed nowhere (高级技师 is)
    "廖荣辉免职以后，市司法局局长谁来接？",  # a removal names no successor
    "2023年线上无理由退货承诺店要发展多少家？",  # 线下 ones are counted (线上线下: mates)
    "十四五规划里全省智能工厂要建多少家？",  # the 5家 are 灯塔工厂 (another 工厂 in the figure's clause)
    "区域性儿童福利设施每处要配多少张床位？",  # 床位 of 妇幼保健机构, in another 专栏
    "区属公园里的充电设施由哪个部门督促安全管理？",  # only 市属 ones are named (data-file siblings)
    "自用充电设施的周巡查记录要保存多久？",  # the 周巡查 is of 公用、专用 ones; 自用 is named elsewhere
    "2023年要求75岁以上老年人的医养结合服务率达到多少？",  # the rate is set for 65岁及以上
    "2022年广州推进的11个地铁项目分别是哪几个？",  # the task counts them, names none
    "2024年广州分工方案里，各牵头单位要在几号前把落实方案报市政府？",  # no date is set for it (各牵头单位: no who-ask)
    "2024年广州续建的那4个国铁项目，具体是哪4个？",  # counted beside 10个城际, none named
    "2023年我省负责对口合作的那8对革命老区城市都有哪几对？",  # a task answer: counted, none named
    "2025年全省每万人拥有的公共充电桩要达到多少个？",  # a total (约25万个) is printed, no rate per 万人
    "2022年广州那780个市重点项目的总投资是多少？",  # 年度投资3640亿元 is one year's
    "2023年全省城镇生活污水处理率要达到多少？",  # 新增…管网/处理规模 are amounts, no share
    "2024年广州发放1.8万户住房租赁补贴，补贴总金额是多少？",  # households, no money
    "2022年广州推进琶洲、生物岛等4家省实验室，另外2家叫什么？",  # only the two the ask names are listed
    "2024年广州新建60个三级名中医工作室，那一级名中医工作室要建几个？",  # the 60个 are 三级 (the ask's premise)
    "2023年重度残疾人护理补贴提高到261元，那轻度残疾人护理补贴每月多少？",  # 重度/中度/轻度: data-file siblings
    "到2025年全省要建成多少座加氢站？",  # the 4500座 are 充电站; no document prints 加氢站
    "2024年广州的地区生产总值总量要达到多少万亿？",  # a growth rate (5%) is printed, no total in 万亿
    "19年那会儿全省的研发投入强度是多少？",  # 2019: a year no document covers
    "省国资委牵头组建的那家大宗商品进出口公司，注册资本是多少？",  # 牵头 is the asker's premise, no who-ask
    "2024年广州筹建1万套配售型保障性住房，各区各自分多少套？",  # the city's total names no district
    # the day printed is for the cities' reports to the province, not a district's to the city
    "番禺区的留存资金分配情况每个月几号前报到市人社局？",
    # a member of a series (中专) the sentence does not print beside others it does (专科, 本科)
    "中专毕业的环卫工，学历补贴参考标准一个月多少钱？",
    # the amount of a fine the notice never sets
    "环卫公司克扣环卫工的高温津贴，按这个意见要罚多少钱？",
    # an event the rule does not name (the data file's [cases]), in a how/who ask
    "村里有位被征地的老人上个月过世了，他名下的征地社保费谁来领？",
    "充电站的运营公司宣告破产以后，站里充电桩的安全谁负责？",
])
def test_near_miss_is_refused(full_assistant, question):
    assert not full_assistant.ask(question).answerable


def test_a_document_named_by_its_title_scopes_the_question(full_assistant):
    a = full_assistant.ask("广州市电动汽车充电基础设施安全管理办法什么时候施行，有效期几年？")
    assert a.answerable and "2022年3月1日" in a.answer and "3年" in a.answer
    assert {c.doc_id for c in a.citations} == {"穗工信规字〔2022〕1号"}
    assert a.answer.split("来源")[0].count("第十九条") == 1  # one sentence answers both asks: said once
