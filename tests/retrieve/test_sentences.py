"""Sentence-level evidence and the near-miss rules, one row each (no index needed)."""

from __future__ import annotations

import pytest

from assistant.retrieve import sentences as S
from assistant.store.vocabulary import default_lexicon

UNITS = default_lexicon().units
VARIANTS = default_lexicon().unit_variants


@pytest.mark.parametrize(("ask", "unit"), [
    ("新增建设高标准农田多少亩", "亩"), ("2024年广州地区生产总值要达到多少亿元", "亿元"),
    ("每个要设多少张床位", "张"), ("至少要配几名专职安全员", "名"), ("一年搞几次", "次"),
    ("环卫工人一天最多上几个小时班", "小时"), ("广州有多少个", "个"), ("每月多少钱", ""),
    ("比例是多少", ""), ("能源综合生产能力是多少万吨标准煤", "万吨"),
    ("要扶持哪几家龙头企业", ""),  # "哪几家" asks for names, not a number of 家
    ("汽车出口按金额算是多少亿", "亿"), ("要新增就业多少万", "万"),  # a magnitude asks for one
    ("GDP总量目标要冲到多少万亿", "万亿"),
    ("发明专利总拥有量要到多少万件", "万件"), ("电池温度具体是超过多少度", "度"),
    ("报警以后多少分钟内要赶到现场", "分钟"),
])
def test_unit_asked(ask, unit):
    assert S.asked_unit(ask, UNITS) == unit


@pytest.mark.parametrize(("ask", "unit"), [
    ("要开展多少家政职业技能培训", ""),  # 家政 is a word: no unit 家
    ("每年要新增多少家高新技术企业", "家"),
])
def test_one_character_unit_is_a_word_of_its_own(ask, unit):
    import jieba

    assert S.asked_unit(ask, UNITS, words=jieba.lcut) == unit


@pytest.mark.parametrize(("text", "unit", "stated"), [
    ("新增建设高标准农田120万亩", "亩", True), ("地区生产总值增速不低于5%", "亿元", False),
    ("免费为64万名孕妇提供筛查", "人", True), ("年满16周岁以上的家庭成员", "岁", True),
    ("每月开展安全自查", "次", False), ("城镇调查失业率控制在5.5%以内", "%", True),
    ("分别于2023年7月10日、10月10日和2024年1月10日前报送", "次", True),  # dates count the times
    ("实施200个以上老旧小区改造项目", "个", True),
    # days may be printed as 日 or 工作日; a standard's number is no count of days
    ("在15个工作日内确定参保人员名单", "天", True), ("按照《电动汽车充电站设计规范》(GB 50966)要求建立监控系统", "天", False),
    # a count of cars is no amount in 亿
    ("实现汽车出口“10万+”目标", "亿", False), ("贷款余额达到30万亿元左右", "亿", True),
    # a degree of temperature as NFKC prints ℃; a total in 万亿 is no growth rate
    ("将作业场所温度降低到33°C以下的", "度", True), ("在检测到电池温度过高时报警", "度", False),
    ("地区生产总值达到14万亿元", "万亿", True), ("地区生产总值增速不低于5%", "万亿", False),
])
def test_amount_in_the_unit_asked(text, unit, stated):
    assert S.states_amount(text, unit, VARIANTS.get(unit, "")) is stated


@pytest.mark.parametrize(("question", "asks"), [
    ("有效期多长？待遇标准从什么时候开始执行？", ["有效期多长", "待遇标准从什么时候开始执行"]),
    ("专栏8水利重点工程中，生态海堤和大湾区堤防分别要建设多少公里？", ["专栏8水利重点工程中生态海堤和大湾区堤防分别要建设多少公里"]),
    ("新增建设高标准农田多少亩？谁牵头？", ["新增建设高标准农田多少亩", "谁牵头"]),
    ("谁负责粮食产量", ["谁负责粮食产量"]),
    # a condition with a question word ("whichever district") joins the ask after it
    ("哪个区要是执行两个以上区片价，多少天内公布？", ["哪个区要是执行两个以上区片价多少天内公布"]),
    ("哪个区执行两个以上区片价，多少天内公布？", ["哪个区执行两个以上区片价", "多少天内公布"]),
])
def test_asks_of_a_question(question, asks):
    assert S.asks_of(question) == asks


@pytest.mark.parametrize(("ask", "item"), [
    ("十四五规划专栏1提出加快建设哪些实验室", "实验室"), ("专栏12中的五大都市圈是指哪些", "都市圈"),
    ("被征地农民中哪些人纳入征地社保费补贴对象范围", ""), ("充电设施按建设类型分哪几类", ""),
])
def test_list_item_asked(ask, item):
    assert S.asked_item(ask) == item


@pytest.mark.parametrize(("text", "digits"), [
    ("工龄不满一年", "工龄不满1年"), ("两个月", "2个月"), ("十四五", "十四五"), ("第一年", "第1年"),
    ("每条产业链确定两至三家链主企业", "每条产业链确定2至3家链主企业"),  # a count before a classifier
    ("建设一批项目", "建设一批项目"), ("推动一家企业", "推动一家企业"),  # 一 before a classifier: no count
    ("三家庭", "三家庭"),
])
def test_counts_in_digits(text, digits):
    assert S.counts_in_digits(text) == digits


def test_best_prefers_the_sentence_with_the_amount_in_the_unit_asked():
    text = "修编高标准农田建设规划，确定2023—2030年各地新增和改造提升任务。新增建设高标准农田120万亩。"
    chosen = S.best([text], ["新增", "建设", "高标准", "农田", "提升"], lambda w: 1.0, want_number=True,
                    limit=1, unit="亩")
    assert chosen[0].text == "新增建设高标准农田120万亩。"


def test_enumerated_items_answer_a_list_ask():
    text = "1.广州都市圈。包括广州、佛山。2.深圳都市圈。包括深圳、东莞。3.珠江口西岸都市圈。包括珠海。"
    assert [s.text for s in S.list_items([text], "都市圈")] == ["1.广州都市圈。", "2.深圳都市圈。", "3.珠江口西岸都市圈。"]
    # "珠江口西岸都市圈都包括哪几个市": the cities are in the sentence after a heading, no 市 is a heading
    assert S.list_items([text], "市") == []
    assert [s.text for s in S.list_items(["1.广州市。2.深圳市。"], "市")] == ["1.广州市。", "2.深圳市。"]


def test_sentences_are_verbatim_substrings():
    text = "全省GDP年均增长5.0%左右。\n到2025年GDP约为14万亿元；人均超过10万元。"
    assert all(text[a:b] in text and text[a:b].strip() == text[a:b] for a, b in S.split(text))


@pytest.mark.parametrize(("ask", "item"), [
    ("广清接合片区，广州这边包括哪几个区？", "区"), ("有哪些呢", ""), ("包括哪些区", "区"),
])
def test_list_item_of_one_character(ask, item):
    assert S.asked_item(ask) == item


@pytest.mark.parametrize(("text", "item", "lists"), [
    ("广清接合片区：广州市增城区、花都区、从化区，清远市清城区", "区", True),
    ("推动国家城乡融合发展试验区广清接合片区建设，深入推进深汕特别合作区、广清经济特别合作区建设", "区", False),
    ("推动广清接合片区改革试验任务落地见效", "区", False),
    ("建设鹏城实验室、广州实验室", "实验室", True),
])
def test_sentence_enumerates_items(text, item, lists):
    assert S.lists(text, item) is lists


@pytest.mark.parametrize(("ask", "answer", "shows"), [
    ("白云机场T3航站楼哪一年能投入使用", "推动T3航站楼主体结构封顶", False),
    ("白云机场T3航站楼哪一年能投入使用", "T3航站楼2025年建成投用", True),
    ("每个试验区省里补助多少钱", "建设9个都市现代农业发展试验区", False),
    ("每个试验区省里补助多少钱", "每个试验区补助5000万元", True),
    ("高校毕业生要占多少", "新增城镇就业22.5万人", False),
    ("自用充电桩多久做一次安全检查", "每月开展一次自查", True),
    ("华南生物安全四级实验室建在哪个市", "支持建成华南生物安全四级实验室", False),
    ("每家省里给多少奖励", "力争年内认定10家以上跨国公司地区总部项目", False),
    ("住房租赁补贴一户一个月能领多少", "发放住房租赁补贴1.8万户", False),
    ("环卫工人的工龄工资最多能涨到多少", "环卫工人工龄每增加1年，工龄工资每月增加30元", False),
    ("工龄工资封顶是多少", "工龄工资最高不超过600元", True),
    ("制造业贷款要占多大比重", "金融机构本外币贷款余额达到30万亿元左右", False),
    ("50和85具体指的是什么比例", "巩固提升学前教育“5085”成果", False),
    ("征地社保费按啥比例提", "征地社保费计提比例12%", True),
    ("接他班的新局长是谁", "免去廖荣辉同志的广州市司法局局长职务", False),
    ("接他班的新局长是谁", "任命某某同志为广州市司法局局长", True),
    ("李某免职以后，市农业农村局新局长是谁", "免去李某同志的广州市农业农村局局长职务", False),
    ("李某免职以后，市农业农村局新局长是谁", "任命某某同志为广州市农业农村局局长", True),
    ("她不再担任委员了，接替她的是谁", "免去刘某同志的广州日报报业集团管委会委员职务", False),
    ("刘某不再担任管委会委员之后，是谁接的班？", "免去刘某同志的广州日报报业集团管委会委员职务", False),
    ("廖某免了之后，接任广州市司法局局长的是谁", "免去廖某同志的广州市司法局局长职务", False),
    ("农业农村局的新局长任命的是谁", "免去李某同志的广州市农业农村局局长职务", False),
    ("环卫行业协会的会长是谁", "环卫行业协会应当加强行业自律，制定并实施行规行约", False),
    ("开发区管委会主任是谁", "任命陈勇同志为广州开发区管委会主任", True),
    ("延长工作时间每天最多能加多少", "延长工作时间每日不得超过3小时", True),
    ("地磅计量工一天的岗位津贴是多少钱", "三类岗位：津贴标准(元/日)20，岗位明细…垃圾场地磅计量工", True),
    ("高温津贴每月最晚几号前要发", "我市高温津贴标准为每人每月300元", False),
    ("高温津贴每月最晚几号前要发", "于每月15日前发放", True),
    ("区政府没按时公布会受什么处罚", "应在本通知印发后10个工作日内核定并公布", False),
    ("区政府没按时公布会受什么处罚", "逾期未公布的，依法追究相关责任", True),
    ("5大广东国际医学中心，具体是哪5家", "积极创建卫生健康高质量发展示范省", False),
    ("五大都市圈分别是哪些", "培育壮大广州、深圳、珠江口西岸、汕潮揭、湛茂五大都市圈", True),
    # an ordinal is printed in Chinese numerals
    ("跟港澳一起筹备的是第几届全运会", "联合港澳推进第十五届全运会各项筹备工作", True),
    ("跟港澳一起筹备的是第几届全运会", "联合港澳推进全运会筹备工作", False),
    ("22年要办的是第几届广交会", "办好第131、132届广交会", True),  # several in one
    ("22年省里说要办好哪两届广交会", "办好第131、132届广交会", True),  # "哪两届" asks the ordinals too
    ("22年省里说要办好哪两届广交会", "支持广交会创新机制", False),
    ("在市人大常委会第几次会议上被免的", "广州市第十五届人民代表大会常务委员会第六十五次会议决定", True),
    # a chapter or section asked for is shown by its heading, not by another unit's
    ("专门讲建设海洋强省的是第几章", "第十三章 积极拓展蓝色发展空间全面建设海洋强省", True),
    ("专门讲建设海洋强省的是第几章", "第一节 大力实施海洋综合治理", False),
    ("哪一节讲海洋综合治理", "第一节 大力实施海洋综合治理", True),
    # a fee or fund counted asks for money
    ("广州一共筹集了多少征地社保费", "每征1亩地，原则上以不低于…的一定比例筹集征地社保费", False),
    ("广州一共筹集了多少征地社保费", "全年筹集征地社保费12.5亿元", True),
    # a date is no span; a post before or after is said as 原任 / 调任
    ("陈旭的任职试用期有多长", "陈旭同志任职试用期满，任职时间从2021年1月29日起计算", False),
    ("陈旭的任职试用期有多长", "任职试用期为1年", True),
    ("冼某某的试用期定的多长", "任职试用期为1年", True),  # a span asked however worded
    ("冼某某的试用期定的多长", "任命冼某某同志为广州开发区管委会常务副主任", False),
    ("冼银崧被任命前担任什么职务", "任命冼银崧同志为广州开发区管委会常务副主任", False),
    ("廖荣辉被免去司法局局长以后调任什么职务", "免去廖荣辉同志的广州市司法局局长职务", False),
    ("廖荣辉被免去司法局局长以后调任什么职务", "廖荣辉同志调任市政府副秘书长", True),
    # colloquial question words ask what their written forms ask: 啥时候 = 什么时候
    ("那个水库工程最晚啥时候开工", "推动水库扩建工程今年6月底前开工建设", True),
    ("那个水库工程最晚啥时候开工", "实施水利高质量发展蓝图", False),
    ("划进去以后从啥时候起按新标准发", "从次月起按新标准发放", True),
    ("补贴是每年哪几个月发", "每年6月至10月期间按月发放", True),  # months, not a list
    # "哪几个/哪几种" asks for a list of names, not a number
    ("要建成哪几个文化场馆", "建成广州文化馆、美术馆、粤剧院", True),
    ("要落实哪几种创业补贴", "落实创业扶持政策，完善创业服务", False),
    ("要遴选哪几类企业", "遴选行业领军企业、创新百强企业", True),  # (but "分哪几类" at the end: no form)
    # a named standard may be words: "参照高职院校的标准"
    ("技师学院的生均拨款参照什么标准", "推动技师学院按照高职院校的标准实行生均拨款工作", True),
    ("技师学院的生均拨款参照什么标准", "创建一批高水平技师学院", False),
    ("高温天中午几点到几点停工", "每年6月至10月期间从事露天岗位工作", False),
    ("高温天中午几点到几点停工", "12时至15时停止露天作业", True),
    ("产业链招商主要冲着哪几个国家", "面向德、法、英等国家开展产业链招商", True),
    ("保税物流中心选址在哪个镇", "谋划建设保税物流中心", False),
    ("那15项举措具体是哪些", "创新推进放宽市场准入与加强监管体制改革15项举措", False),
    ("给人口出生率定了什么目标", "完善生育登记服务制度，健全出生人口信息管理机制", False),
    ("给森林覆盖率定了什么目标", "森林覆盖率达到58.9%", True),
    ("给自贸区定了什么目标", "基本建成高水平对外开放门户枢纽", True),
    ("卫健委主任免了以后谁接任", "免去某某同志的广州市卫生健康委员会主任职务", False),
    ("卫健委主任免了以后谁接任", "任命某某同志为广州市卫生健康委员会主任", True),
    ("她不当局长以后，谁接了她的班", "免去某某同志的广州市农业农村局局长职务", False),
    ("被免去委员后，改任什么职务", "免去某某同志的管委会委员职务", False),
    ("第三方安全抽查的费用由谁出", "市工业和信息化部门不定期组织第三方专业技术机构进行安全抽查", False),
    ("环卫作业的钱谁来出", "所需经费列入部门预算", True),
    ("爱心驿站的建设费用由哪一级财政出", "所需经费由市、区财政按比例分担", True),  # a payer asked by level
    ("爱心驿站的建设费用由哪一级财政出", "设置环卫工人爱心驿站", False),
    # a year is no quantity
    ("年度攻关项目一共启动了多少个", "启动2022年度攻关项目", False),
    ("年度攻关项目一共启动了多少个", "完成2022—2025年技术攻关任务清单", False),
    ("年度攻关项目一共启动了多少个", "2022年启动攻关项目12个", True),
    # nor a date's month or day, nor a document's number; several dates count the times
    ("要扣减多少新增建设用地指标", "按照粤府办〔2021〕22号文，对2021年8月1日前已获批项目", False),
    ("要扣减多少新增建设用地指标", "扣减其下一年度新增建设用地指标100亩", True),
    ("分几回往督查室报落实情况", "分别于4月10日、7月10日和10月10日前报送省政府督查室", True),
    # the value before a change is answered by what it changed from
    ("公益林补偿标准提高之前原来每亩是多少钱", "将公益林补偿标准提高至45元/亩", False),
    ("城乡低保补差原来每月是多少元", "人均补差水平分别从每月653元、300元提高到676元、311元", True),
    # a person's post: an appointment, not the tasks the person oversees
    ("郭永航是副市长吗", "强化审计监督，由市审计局牵头、郭永航分管", False),
    ("他是什么职务", "任命冼银崧同志为广州开发区管委会常务副主任", True),
    # "哪几类" at the end asks for the kinds named
    ("充电设施按建设类型分哪几类", "充电设施按建设类型及使用性质分为公用、专用和自用充电设施", True),
    ("24年突出抓好的9类重点行业是哪几类", "突出抓好9类重点行业和10类特殊敏感场所安全防控", False),
    ("“1+14+15”政策体系里的14和15分别指哪些文件", "落实产业有序转移“1+14+15”政策体系", False),
    # an investment asked is an amount of money, not a count of projects
    ("病险水库除险加固工程364宗总投资多少", "推进病险水闸除险加固工程248宗", False),
    ("重点项目年度投资是多少", "对年度投资3640亿元的780个市重点项目实施攻城拔寨行动", True),
    # the value before a document or a year: what it changed from
    ("这个意见出台以前高温津贴每月是多少", "我市高温津贴标准为每人每月300元", False),
    ("23年以前是低保标准的几倍", "特困人员基本生活保障标准不低于当地最低生活保障标准的1.6倍", False),
    # where a person went after a removal: 调任 or the like, not the removal
    ("周亚伟不当管委会主任以后调到哪去了", "免去周亚伟同志的广州开发区管委会主任职务", False),
    ("周亚伟调任什么职务", "免去周亚伟同志的广州开发区管委会主任职务", False),  # asked without 以后
    ("周亚伟调任什么职务", "周亚伟同志调任某区区长", True),
    # an age: 岁, not a count of people (or a table's (岁) header)
    ("两癌免费筛查是给多大年龄的妇女做", "免费为超过50万名适龄妇女提供一次乳腺癌、宫颈癌筛查", False),
    ("两癌免费筛查是给多大年龄的妇女做", "为90个县（市、区）35-64岁妇女提供免费筛查", True),
    ("人均预期寿命实际到了多少岁", "人均预期寿命(岁)：2015年基期数77.1，“十三五”实际完成数2020年78.4", True),
    # "定了具体数吗" asks for a number
    ("给空气优良天数比率定了具体数吗", "全省空气质量优良天数比率完成国家下达任务", False),
    # a month's amount is no day of the month
    ("高温津贴一个月给多少", "我市高温津贴标准为每人每月300元", True),
    ("每次要在几号前报", "于每月第3个工作日前报送省政府督查室", True),  # the Nth working day of the month
    ("每次要在几号前报", "自2023年4月至2024年1月报送", False),
    # a day of every month: a monthly day, not a date
    ("各区每月几号前要报", "各地级以上市人民政府每月10日前向省人力资源社会保障厅报送", True),
    ("各区每月几号前要报", "对2021年8月1日前已获批征地项目的留存资金按月报送", False),
    # a successor named after the one who left
    ("接替廖荣辉当司法局局长的是谁", "创新行政执法方式，由市司法局牵头、张锐分管", False),
    ("廖荣辉免职以后，市司法局局长谁来接？", "免去廖荣辉同志的广州市司法局局长职务", False),
    ("廖荣辉免职以后，市司法局局长谁来接？", "任命某某同志为广州市司法局局长", True),
    ("李小琴免职以后，接任的农业农村局局长是谁", "免去李小琴同志的广州市农业农村局局长职务", False),
    # a growth: a rate or an amount of growth, not another number of the sentence
    ("制造业投资要增长多少", "对投资50亿元以上制造业重大项目进行重点跟踪", False),
    ("制造业投资要增长多少", "制造业投资增长10%以上", True),
    ("二氧化碳排放要降低多少", "单位地区生产总值二氧化碳排放降低(%)：（表2，约束性）", False),
    ("要扣减多少指标", "15：单位地区生产总值能源消耗降低(%)，约束性", False),  # a row's label is no amount
    # "补贴发多少户" counts households: no money form
    ("城镇住房保障家庭租赁补贴发多少户", "发放城镇住房保障家庭租赁补贴不少于3万户", True),
    # a total amount of money asked: a count of households is none
    ("发放住房租赁补贴1.8万户，补贴总金额是多少", "发放住房租赁补贴1.8万户", False),
    ("这笔资金总金额是多少", "安排资金3.2亿元", True),
    # a cap asked as a share: a floor is none
    ("单位缴存比例最高能缴到百分之几", "职工和单位的缴存比例均应当不低于7%", False),
    ("单位缴存比例最高能缴到百分之几", "缴存比例最高不超过12%", True),
    ("搞基础研究的钱要占多大比例", "投入基础研究的比例达到1/3以上", True),  # a fraction is a share
    ("单位这边最低按几个点缴", "单位的缴存比例均应当不低于7%", True),  # 几个点: percentage points
    ("单位这边最低按几个点缴", "按月缴存住房公积金", False),
    ("年度投资比上一年增长了百分之多少", "对年度投资3640亿元的780个市重点项目实施行动", False),
])
def test_answer_form(ask, answer, shows):
    form = S.answer_form(ask)
    assert form is not None and bool(form.search(answer)) is shows


@pytest.mark.parametrize(("ask", "count"), [
    ("具体是哪5家", 5), ("哪十个行动", 10), ("另外5个是什么", 5), ("哪十二个", 12), ("哪一类", 0), ("都是哪些", 0),
    # a count the ask printed before "哪几家", in the same classifier
    ("那18家高水平医院，都是哪几家", 18), ("建3个中心，分别在哪几个区", 0), ("那三个专项是哪几个", 3),
])
def test_a_list_ask_names_how_many(ask, count):
    assert S.listed_count(ask) == count


@pytest.mark.parametrize(("text", "count", "lists"), [
    ("加快国家医学中心、国家区域医疗中心和5大广东国际医学中心", 5, False),  # names the five, lists two
    ("组织实施“芯片设计与制造”“工业软件”“显示制造装备”等3个战略专项", 3, True),  # quoted items
    ("广州、深圳、珠海、佛山、东莞、中山、江门", 10, True),  # a long list is checked for six
])
def test_a_list_of_so_many(text, count, lists):
    assert S.lists_as_many(text, count) is lists


@pytest.mark.parametrize(("ask", "options"), [
    ("这些数据产品是免费的还是收费的？", ("免费", "收费")),
    ("充电桩是专用的还是公用的", ("专用", "公用")),
    ("什么时候开始执行", ()),
])
def test_options_of_an_either_or_ask(ask, options):
    assert S.options_asked(ask) == options


@pytest.mark.parametrize(("text", "besides", "answers"), [
    ("推进花都、番禺升级建设国家级经济技术开发区", "广州2024年哪两个区" + "广州市", True),
    ("加快推动13个联动发展区复制推广广东自贸试验区改革创新经验", "都是哪些地方" + "广东省", False),  # its document's
    ("支持广州建设国际消费中心城市", "广州要建哪个城市" + "广东省", False),  # the question's own
])
def test_a_where_ask_is_answered_by_another_place(text, besides, answers):
    assert S.names_other_place(text, ["广州", "花都", "番禺", "广东"], besides) is answers


def test_which_cities_is_a_place_ask_before_a_list_ask():
    assert S.asks_place("珠江口西岸都市圈都是哪些城市") and S.asks_place("双区指的是哪两个区")


@pytest.mark.parametrize(("ask", "place"), [
    ("那6个试点地区，分别是哪几个", True),  # places named before the question word
    ("这几个城市都是哪些", True),
    ("那几个示范区分别是哪些", False),  # a 区 of a programme is named by the programme, not a place
    ("要推进哪几个项目", False),
])
def test_places_named_before_which_ones(ask, place):
    assert S.asks_place(ask) is place


def test_a_place_is_asked_of_the_corpus_places():
    assert S.asks_place("华南生物安全四级实验室建在哪个市")  # the places come from the records (Context)
    assert S.asks_place("省里想在哪两个市搞自贸试验区的粤西片区")
    assert not S.asks_place("要报给哪两个市里的部门备案")  # 市里: the city government, not a place
    assert not S.answer_form("华南生物安全四级实验室建在哪个市").search("培育30个左右羊城夜市先行区")


@pytest.mark.parametrize(("ask", "text", "left"), [
    ("投资50亿元以上的制造业重大项目一共有多少个", "对投资50亿元以上制造业重大项目进行重点跟踪", "对投资亿元以上制造业重大项目进行重点跟踪"),
    ("一共有多少个", "共294个", "共294个"),
    ("计划哪一年获批挂牌", "出台《广东自贸试验区2022年制度创新事项清单》", "出台"),  # a cited title says no year
])
def test_numbers_of_the_question_do_not_answer_it(ask, text, left):
    assert S.without_numbers_of(ask, text) == left


@pytest.mark.parametrize("ask", ["谁负责粮食产量", "环卫工人工龄工资怎么算", "建设碧道是第几项任务",
                                 "征地社保费有零头怎么处理",
                                 "24年十五运会筹办工作是哪个市领导管的"])  # a person, no place
def test_no_answer_form(ask):
    assert S.answer_form(ask) is None


@pytest.mark.parametrize(("ask", "answer", "shows"), [
    ("明溪水库库容有多大", "新建深汕特别合作区明溪水库、河源市九潭水库等大型水库", False),
    ("2023年粮食产量目标是多少吨", "粮食产量1268万吨以上", True),
    ("12355热线每天几点到几点有人接听", "打造全省统一接听的12355青少年服务热线", False),  # a time form: no hour
])
def test_a_number_is_asked(ask, answer, shows):
    assert bool(S.answer_form(ask).search(answer)) is shows


@pytest.mark.parametrize(("ask", "item"), [
    ("广州都市圈把哪些城市划进去了", "城市"), ("抽水蓄能电站安排在哪些市建", "市"),
])
def test_list_item_before_a_verb(ask, item):
    assert S.asked_item(ask) == item


PERIODS = ("十三五", "十四五")
CHAPTER_1 = "第一章 “十三五”时期重大成就和“十四五”时期发展环境"


@pytest.mark.parametrize(("asked", "text", "section", "answers"), [
    (["十四五"], "21.耕地保有量(万公顷)：2015年基期数316.3", f"{CHAPTER_1} / 表1 广东省“十三五”规划纲要主要目标完成情况表 / 21.耕地保有量(万公顷)", False),
    (["十四五"], "常住人口城镇化率(%)：2025年74.8", "第二章 总体要求 / 表2 广东省“十四五”经济社会发展主要指标表", True),
    (["十四五"], "“十三五”期间累计完成造林1000万亩", "第二章 总体要求", False),  # the sentence itself names the other
    (["十四五"], "到2025年森林覆盖率达到58.9%", "第二章 总体要求 / 第四节 主要目标", True),  # names none
    ([], "21.耕地保有量(万公顷)：2015年基期数316.3", "表1 广东省“十三五”规划纲要主要目标完成情况表", True),
])
def test_the_plan_period_asked(asked, text, section, answers):
    assert S.same_period(asked, PERIODS, text, section) is answers


@pytest.mark.parametrize(("ask", "labels"), [("计提比例表第十二档的比例是多少", ["第十二档"]), ("第三档是多少", ["第三档"]),
                                             ("第十九条怎么规定", []), ("环卫岗位津贴里四类岗位一天补多少", ["四类"]),
                                             ("岗位津贴分为三类，哪两类最高", []), ("这三类津贴各多少", [])])
def test_a_tier_named_by_its_ordinal(ask, labels):
    from assistant.retrieve.context import ORDINAL_LABEL

    assert ORDINAL_LABEL.findall(ask) == labels


@pytest.mark.parametrize(("text", "sentence", "heading"), [
    ("1.“菜篮子”培育工程。建设高标准生态智慧“菜篮子”基地100个。2.“果盘子”提升工程。建设水果基地200个。",
     "建设水果基地200个。", "2.“果盘子”提升工程。"),
    ("1.“菜篮子”培育工程。建设高标准生态智慧“菜篮子”基地100个。", "建设高标准生态智慧“菜篮子”基地100个。",
     "1.“菜篮子”培育工程。"),
    ("建设高标准生态智慧“菜篮子”基地100个。", "建设高标准生态智慧“菜篮子”基地100个。", ""),  # nothing above
    ("1.“菜篮子”培育工程。", "不在这里", ""),
])
def test_heading_before_a_sentence(text, sentence, heading):
    assert S.heading_before(text, sentence) == heading


def test_a_bracketed_note_after_a_sentence_belongs_to_it():
    text = "免去周亚伟同志的广州开发区管委会主任职务。(穗人社任免〔2022〕9号)\n任命陈勇同志为主任。"
    assert [text[a:b] for a, b in S.split(text)] == [
        "免去周亚伟同志的广州开发区管委会主任职务。(穗人社任免〔2022〕9号)", "任命陈勇同志为主任。"]


@pytest.mark.parametrize(("question", "items"), [
    ("南沙那6个百亿级进口平台，除了冷链物流分拨中心、汽车贸易综合枢纽和湾区粮食分拨中心，另外3个是什么？",
     ["冷链物流分拨中心", "汽车贸易综合枢纽", "湾区粮食分拨中心"]),
    ("除韶关以外还有哪几个市？", ["韶关"]),
    ("6个百亿级进口平台是哪些？", []),
])
def test_items_the_question_sets_aside(question, items):
    assert S.excepted_items(question) == items


@pytest.mark.parametrize(("ask", "text", "per_item"), [
    ("广州全市加起来一共要新建多少个口袋公园", "每区新建3—5个口袋公园", True),
    ("广州每区要新建几个口袋公园", "每区新建3—5个口袋公园", False),  # the value per district is asked
    ("一共要新建多少个口袋公园", "全市新建口袋公园共计50个", False),
])
def test_a_total_is_not_answered_by_a_value_per_item(ask, text, per_item):
    assert S.per_item_for_a_total(ask, text) is per_item


@pytest.mark.parametrize(("ask", "text", "total"), [
    ("光春节那一回至少要发多少", "春节、劳动节、中秋节、国庆节、环卫工人节等节日每人发放慰问金共计不低于2400元。", True),
    # a year's total that frames the ask ("一年的…里") is not what it asks
    ("环卫工人一年的节日慰问金里春节那一次具体发多少钱", "春节、劳动节、中秋节、国庆节、环卫工人节等节日每人发放慰问金共计不低于2400元。", True),
    ("节日慰问金一共至少发多少", "春节、劳动节、中秋节、国庆节、环卫工人节等节日每人发放慰问金共计不低于2400元。", False),
    ("春节和中秋节各发多少", "春节、劳动节、中秋节等节日每人发放慰问金共计不低于2400元。", False),  # two named
    ("春节发多少", "春节每人发放慰问金不低于500元。", False),  # no total
])
def test_one_item_of_a_total(ask, text, total):
    assert S.one_of_a_total(ask, text) is total


@pytest.mark.parametrize("ask", ["环卫工人节日慰问金一年不低于多少", "过节的慰问金一年加起来最少给多少"])
def test_a_total_asked_is_answered_by_the_total(ask):
    text = "春节、劳动节、中秋节、国庆节、环卫工人节等节日每人发放慰问金共计不低于2400元。"
    assert not S.one_of_a_total(ask, text)


@pytest.mark.parametrize(("text", "town"), [
    ("加快推进阳江机场选址工作", False), ("城镇老旧小区改造", False), ("乡镇卫生院", False), ("各镇街道", False),
    ("落户在南沙区大岗镇", True), ("新塘镇", True),
])
def test_a_town_is_named_as_one(text, town):
    """"定在哪个镇" is answered by a named 镇 or 街道, not by its city or the word 城镇."""
    from assistant.retrieve.context import _TOWN
    assert bool(_TOWN.search(text)) is town


@pytest.mark.parametrize(("ask", "text", "answers"), [
    ("新建的20个旗舰中医馆，都落在哪几个区", "20个旗舰中医馆，创建全国基层中医药工作示范市", False),  # 全国 is no district
    ("广州这边包括哪几个区", "广州片区包括增城区、花都区、从化区", True),
    ("试点放在哪几个县", "支持梅县、大埔县开展试点", True),
    ("试点放在哪几个县", "推进县域经济发展", False),
    ("定在哪个镇", "落户在南沙区大岗镇", True),
    ("哪个区域的发展目标", "全国基层中医药工作示范市", True),  # no where-ask of a kind
    ("那10个无人农场分别落在哪些市", "打造10个粤港澳大湾区无人农场", False),  # a region is no city
    ("抽水蓄能电站安排在哪些市建", "建设阳江、梅州、惠州、云浮、肇庆抽水蓄能电站项目", True),
    ("哪些市场主体可以申请", "个体工商户", True),  # 市场 is no city
])
def test_a_where_ask_of_a_kind_wants_a_place_of_it(ask, text, answers):
    from assistant.retrieve.context import place_of_the_kind
    assert place_of_the_kind(ask, text, ("增城", "花都", "从化", "南沙"), ("广州", "阳江", "梅州", "惠州")) is answers


SECTION = "2023年省十件民生实事任务分解表 / 九、提高低保、特困人员、孤儿基本生活和残疾人两项补贴保障水平"
ORPHANS = "集中供养孤儿基本生活保障最低养育标准从每人每月1949元提高到2017元。"


@pytest.mark.parametrize(("nouns", "sibling"), [
    (["特困", "人员", "基本", "生活"], True),  # the sentence speaks of 孤儿, another item of the list
    (["低保"], True),  # the first item carries its verb (提高低保)
    (["孤儿", "基本", "生活"], False),  # the item asked about
    (["养育", "标准"], False),  # no item of the list asked about
])
def test_a_heading_listing_subjects_vouches_only_for_the_one_spoken_of(nouns, sibling):
    assert S.names_a_sibling(SECTION, ORPHANS, nouns) is sibling


def test_a_headings_enumerator_is_no_item_of_its_list():
    # "九、提高低保、…": the sentence on 低保 does not vouch for the 特困人员 of its heading
    low = "城乡低保对象最低生活保障人均补差水平分别从每月653元、300元提高到676元、311元；"
    assert S.names_a_sibling(SECTION, low, ["特困", "人员", "基本", "生活"])


@pytest.mark.parametrize(("text", "lists"), [
    ("3.维修工，包括电工、焊工、车辆修理工、作业设备维修工等；", True),
    ("环卫工人岗位分为一类岗位、二类岗位", True),
    ("扩大工业硅、碳酸锂期货期权上市成效", False),  # a list, but not of what something includes
    ("包括环卫工人", False),
])
def test_a_sentence_enumerating_what_something_includes(text, lists):
    """"维修工都包括哪些工种" is answered by "维修工，包括电工、焊工…", which never says 工种."""
    from assistant.retrieve.context import _ENUMERATES
    assert bool(_ENUMERATES.search(text)) is lists


@pytest.mark.parametrize(("text", "shown"), [
    ("免去廖荣辉同志的广州市司法局局长职务。(穗人社任免〔2022〕10号)", True),
    ("免去廖荣辉同志的广州市司法局局长职务。", False),
])
def test_a_document_number_asked_is_shown_by_its_printed_shape(text, shown):
    """"用的是哪个文号" is answered by a printed 文号, not by the word 文号."""
    from assistant.retrieve.context import PRINTED_KINDS
    assert bool(PRINTED_KINDS["文号"].search(text)) is shown


@pytest.mark.parametrize(("ask", "text", "part"), [
    ("0.7万套公租房和共有产权住房里，共有产权房占多少套", "筹集保障性租赁住房不少于13万套(间)，推出供应公租房和共有产权住房不少于0.7万套", True),
    ("0.7万套公租房和共有产权住房里，共有产权房占多少套", "推出公租房和共有产权住房0.7万套，其中共有产权住房0.2万套", False),  # broken down
    ("0.7万套公租房和共有产权住房是哪年推出的", "推出供应公租房和共有产权住房不少于0.7万套", False),  # no part asked
    ("新增城镇就业多少人", "城镇新增就业110万人", False),
    # a year is no total: "2023年分工方案里，" says which document
    ("2023年分工方案里，民生实事落实情况多久报一次", "自2023年4月至2024年1月，于每月第3个工作日前报送", False),
])
def test_a_part_of_a_quoted_total(ask, text, part):
    assert S.part_of_a_quoted_total(ask, text) is part


@pytest.mark.parametrize(("question", "asks_name"), [
    ("分管三大先行启动区的那位南沙区委主要领导，叫啥名字？", True),
    ("粮食产量的分管省领导是谁？", False),  # who, answered by a name or a title
    ("菜篮子工作分管的市领导叫什么名字？", True),
    ("那个平台叫啥名字？", False),  # a thing's name
    ("粮食产量由哪个部门牵头？", False),
])
def test_a_persons_name_asked(question, asks_name):
    from assistant.retrieve.context import NAME_ASKED
    assert bool(NAME_ASKED.search(question)) is asks_name


@pytest.mark.parametrize(("kind", "text", "refused"), [
    ("社区", "新增64个社区(村居)心理关爱项目点，开展老年人心理关爱行动", True),  # counted, none named
    ("医院", "遴选18家医院组建研究型医院联盟", True),
    ("区", "支持增城、从化、花都3个区建设", False),  # listed before the kind
    ("城市", "支持深圳、广州等5个城市创建", False),
    ("医院", "争取中山大学附属第一医院、省中医院获批建设国家医学中心", False),  # named, not counted
    ("项目", "推进10个重大项目：广湛高铁、深江铁路", False),  # listed after the kind
])
def test_a_kind_counted_but_not_listed(kind, text, refused):
    from assistant.retrieve.context import counted_not_listed
    assert counted_not_listed(kind, [text]) is refused


@pytest.mark.parametrize(("ask", "text", "same"), [
    ("环卫工一年下来加班总时长最多不能超过多少小时", "因特殊原因需要延长工作时间的，每月不得超过36小时", False),
    ("加班一个月最多能加多少个钟", "因特殊原因需要延长工作时间的，每月不得超过36小时", True),
    ("工龄15年以下每多一年涨多少", "工龄每增加1年，工龄工资每月增加30元", True),  # 每多一年 is a step, no period
    ("干满15年以后每多干一年工龄工资涨多少", "工龄每增加1年，工龄工资每月增加20元", True),  # 每多干一年 too
    ("高温津贴每月多少", "高温津贴发放标准为300元", True),  # the sentence names no period
])
def test_a_rate_per_the_period_asked(ask, text, same):
    assert S.same_rate(ask, text) is same


@pytest.mark.parametrize(("ask", "text", "present"), [
    ("技术工种眼下占全部环卫工人的比例是多少", "力争2025年我市环卫行业技术工种人数达到全部环卫工人的32%", False),
    ("技术工种占全部环卫工人的比例是多少", "力争2025年我市环卫行业技术工种人数达到全部环卫工人的32%", True),
    ("目前全省森林覆盖率是多少", "森林覆盖率(%)：2020年基期数58.66，2025年58.90", True),  # a base value is stated
])
def test_the_present_value_asked(ask, text, present):
    assert S.present_value(ask, text) is present


@pytest.mark.parametrize(("text", "counts"), [
    ("对投资50亿元以上制造业重大项目进行重点跟踪", False),  # money counts no projects
    ("城乡社区规范健康管理服务率超60%", False),
    ("新开工制造业项目300个", True),
    ("每区新建3—5个口袋公园", True),
])
def test_a_number_that_counts_things(text, counts):
    assert S.counts_things(text) is counts


@pytest.mark.parametrize(("text", "years", "gives"), [
    ("森林覆盖率(%)：2020年58.66，2025年58.90", ["2025年"], True),
    ("地级及以上城市空气质量优良天数比率(%)：2020年92.5（表2，约束性）", ["2025年"], False),  # 2020 only
    ("确保在2022年8月底前完成全部留存资金分配", ["2025年"], True),  # a date gives no value by year
    ("PM2.5年均浓度下降到22微克/立方米", ["2025年"], True),
])
def test_values_by_year_give_the_year_asked(text, years, gives):
    assert S.gives_the_years(text, years) is gives


# The sentence that names the kind asked for must speak of what the ask is about (index-free: IDF 1).
@pytest.mark.parametrize(("tokens", "kind", "sentences_around", "answers"), [
    # 国家级 is printed of 服务外包; the 展会 of the ask are in another sentence of the task
    (["100", "全球", "境外", "展会", "一场", "粤贸"], ["国家"],
     [(True, "提升广州、深圳、佛山国家级服务外包示范城市能级"), (False, "办好100场粤贸全球境外展会")], False),
    (["发现", "充电", "安全", "隐患", "百姓", "反映"], ["电话"],
     [(True, "社会公众可通过拨打投诉电话12345等方式，举报充电设施相关的安全隐患")], True),
    (["眼科", "医学", "中心", "依托"], ["医院"],
     [(True, "争取中山大学附属第一医院获批建设国家医学中心，推动国家眼科医学中心创建")], True),
    (["这回", "任命", "为啥", "冼银崧"], ["职务"], [(True, "任命冼银崧同志为广州开发区管委会常务副主任职务")], True),
    (["核电"], ["项目"], [(False, "推动太平岭核电二期核准")], False),  # no sentence names the kind
    ([], ["银行"], [(True, "过渡户开设在广州银行")], True),  # nothing else asked
])
def test_the_kind_is_named_of_the_subject(tokens, kind, sentences_around, answers):
    from assistant.retrieve.context import kind_on_subject
    assert kind_on_subject(tokens, kind, sentences_around, lambda t: 1.0, lambda w, text: w in text) is answers


@pytest.mark.parametrize(("question", "post"), [
    ("广州市城市管理综合执法局的局长是谁？", "局长"),  # who holds a unit's post: a task does not say
    ("十五运会和残特奥会广州赛区执委会的主任是谁？", "主任"),
    ("省卫生健康委的主要负责人是谁？", "主要负责人"),  # 2023 tasks print it: checked against the task
    ("广州环卫行业协会的会长叫什么？", "会长"),
    ("碧道建设那项的分管副市长是谁？", ""),  # who is in charge of the task: the task's leader
    ("牵头单位的主要负责人是谁？", "主要负责人"),  # the lead unit's head: printed by 2023 tasks only
    ("这项工作的负责人是谁？", ""),  # a bare 负责人 asks who is in charge
    ("粮食产量由哪位领导分管？", ""),
])
def test_the_holder_of_a_post_asked(question, post):
    from assistant.retrieve.context import post_asked
    assert post_asked(question) == post


@pytest.mark.parametrize(("leader", "person"), [
    ("王曦", True), ("陈良贤", True), ("南沙区委主要领导", False), ("区长", False), ("各区政府", False),
])
def test_a_leader_named_or_only_titled(leader, person):
    from assistant.retrieve.context import is_person_name
    assert is_person_name(leader, "王陈张李区南各") is person


def test_the_people_of_appointments_are_read_before_tongzhi():
    from assistant.records import Passage
    from assistant.retrieve.lexicon import appointees
    texts = ["任命陈某同志为广州开发区管委会主任", "免去冼某某同志的职务", "陈某某同志任职试用期满", "请各位同志注意"]
    passages = [Passage(str(i), "d", t, None, "") for i, t in enumerate(texts)]
    assert appointees(passages, "陈冼") == ["陈某", "冼某某", "陈某某"]  # not 命陈某, not 各位


@pytest.mark.parametrize(("text", "words", "places"), [
    ("2023年全省新增城镇生活污水管网多少公里", ["2023", "年", "全省", "新增", "城镇", "生活污水", "管网"], []),
    ("增城区新增多少个公园", ["增城区", "新增", "多少", "个", "公园"], ["增城"]),  # a place begins a word
])
def test_a_place_begins_a_word_of_the_question(text, words, places):
    from assistant.retrieve.context import places_beginning_words
    assert places_beginning_words(text, ("增城", "花都"), words) == places


@pytest.mark.parametrize(("ask", "flat", "unstated"), [
    ("热线是不是7×24小时都有人接", "打造全省统一接听的12355青少年服务热线", "24小时"),
    ("热线是不是24小时都有人接", "实现7×24小时响应接办", ""),  # printed
    ("热线24小时都有人接", "打造12355青少年服务热线", ""),  # no yes/no ask
    ("一个月能不能超过36个小时", "每月不得超过36小时", ""),  # one period: the frame of a rate
    ("是不是要按日工资的3倍补钱", "按照日工资收入的300%支付", ""),  # N倍 is N00%
    ("是不是要按日工资的3倍补钱", "按照日工资收入的200%支付", "3倍"),
    ("干了8个月，能不能算1年工龄", "累计6个月以上且不足1年的，视同1年工龄", ""),  # a bound in its unit
    ("干了8个月，能不能算1年工龄", "满1年的，工龄工资每月50元", "8个月"),
    # a month of the year is no quantity; 15天 falls under a bound the text sets
    ("7月份只上了15天班，还按一个月300块发吗", "实际工作天数少于21.75天的，按照实际工作天数发放，每月300元", ""),
    ("7月份只上了15天班，还按一个月300块发吗", "每月300元", "15天"),
])
def test_a_quantity_a_yes_no_ask_names_is_printed(ask, flat, unstated):
    from assistant.retrieve.context import unstated_quantity
    assert unstated_quantity(ask, flat) == unstated


@pytest.mark.parametrize(("tagged", "flat", "kind"), [
    ([("特级", "b"), ("技师", "n")], "职业技能二级/技师250元/月、职业技能一级/高级技师300元/月", "特级技师"),
    ([("中专", "j"), ("学历", "n")], "大学专科学历200元/月，大学本科及以上学历400元/月", "中专学历"),
    ([("高级", "b"), ("技师", "n")], "职业技能一级/高级技师300元/月", ""),  # printed
    ([("中专", "j"), ("学校", "n")], "大学专科学历200元/月", ""),  # the word after is not quoted
    ([("特级", "n"), ("技师", "n")], "高级技师300元/月", ""),  # a noun, no distinguishing word
    ([("整个", "b"), ("期间", "n")], "“十四五”期间投资约3.2万亿元", ""),  # a frame word
])
def test_a_kind_the_documents_never_print(tagged, flat, kind):
    from assistant.retrieve.focus import Tagged, unprinted_distinction
    printed = {"高级", "技师", "学历", "学校", "期间"}.__contains__
    assert unprinted_distinction([Tagged(*t) for t in tagged], printed, flat, frozenset({"整个"})) == kind


@pytest.mark.parametrize(("question", "roles"), [
    ("省教育厅主要负责人是谁？", ("主要负责人",)),
    ("团省委的分管负责人叫什么？", ("分管负责人",)),
    ("团省委的负责人都是谁？", ("主要负责人", "分管负责人")),
    ("谁负责粮食产量？", ()),
])
def test_the_people_of_a_unit_asked(question, roles):
    from assistant.retrieve.context import people_roles_asked
    assert people_roles_asked(question) == roles


@pytest.mark.parametrize(("lengths", "always", "kept"), [
    ([100, 100, 100], [], [0, 1]),  # up to about 240 characters
    ([100, 100, 100], [2], [0, 1, 2]),  # a second ask's best sentence is never cut
    ([300, 50], [], [0]),  # at least one, then nothing past the limit
    ([200, 100, 20, 50], [3], [0, 3]),  # past the limit only the always-kept follow
])
def test_each_ask_keeps_its_best_sentence(lengths, always, kept):
    from assistant.retrieve.context import _within

    picked = [S.Sentence(f"{i}" * n, 0, 1.0) for i, n in enumerate(lengths)]
    assert [picked.index(s) for s in _within(picked, 240, always=[picked[i] for i in always])] == kept


def test_an_item_of_a_total_is_named_as_whole_words():
    text = "春节、劳动节、中秋节、国庆节、环卫工人节等节日每人发放慰问金共计不低于2400元。"
    ask = "环卫工人节日慰问金里春节那一次单独发多少钱"
    words = ["环卫工人", "节日", "慰问金", "里", "春节", "那", "一次", "单独", "发", "多少钱"]
    assert not S.one_of_a_total(ask, text)  # 环卫工人节 read into 环卫工人节日: two items named
    assert S.one_of_a_total(ask, text, lambda a: words)  # 环卫工人 / 节日: only 春节


def test_qualifiers_the_documents_pair():
    mates = S.qualifier_mates(["推动线上线下融合发展", "公用、专用充电设施", "建设和改造"])
    assert mates["线上"] == {"线下"} and mates["公用"] == {"专用"} and "建设" not in mates  # no shared character


@pytest.mark.parametrize(("ask", "flat", "phrase"), [
    ("线上无理由退货承诺店要发展多少家", "新增放心消费承诺单位8000家，线下无理由退货承诺店3000家", "线上无理由退货承诺店"),
    ("线下无理由退货承诺店要发展多少家", "线下无理由退货承诺店3000家", ""),  # the kind printed
    ("线上线下无理由退货承诺店多少家", "线下无理由退货承诺店3000家", ""),  # the ask names the mate too
    ("线上服务平台建了几个", "线下无理由退货承诺店3000家", ""),  # not before the same words
    # the mate named as the premise the ask turns from ("…，那…") is no option it weighs
    ("线下无理由退货承诺店要发展3000家那线上无理由退货承诺店呢", "线下无理由退货承诺店3000家", "线上无理由退货承诺店"),
    ("线上的无理由退货承诺店要发展多少家", "线下无理由退货承诺店3000家", "线上的无理由退货承诺店"),  # 的 between
])
def test_a_mate_of_the_qualifier_printed_instead(ask, flat, phrase):
    assert S.mate_printed_instead(ask, flat, {"线上": {"线下"}, "线下": {"线上"}}) == phrase


def test_qualifier_siblings_of_the_data_file():
    from assistant.store.vocabulary import default_lexicon

    groups = default_lexicon().siblings
    assert ("市属", "区属", "省属", "县属") in groups
    # a word that covers another is no sibling of it ([covers]: 城乡 answers 农村)
    assert not any("城乡" in g for g in groups)
    assert all(len(w) == 2 for g in groups for w in g)  # what mate_printed_instead compares


@pytest.mark.parametrize(("period", "end"), [("十四五", "2025年"), ("十三五", "2020年"), ("六五", "1985年"), ("五", ""), ("十五", "2005年")])
def test_the_last_year_of_a_plan_period(period, end):
    assert S.period_end_year(period) == end


@pytest.mark.parametrize(("ask", "years"), [
    ("十四五末全省空气优良天数比例目标定的多少", ["2025年"]),
    ("“十四五”期末森林覆盖率要到多少", ["2025年"]),
    ("十四五期间森林覆盖率要到多少", []),  # the period, not its end
])
def test_the_end_of_a_period_asks_for_its_last_year(ask, years):
    assert S.period_end_asked(ask, ("十三五", "十四五")) == years
    # a row giving only the 2020 value does not answer for the end of 十四五
    assert S.gives_the_years("空气质量优良天数比率(%)：2020年92.5（表2，约束性）", years) == (not years)


@pytest.mark.parametrize(("ask", "text", "printed"), [
    ("80岁以上高龄老人的医养结合服务率要达到多少", "65岁及以上老年人医养结合服务率超30%", False),
    ("65岁以上老年人医养结合服务率要达到多少", "65岁及以上老年人医养结合服务率超30%", True),
    ("老年人医养结合服务率要达到多少", "65岁及以上老年人医养结合服务率超30%", True),  # no bound asked
    ("区片价5万元以下按多少计提", "在5万—10万元(含10万元)/亩区间的，按不低于18%计提", True),  # amounts: by range
])
def test_an_age_bound_of_the_ask_is_printed(ask, text, printed):
    assert S.thresholds_printed(ask, text) == printed


@pytest.mark.parametrize(("ask", "texts", "counted"), [
    # the sentence prints the count the ask quotes and names none of them
    ("22年广州推进的那11个地铁项目都是哪几条线", ["推进3个国铁、8个城际、11个地铁项目、9个综合交通枢纽项目建设"], "11个地铁项目"),
    # it names them after the count
    ("那3个创新合作区都是哪些", ["建设三大创新合作区：3个创新合作区：深港科技创新合作区、横琴粤澳深度合作区"], ""),
    ("那3个创新合作区都是哪些", ["建设深港科技创新合作区、横琴粤澳深度合作区、广州创新合作区等3个创新合作区"], ""),  # or before it
    ("推进了多少个地铁项目", ["推进11个地铁项目"], ""),  # no members asked
    # one member and 等 is no list of them
    ("2022年省里新增的8个跨境电商综试区是哪几个市", ["制定韶关等8个地市的跨境电商综试区建设方案"], "8个跨境电商综试区"),
    ("那11个地铁项目都是哪几条线", ["推进地铁建设"], ""),  # the count is not printed: another check's case
    # the members asked as "哪N条", "都有谁", "哪几对"
    ("那9个综合交通枢纽项目具体是哪9个", ["推进3个国铁、8个城际、11个地铁项目、9个综合交通枢纽项目建设"], "9个综合交通枢纽项目"),
    ("那20个成员单位，具体都有谁", ["由市商务局牵头，20个市领导小组成员单位配合"], "20个成员单位"),
    ("那6对城市对口合作，分别是哪几对", ["实施6对城市对口合作方案"], "6对城市对口合作"),
    # a long name, and words between the count and its noun ("39个市“一带一路”领导小组成员单位")
    ("那6对革命老区重点城市对口合作，分别是哪几对", ["实施我省负责的6对革命老区重点城市对口合作关系实施方案"],
     "6对革命老区重点城市对口合作"),
    ("那20个成员单位，具体都有谁", ["20个市“一带一路”领导小组成员单位配合"], "20个成员单位"),
    ("那4个国铁项目，具体是哪4个", ["推进4个国铁、10个城际、10个地铁等续建项目建设"], "4个国铁项目"),  # its noun's start
    # the items the ask itself names are set aside ("A、B等5家…另外3家")
    ("推进南沙、黄埔等5家实验室，另外3家叫什么", ["推进南沙、黄埔等5家实验室建设"], "5家实验室"),
    ("推进南沙等5家实验室，另外4家叫什么", ["推进南沙、黄埔等5家实验室建设"], ""),  # 黄埔 is one of them
    # a list of only the items the ask sets aside is no list of the others
    ("那5家实验室，除了南沙和黄埔，另外3家是哪3家", ["推进南沙、黄埔等5家实验室建设"], "5家实验室"),
    ("那5家实验室，除了南沙，另外4家是哪4家", ["推进南沙、黄埔等5家实验室建设"], ""),  # 黄埔 is another
    # a count of time is no group
    ("农户超过15个工作日没报参保名单，钱怎么分", ["被征地农户在15个工作日内报送参保名单"], ""),
])
def test_a_quoted_count_whose_members_are_not_listed(ask, texts, counted):
    assert S.quoted_count_unlisted(ask, texts) == counted


@pytest.mark.parametrize(("section", "text", "named"), [
    ("第二章 安全主体职责 / 第九条", "第二章 安全主体职责 / 第九条\n第九条 充电设施所在场地管理方应对充电设施进行巡查",
     "第九条（充电设施所在场地管理方应对充电设…）"),  # a bare article number: with its opening words
    ("三、环卫用工基本成本标准构成 / (四)高温津贴", "…\n我市高温津贴标准为每人每月300元", "高温津贴"),  # a heading of its own
])
def test_a_refusal_names_related_passages_by_heading(section, text, named):
    from assistant.records import Passage
    from assistant.retrieve.context import Context

    assert Context._related_item(Passage("p", "d", text, section=section)) == named


PRINTED = {"试用期", "节日慰问金", "环卫工人", "青年", "创业", "资助", "申请", "征地社保费", "留用地", "补贴",
           "已经", "重新", "一个", "一年", "车里", "县级", "直接", "我们", "今年", "情况", "专门", "办法", "要求"}


@pytest.mark.parametrize(("ask", "tokens", "quoted", "lost"), [
    # a may-or-must ask whose condition the quoted rule does not speak of
    ("环卫工人还在试用期的，节日慰问金能不能少发？", ["环卫工人", "试用", "试用期", "节日慰问金", "不能", "少发"],
     "节日慰问金每人发放不低于2400元环卫工人", "试用期"),
    ("港澳青年来广东创业，能不能申请那个一次性创业资助？", ["港澳", "青年", "创业", "不能", "申请", "资助"],
     "完善创业和灵活就业扶持体系申请创业资助港澳", "青年"),
    # the asker's own word (no document prints 村里) is no condition
    ("征收的是村里的留用地，还要交征地社保费吗？", ["村里", "留用地", "还要", "征地社保费"],
     "留用地征收的，计提征地社保费", ""),
    # every word held: answered
    ("环卫工人还在试用期的，节日慰问金能不能少发？", ["环卫工人", "试用期", "节日慰问金"],
     "试用期的环卫工人节日慰问金", ""),
    # no may-or-must ask: another check's case
    ("环卫工人试用期的节日慰问金发多少？", ["环卫工人", "试用期", "节日慰问金"], "节日慰问金2400元", ""),
    # adverbs of time and counts of time set no case; a place with 里 is the documents' …内
    ("周末上班但已经给补休了，还要不要付200%的工资？", ["周末", "上班", "已经", "补休", "要不要", "工资"],
     "休息日安排工作又不能安排补休的，支付200%的工资周末上班工资", ""),
    ("被叫停的充电站要重新用之前，区政府要不要到现场核实？", ["重新", "区政府", "要不要", "核实"],
     "恢复使用前，区政府应进行现场核实", ""),
    ("一个月能不能超过36小时？", ["一个", "不能", "超过"], "每月不得超过36小时超过", ""),
    ("环卫工一年的节日慰问金加起来，能不能低于2400块？", ["环卫工人", "一年", "节日慰问金"],
     "环卫工人节日慰问金共计不低于2400元", ""),
    ("充电的时候，车里能不能坐人？", ["充电", "车里", "不能"], "充电期间严禁车内乘坐人员", ""),
    # a count of things is a case ("一个县"), and so is doing it directly, without the steps the rule sets
    ("如果一个县的医院都想报，能不能报两家？", ["一个", "县级"], "遴选100所县级医院", "一个"),
    ("区里能不能直接罚款？", ["直接", "罚款"], "由区政府对其负责人进行警示提醒", "直接"),
    # the asker's persons and years, and what the ask points back to, set no case
    ("我们区只执行一个区片价，还要不要另外核定？", ["我们", "区片价", "核定"], "区片价核定", ""),
    ("新环卫工今年就能拿工龄工资吗？", ["环卫工人", "今年", "工龄工资"], "环卫工人工龄工资从下一年度起发放", ""),
    ("征的是留用地，这种情况还要不要计提？", ["留用地", "情况", "计提"], "留用地的，不计提", ""),
    # adverbs of manner set no case ("有没有专门的救助基金"), nor does what the asker cannot do
    # ("没办法降到33度以下": cannot) ...
    ("有没有专门的救助基金？", ["专门", "救助"], "设立困难环卫工人救助基金", ""),
    ("单位没办法降温，要不要发高温津贴？", ["办法", "降温", "高温津贴"], "不能采取有效措施降温的，发放高温津贴", ""),
    # ... but "有没有" asks: what it asks of is a case
    ("就业率有没有要求？", ["就业率", "要求"], "开展粤菜师傅培训20万人次", "要求"),
])
def test_a_may_or_must_ask_needs_its_condition_quoted(ask, tokens, quoted, lost):
    assert S.uncovered_condition(ask, tokens, lambda w: w in quoted, PRINTED.__contains__) == lost


EVENTS = ("去世", "破产", "倒闭", "离婚", "劳务派遣")


@pytest.mark.parametrize(("ask", "quoted", "lost"), [
    # an event the quoted rule does not name sets a case it does not cover, in any form of ask
    ("被征地农民在名单定下来之前去世了，他那份征地社保费怎么处理？", "征地社保费一次性全部划入其个人账户", "去世"),
    ("充电桩运营公司倒闭了，留下的废弃充电桩由谁负责清理？", "对废弃充电设施要及时进行清理", "倒闭"),
    ("夫妻离婚了，征地社保费在两个人之间怎么分？", "户内平均分配到人", "离婚"),
    ("环卫公司中途破产了，欠的工资是不是由政府先垫付？", "按时足额支付工资", "破产"),
    ("劳务派遣来的环卫工，岗位津贴由谁发？", "环卫岗位津贴分为三个等次", "劳务派遣"),
    # printed, or held by the documents' word for it, the event is covered
    ("参保人去世了，个人账户余额怎么办？", "参保人去世的，个人账户余额可以依法继承", ""),
    ("参保人去世了，个人账户余额怎么办？", "参保人死亡的，个人账户余额可以依法继承", ""),
    # no event stated: nothing to check
    ("被征地农民的征地社保费怎么处理？", "征地社保费一次性全部划入其个人账户", ""),
])
def test_an_event_the_quote_does_not_name_is_an_uncovered_case(ask, quoted, lost):
    held = {"去世": ("死亡",)}  # the documents' word for it, as expansion gives it

    def holds(word: str) -> bool:
        return word in quoted or any(w in quoted for w in held.get(word, ()))
    assert S.uncovered_event(ask, EVENTS, holds) == lost


@pytest.mark.parametrize(("ask", "eligibility"), [
    ("能不能申请创业资助？", True),
    ("还算不算征地社保费补贴对象？", True),
    ("单位还要不要给他交社保？", True),
    ("满了18岁还能继续领吗？", True),
    ("还要交征地社保费吗？", True),
    ("可不可以顺延？", True),
    ("节日慰问金发多少？", False),
    ("也要按比例计提征地社保费吗？", True),
    ("旧村改造项目也按这个比例吗？", True),
    ("对培训后的就业率有没有要求？", True),
    ("是否纳入补贴对象？", True),
    ("是不是商务厅在牵头？", False),  # a who-ask confirmed, not a rule's condition
    ("是应急局牵头的吗？", False),
    ("头一年有工龄工资拿吗？", False),
])
def test_rule_yes_no_asks(ask, eligibility):
    assert bool(S.RULE_YES_NO.search(ask)) == eligibility


@pytest.mark.parametrize(("ask", "text", "same"), [
    ("到2025年每万人拥有5G基站数要达到多少", "5G基站累计达25万座", False),  # a total, no rate
    ("每千人口拥有托位数多少", "每千人口拥有3岁以下婴幼儿托位数(个)4.5", True),
    ("每千人能有几个医生", "每千名儿童拥有儿科执业(助理)医生达0.85名", False),  # per 千名儿童
    ("低保人均补差多少", "城乡低保对象最低生活保障人均补差水平分别从每月653元", True),  # 人均 = 每人
    ("每亩最低计提多少", "本档最低计提标准5.5万元/亩", True),  # 每亩 = /亩
    ("高温津贴多少钱", "每人每月300元", True),  # the ask names no rate
])
def test_a_rate_per_population_or_area_is_printed(ask, text, same):
    assert S.same_denominator(ask, text) == same


@pytest.mark.parametrize(("ask", "text", "part"), [
    ("焚烧处理总能力要达到每天多少吨", "新增焚烧处理能力4000吨/日", True),  # what is added, not the whole
    ("焚烧的总处理能力要达到每日多少吨", "新增焚烧处理能力4000吨/日", True),  # (总 a word apart from 能力)
    ("那1530个省重点建设项目总投资是多少", "全年安排省重点建设项目1530个、年度计划投资1万亿元", True),  # one year's
    ("焚烧处理总能力要达到每天多少吨", "焚烧处理能力累计达到10万吨/日", False),  # the whole is stated
    ("一共要新增多少焚烧处理能力", "新增焚烧处理能力4000吨/日", False),  # the part asked (一共 is any count)
    ("幼儿园一共多少所", "新建改扩建幼儿园5080所", False),
])
def test_a_part_is_no_answer_to_a_whole(ask, text, part):
    assert S.part_for_a_total(ask, text) == part


@pytest.mark.parametrize(("ask", "text", "shown"), [
    ("城市生活污水集中收集率要提到多少", "新增3400公里城镇生活污水管网", False),  # amounts, no share
    ("森林覆盖率2025年是多少", "森林覆盖率(%)：2020年58.66，2025年58.90", True),  # a (%) header
    ("粤东西北存量农房微改造比例要到多少", "60%的存量农房完成微改造", True),
    ("达标比例是几成", "八成以上达标", True),
    ("基础研究经费要占多大比例", "省级科技专项资金投入基础研究的比例达到1/3以上", True),  # a fraction
    ("基础研究经费占比是多少", "基础研究经费占三分之一以上", True),
    ("污水管网要新铺多少公里", "新增3400公里城镇生活污水管网", True),  # no share asked
])
def test_a_share_asked_is_printed_as_one(ask, text, shown):
    assert S.states_a_share(ask, text) == shown




@pytest.mark.parametrize(("ask", "flat", "kinds"), [
    # the ask and the quote part inside a word: each named to its word's end
    ("私人自用的充电桩多久巡查一次", "公用、专用充电设施运营企业应每周开展安全巡查", ("自用的充电桩", "专用充电设施")),
    # they part at a word's end: nothing added ("建" is the ask's verb)
    ("新建60个三级名中医工作室那二级名中医工作室建几个", "新建60个三级名中医工作室、20个旗舰中医馆",
     ("二级名中医工作室", "三级名中医工作室")),
    # the mate the ask sets aside ("除了…三级…") is no option it weighs
    ("除了新建60个三级名中医工作室，二级名中医工作室要建多少个", "新建60个三级名中医工作室、20个旗舰中医馆",
     ("二级名中医工作室", "三级名中医工作室")),
    ("三级还是二级名中医工作室要建60个", "新建60个三级名中医工作室", ("", "")),  # an option weighed
    # the words after the mate are a member of the kind asked (the data file's [kinds]: 补贴 -> 津贴)
    ("环卫工人冬季的防寒补贴每月发多少", "我市高温津贴标准为每人每月300元", ("防寒补贴", "高温津贴")),
    ("环卫工人的高温补贴每月发多少", "我市高温津贴标准为每人每月300元", ("", "")),  # the same kind, asked
])
def test_the_kinds_a_refusal_names(ask, flat, kinds):
    mates = {"自用": {"公用", "专用"}, "专用": {"公用", "自用"}, "二级": {"三级"}, "三级": {"二级"},
             "高温": {"防寒"}, "防寒": {"高温"}}
    assert S.mate_printed(ask, flat, mates, {"补贴": ("津贴", "补助")}) == kinds


@pytest.mark.parametrize(("ask", "unit", "flat", "held"), [
    # the unit an ask says something is reported to must be the quote's
    ("各区每月几号前要报给市人社局", "市人社局", "各地级以上市人民政府每月10日前向省人力资源社会保障厅报送", False),
    ("各地级市每个月几号前报给省人社厅", "省人社厅", "每月10日前向省人社厅报送", True),
    ("落实方案最迟哪天报省督查室备案", "省督查室", "于2023年3月10日前报省政府督查室备案", True),  # 省(政府)督查室
    ("留存资金按月报送吗", "", "", False),  # no unit reported to
])
def test_the_unit_reported_to(ask, unit, flat, held):
    assert S.report_recipient(ask) == unit
    if unit:
        assert S.recipient_held(unit, flat) is held


@pytest.mark.parametrize(("ask", "flat", "fine"), [
    # the amount of a fine, where the quote and its passage print no 罚: no fine is set
    ("环卫公司拖欠工资要罚多少钱", "用人单位应当按时足额支付环卫工人工资", "罚款"),
    ("拒不整改的罚款标准是多少", "对拒不整改的，各区政府可以通知停止供电", "罚款"),
    ("拒不整改要罚款多少", "拒不整改的，依法予以罚款5万元", ""),  # a fine printed
    ("省里会怎么罚", "扣减其新增建设用地指标", ""),  # how it is sanctioned: the sanctions printed answer it
    # damages: who pays them, or how much
    ("充电桩起火把旁边的车烧了，损失由谁来赔", "因充电设施的原因造成财产损失事故的，由所在区政府调查处理", "赔偿"),
    ("侵权要赔多少", "构建知识产权侵权惩罚性赔偿机制", ""),  # printed
])
def test_a_penalty_the_documents_do_not_set(ask, flat, fine):
    assert S.penalty_asked(ask, flat) == fine


@pytest.mark.parametrize(("ask", "flat", "member"), [
    # a member of a data-file series the quote does not print, beside two or more it does
    ("环卫工是中专文化的学历补贴每月给多少", "大学专科学历200元/月，大学本科及以上学历400元/月", "中专"),
    ("高中学历补贴每月给多少", "大学专科学历200元/月，大学本科及以上学历400元/月", "高中"),
    ("本科学历补贴每月给多少", "大学专科学历200元/月，大学本科及以上学历400元/月", ""),  # printed
    ("中专学历补贴每月给多少", "大学本科及以上学历400元/月", ""),  # one other printed: no series shown
])
def test_a_member_of_a_series_the_quote_does_not_print(ask, flat, member):
    groups = (("初中", "高中", "中专", "大专", "专科", "本科"), ("城镇", "农村"))
    assert S.member_printed_instead(ask, flat, groups) == member


@pytest.mark.parametrize(("ask", "text", "bound"), [
    # a bound the text prints the other way round for the same number: the ask's case is left out
    ("常住人口不到30万的县纲要里怎么安排", "全省14个常住人口超过30万以上且无精神科床位的县(市)", "不到30万"),
    ("工龄还不到15年的每多干一年能多拿多少", "环卫工人工龄累计超过15年的，每增加1年增加20元", "不到15年"),
    # the same side, or both sides printed: no case left out
    ("工龄还不到15年的每多干一年能多拿多少", "环卫工人工龄累计15年以下的，每增加1年增加30元", ""),
    ("常住人口超过30万的县怎么安排", "全省14个常住人口超过30万以上的县", ""),
    ("区片价5万元以下的按多少计提", "5万元(含5万元)以下的，按20%计提；5万元以上的，按19%计提", ""),
])
def test_a_bound_printed_the_other_way_round(ask, text, bound):
    assert S.opposite_bound(ask, text) == bound


@pytest.mark.parametrize(("ask", "flat", "tier"), [
    # a tier of a series the quote prints others of: no such tier is set
    ("环卫岗位津贴有没有四类岗位四类的话每天补多少", "一类岗位津贴每人每日补助25元二类岗位津贴每人每日补助23元", "四类"),
    ("二档的计提比例是多少", "第一档计提比例20%", ""),  # 第一档 is printed as 第…: no tier of the series
    ("三类岗位每天补多少", "一类岗位津贴25元三类岗位津贴20元", ""),  # printed
    ("三级以上医院有多少家", "二级医院", ""),  # a bound, no tier
    ("四类岗位每天补多少", "环卫岗位津贴按月发放", ""),  # no tier printed: another check's business
    # a numbered unit the quote does not print, beside others it does
    ("陆丰核电1、2号机组怎么安排", "建设惠州太平岭核电一期和陆丰核电5、6号机组", "1、2号"),
    ("陆丰核电5、6号机组怎么安排", "建设惠州太平岭核电一期和陆丰核电5、6号机组", ""),
    ("粤府〔2022〕13号里粮食产量是多少", "粤府〔2023〕18号：粮食产量1268万吨", ""),  # a document number
    # a phase and a session of a series (not the 期 of 十四五期间)
    ("国际健康驿站四期由谁牵头建设", "高标准建设国际健康驿站二期、三期", "四期"),
    ("第48届世界技能大赛的备战工作谁牵头", "做好第46届世界技能大赛备战参赛工作", "48届"),
    ("十四五期间要建多少", "建设一期工程", ""),
    ("每月10号前报给谁", "各区每月5号前上报，见穗府〔2024〕1号", ""),  # a day of the month
])
def test_a_tier_the_quote_does_not_print(ask, flat, tier):
    assert S.tier_printed_instead(ask, flat) == tier


@pytest.mark.parametrize(("form", "ask", "matches"), [
    # a who-ask, not who reports
    ("WHO_ASK", "2023年粮食产量由谁牵头？", True),
    ("WHO_ASK", "这项任务的牵头单位是哪个？", True),
    ("WHO_ASK", "各牵头单位要在几号前把落实方案报市政府？", False),  # who reports, a date asked
    ("WHO_ASK", "新改建的公厕，白云区要负责建多少座？", False),  # what the one named does: how many
    ("WHO_ASK", "配合的有哪几个区政府？", True),  # 哪几: which ones
    # a responsibility the asker states of a thing is no ask; a which-X in charge is one
    ("WHO_ASK", "省国资委牵头组建的那家进出口公司，注册资本定了多少？", False),
    ("WHO_ASK", "分管领导的名字叫啥？", True),
    ("WHO_ASK", "大湾区绿能谷24年是哪个区牵头推的？", True),
    ("WHO_ASK", "免税商业综合体，配合花都的有哪几个部门？", True),
    ("WHO_ASK", "各配合单位多久报一次进展？", False),
    # a breakdown by place
    ("BREAKDOWN_ASKED", "筹建配售型保障性住房1万套，各区分别摊多少套", True),
    ("BREAKDOWN_ASKED", "各区各自分多少套", True),
    ("BREAKDOWN_ASKED", "分区是多少", True),
    ("BREAKDOWN_ASKED", "各区政府要在多少天内公布", False),  # who acts, not a breakdown
    ("BREAKDOWN_ASKED", "每个区要新建几个口袋公园", False),
    # a count of things
    ("COUNT_ASKED", "全省要新建多少个口袋公园", True),
    ("COUNT_ASKED", "人均体育场地面积定了几个平方", False),  # 平方(米): an area, not a count
    ("COUNT_ASKED", "一个月最多能加几个钟", False),  # 钟: hours
    ("COUNT_ASKED", "多少个工作日内办结", False),
])
def test_question_forms(form, ask, matches):
    from assistant.retrieve import context

    assert bool(getattr(context, form).search(ask)) == matches


@pytest.mark.parametrize(("tokens", "quoted", "named"), [
    (["职工", "养老"], "城乡居民基本养老保险还是城镇职工基本养老保险", True),  # its words, apart
    (["划进", "账户"], "征地社保费一次性全部划入其个人账户", True),  # 划进: printed nowhere, the asker's own
    (["直接", "本人"], "征地社保费一次性全部划入其个人账户", False),  # 直接 is printed, not here
    (["划进"], "征地社保费一次性全部划入其个人账户", False),  # no printed word: nothing names it
    (["免费"], "按规定收取费用", False),
])
def test_an_option_is_named_by_its_printed_words(tokens, quoted, named):
    printed = {"职工", "养老", "账户", "直接", "本人", "免费"}
    assert S.option_named(tokens, lambda w: w in quoted, printed.__contains__) is named


@pytest.mark.parametrize(("ask", "thing"), [
    ("十四五规划里全省要建多少座加氢站？", "加氢站"),
    ("建了多少个公园", "公园"),
    ("单位最少按几个点交？", ""),  # percentage points, no count
    ("要保证多少个项目按时动工？", "项目按时动工"),  # the rest of the ask (the check: is any word of it printed)
    ("第几个？", ""),
])
def test_the_thing_a_count_ask_counts(ask, thing):
    assert S.counted_thing(ask) == thing


@pytest.mark.parametrize(("ask", "unit", "text", "read"), [
    ("公用充电桩的月度安全自查报告至少得留几年", "", "至少保存两个年度周期", "至少保存2个年度周期"),  # a span in years
    ("要扶持几家龙头企业", "家", "扶持两至三家龙头企业", "扶持2至3家龙头企业"),  # a number in a unit
    ("报告要怎么写", "", "至少保存两个年度周期", "至少保存两个年度周期"),  # no number asked: as printed
])
def test_counts_in_words_read_as_asked(ask, unit, text, read):
    assert S.counts_as_asked(ask, unit, text) == read


@pytest.mark.parametrize(("words", "held", "named"), [
    (["加氢站"], set(), False),  # printed nowhere, stands for nothing held: counted nowhere
    (["充电站", "充电"], set(), True),  # printed in the documents
    (["娃"], {"娃"}, True),  # a colloquial word standing for one the sentence holds
])
def test_what_a_count_ask_counts_may_be_counted(words, held, named):
    printed = {"充电站", "充电"}
    assert S.counted_named(words, printed.__contains__, held.__contains__) is named
