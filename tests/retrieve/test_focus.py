"""The attribute a value question asks about, as the refusal names it (no index needed)."""

from __future__ import annotations

import pytest

from assistant.retrieve.focus import FocusChecker


@pytest.mark.parametrize(("question", "missing", "nouns", "phrase"), [
    ("环卫工人的夜班津贴是多少", ["夜班"], ["环卫工人", "夜班", "津贴"], "夜班津贴"),
    ("环卫工人的交通补贴每月多少钱？", ["交通", "补贴"], ["环卫工人", "交通", "补贴"], "交通补贴"),
    ("电动汽车充电设施违规的罚款是多少？", ["违规", "罚款"], ["电动汽车", "充电", "设施", "违规", "罚款"], "罚款"),
    ("环卫工人的工资是多少", [], ["环卫工人", "工资"], ""),
])
def test_phrase_of_the_unstated_attribute(question, missing, nouns, phrase):
    assert FocusChecker.phrase(question, missing, nouns) == phrase


def test_missing_allows_one_inserted_character():
    assert FocusChecker.missing(["老人", "夜班"], "老年人照护服务", lambda w: False) == ["夜班"]


@pytest.mark.parametrize(("noun", "text", "held"), [
    ("经开区", "推进花都、番禺升级建设国家级经济技术开发区", True),  # an abbreviation's dropped characters
    ("亚青会", "积极推进第三届亚洲青年运动会各项筹备和组织工作", True),
    ("体育馆", "启动世界体育名城建设，办好世界羽毛球巡回赛总决赛", False),  # too far apart
    ("夜班", "班组夜间作业", False),  # a two-character noun allows one inserted character only
])
def test_missing_allows_an_abbreviation(noun, text, held):
    assert (FocusChecker.missing([noun], text, lambda w: False) == []) is held


@pytest.fixture(scope="module")
def checker():
    from assistant.store.vocabulary import default_lexicon

    lexicon = default_lexicon()
    # as the Assistant builds it, with a stand-in for the documents' words and people
    return FocusChecker(lexicon.stop("f") | lexicon.stop("t"), lexicon.units, PRINTED.__contains__,
                        frozenset({"张虎"}), lexicon.verbal_nouns)


PRINTED = {"光伏", "中小学", "孤儿", "研发", "张虎", "社保", "联席会议", "陆上", "粮食产量"}  # words the documents print (the rows below)


@pytest.mark.parametrize(("question", "nouns", "head"), [
    ("环卫工人的夜班津贴是多少", ["环卫工人", "夜班", "津贴"], ["夜班", "津贴"]),
    ("扫马路的环卫工每天岗位补贴给多少钱？", ["马路", "环卫工", "岗位补贴"], ["环卫工", "岗位补贴"]),
    ("公用充电站的专职安全员至少要配几个？", ["公用", "充电站", "专职", "安全员"], ["专职", "安全员"]),
    # no 的: every noun is the head
    ("2023年起农村低保人均每月补差提到多少钱了？", ["农村", "低保", "补差"], ["农村", "低保", "补差"]),
    # nothing but a frame noun after 的: the nouns before it are the head
    ("广州环卫工人的标准是多少", ["环卫工人"], ["环卫工人"]),
    # no noun in the asking clause: the last noun run before it
    ("有没有夜班津贴，每晚多少钱？", ["夜班", "津贴"], ["夜班", "津贴"]),
    ("环卫工人有哪些岗位", [], []),
    ("十四五规划给PM10浓度定的目标是多少", ["PM10", "浓度"], ["PM10", "浓度"]),  # Latin words are nouns
    ("环卫工7月份只上了15天班，高温津贴怎么算？", ["高温", "津贴"], ["高温", "津贴"]),  # digits are not
    ("环卫工7月份只上了15天班高温津贴怎么算", ["环卫工", "高温", "津贴"], ["环卫工", "高温", "津贴"]),  # nor months
    # a word that is no topic (单位, the "t" stopwords) is no focus either: the clause before names it
    ("环卫工人年假没休成，单位得按多少倍工资补钱？", ["环卫工人", "工资"], ["工资"]),  # what is counted, after another clause
    ("环卫工高温津贴，当月实际上班不满21.75天的，一天按多少钱发？", ["环卫工", "高温", "津贴"], ["环卫工", "高温", "津贴"]),
    ("每千人拥有的执业医师到2025年要到几个人？", ["执业", "医师"], ["执业", "医师"]),  # 几个人: people, not 个人
    ("公用充电站的运营企业，最少得配几个专职安全员？", ["运营", "企业", "专职", "安全员"], ["专职", "安全员"]),
    ("公用充电站运营方必须买多少保额的安全责任险？", ["公用", "充电站", "运营", "保额"], ["保额"]),  # the owner acts
    ("充电站运营企业至少要配备几名专职安全员？", ["充电站", "运营", "企业", "专职", "安全员"], ["专职", "安全员"]),
    ("到2025年政府要向社会开放多少个数据产品？", ["数据", "产品", "社会"], ["社会"]),  # 政府 acts, 社会 is the head
    ("预存的征地社保费，利息按多高的利率算？", ["利息", "利率"], ["利率"]),  # measured by what follows
    ("22年广州力争有多少个道路项目完工？", ["道路", "项目", "力争"], ["力争"]),  # a count worded its own way
    # a noun before a modal verb with another noun after it is who acts ...
    ("到2025年政府要向社会开放多少个数据产品和服务？", ["数据", "产品", "社会"], ["社会"]),
    # what a "how many" counts is checked too, with the owners' tolerance when a head is named
    # before it, as the head when none is ("每千人能有几张病床"); a unit after it counts nothing
    ("湛江、茂名这些地方要新增多少原油商业储备库容？", ["原油", "商业", "储备", "库容"], ["原油", "商业", "储备", "库容"]),
    ("十四五末每千人能有几张病床？", ["病床"], ["病床"]),
    ("高温津贴一天几块钱？", ["高温", "津贴"], ["高温", "津贴"]),
    ("24年对口支援的是哪几个地方？", ["对口"], ["对口"]),  # 哪几个 asks for names: 地方 is no count
    # ... but with none after it, it is what is asked
    ("到2025年全省养老床位总数要达到多少张？", ["床位", "总数"], ["床位", "总数"]),
    # words jieba tags otherwise that name things: the data file's verbal nouns (预算, 支出, 低保),
    # abbreviations and "names" the documents print as common words (光伏 j, 孤儿 nr); not a
    # word they do not print (一共 j) nor one of their people (张虎 nr)
    ("22年省里一般公共预算支出打算增长多少？", ["预算", "支出"], ["预算", "支出"]),
    ("2023年城市低保标准是每人每月多少钱？", ["低保"], ["低保"]),
    ("十四五期间全省光伏发电装机要达到多少万千瓦？", ["光伏", "发电", "装机"], ["光伏", "发电", "装机"]),
    ("集中供养孤儿的养育标准每月多少钱？", ["孤儿", "养育"], ["养育"]),
    ("广州24年市重点项目一共多少个？", ["重点项目"], ["重点项目"]),
    ("张虎的任务有多少项？", [], []),
    # a topic marker says whose, like 的 ("中小学这块公办学位" ~ "中小学的公办学位")
    ("广州2024年中小学这块公办学位要增加多少个？", ["中小学", "公办", "学位"], ["公办", "学位"]),
    # a noun asked twice is one noun
    ("全社会研发经费投入强度（研发经费占GDP比重）目标是多少？", ["社会", "研发", "经费", "强度", "GDP"],
     ["社会", "研发", "经费", "强度", "GDP"]),
    # where to look ("…里", "…中") says where the thing is, not what it is: checked like an owner
    ("规划纲要水利工程里生态海堤要推进多少公里达标建设？", ["水利工程", "生态", "海堤"], ["生态", "海堤"]),
    ("十四五主要指标表里，森林覆盖率2025年目标值是多少？", ["森林", "覆盖率"], ["森林", "覆盖率"]),  # 目标值 frames
    # a verb between a place or noun and the head names its kind: 城镇登记失业率 is not 城镇调查失业率
    ("23年全省城镇登记失业率要控制在多少以内", ["登记", "失业率"], ["登记", "失业率"]),
    ("环卫工碰上特殊情况要加班一个月最多能加多少个钟", ["环卫工", "特殊"], ["环卫工", "特殊"]),  # 碰上 acts
    # a place word (jieba's s) the documents print names a kind: 陆上风电 is not 海上风电
    ("十四五规划给陆上风电定了多少万千瓦的装机目标？", ["装机", "陆上", "风电"], ["陆上", "风电"]),
])
def test_focus_head_is_after_the_last_de(checker, question, nouns, head):
    focus = checker.focus(question)
    assert (focus.nouns, focus.head) == (nouns, head)


RARE = {"充电站": 3.0}  # IDF weights of the rows below; every other noun weighs 1


@pytest.mark.parametrize(("question", "passage", "covered"), [
    # the owner may be worded otherwise; the head may not
    ("扫马路的环卫工每天岗位补贴给多少钱？", "一类岗位：环卫工岗位补贴每人每日25元", True),
    ("环卫工人的夜班津贴是多少", "环卫工人岗位津贴每人每日25元", False),
    # the owner's rare word missing as well: more than half of all the weight is missing
    ("公用充电站的专职安全员至少要配几个？", "专职安全员", False),
    ("公用充电站的专职安全员至少要配几个？", "充电站应配备专职安全员", True),
    # a modifier printed with its noun in the question must be the passage's: another kind of
    # the same thing does not answer (固定宽带 is not 千兆宽带), however light the modifier weighs
    ("全省固定宽带家庭普及率定的目标是多少？", "千兆宽带网络家庭普及率超过30%", False),
    ("全省固定宽带家庭普及率定的目标是多少？", "固定宽带家庭普及率达到95%", True),
    # the data file's verbal nouns: the income passage does not answer the expenditure question
    ("22年省里一般公共预算支出打算增长多少？", "地方一般公共预算收入增长5%", False),
])
def test_covered_holds_the_head_strictly_and_the_owner_loosely(checker, question, passage, covered):
    focus = checker.focus(question)
    assert FocusChecker.covered(focus, passage, lambda w: w in passage, lambda w: RARE.get(w, 1.0)) is covered


@pytest.mark.parametrize(("ask", "nouns", "kind"), [
    # whether a thing exists: the nouns right after 有没有
    ("广州环卫工人有没有住房补贴", ["住房补贴"], False),
    ("环卫工人上夜班有没有夜班补贴", ["夜班", "补贴"], False),
    ("广州环卫工冬天户外作业有没有防寒补贴", ["防寒", "补贴"], False),  # a verb modifying the noun (防寒 v)
    # what a rule is asked about: the nouns right before "有什么规定"
    ("市里规范环卫用工的意见对环卫工退休年龄有什么规定？", ["环卫工", "退休年龄"], False),
    ("环卫工人加班有什么规定", ["环卫工人"], False),
    ("广州环卫工人年终奖或者十三薪是怎么规定的？", ["环卫工人", "年终奖"], False),  # (十三薪 is no noun to jieba)
    # the kind of thing asked for: the nouns right after the question word
    ("暂存的过渡户是开在哪家银行", ["银行"], True),
    ("世界羽毛球巡回赛总决赛在广州哪个体育馆办", ["体育馆"], True),
    ("6座内河LNG加注站分别在哪些港口", ["港口"], True),
    ("专栏7在核电方面安排了哪些建设项目", ["项目"], True),  # a compound's head: a 项目 of some kind
    # a name asked for: the nouns before 叫什么 / 名字叫啥 name the kind ("家520" is a 购物节)
    ("夏天那个购物节叫什么名头", ["购物"], True),
    ("那个智能运营管理平台，名字叫啥", ["平台"], True),
    ("省里的稳就业专项行动叫什么", ["行动"], True),
    ("省里要给哪个战略专项定实施方案", ["专项"], True),  # 专项 is no frame noun, though 项 is
    ("省里准备出个啥指引", ["指引"], True),  # the ask's last word, though jieba tags it a verb
    ("这个文件叫什么", [], False),
    # frame and topic-less words name no kind: the answer names a standard, a unit, a time
    ("充电监控系统要照哪个国家标准来建", [], False),
    ("碧道建设由哪个部门牵头", [], False),
    ("什么时候开始执行", [], False),
    ("先保后征是什么意思", [], False),  # 意思, 作用: what a term means, no kind of thing
    ("碧道建设有什么作用", [], False),
    ("钱按什么办法分到人", [], False),  # 办法: how it is done, no kind of thing
    ("要弄哪3个战略专项", [], False),  # a count: a list ask, not a kind
    ("环卫工人的夜班津贴是多少", [], False),
])
def test_asked_thing(checker, ask, nouns, kind):
    thing = checker.asked_thing(ask)
    assert (thing.nouns, thing.kind if nouns else False) == (nouns, kind)


@pytest.mark.parametrize(("ask", "action"), [
    ("充电设施运营企业是不是必须投保安全生产责任险？", ["投保", "生产"]),  # what an obligation asks done
    ("用人单位必须给环卫工人配发工作服吗？", ["配发"]),
    ("用人单位是否需要为环卫工人缴纳社会保险？", ["缴纳"]),
    ("要不要办理就业登记？", ["就业", "登记"]),  # (jieba tags 办理 a noun)
    ("住宅小区装充电桩要不要业委会同意？", ["同意"]),  # (jieba tags 同意 an adverb)
    ("十四五期间，技师学院是不是要做到全覆盖？", ["覆盖"]),  # 做到: a light verb
    ("是不是要求学前教育生均拨款每年不少于500块？", ["学前教育"]),  # 不少于: a bound, no action
    ("是不是商务厅在牵头？", []),  # who is in charge: no obligation
    ("环卫工人加班费怎么算？", []),
])
def test_the_action_an_obligation_asks_about(checker, ask, action):
    assert checker.obliged_action(ask) == action


@pytest.mark.parametrize(("question", "nouns"), [
    ("广州的征地社保工作联席会议由哪位市领导召集？", ["征地", "社保"]),  # what the who-ask is about
    ("谁负责粮食产量？", []),  # a set phrase (粮食产量, l) is no noun: the task says 粮食播种面积和产量
    ("2022年粮食产量那个指标是哪位副省长分管的？", []),  # the subject is another clause's; 副省长 is a post
    ("环卫工人要去申请仲裁或者打官司，谁会出面帮忙？", []),  # 出面: being in charge, no subject
    ("粮食产量目标是多少？", []),  # no who-ask
])
def test_the_subject_of_a_who_ask(checker, question, nouns):
    assert checker.subject(question).nouns == nouns


@pytest.mark.parametrize(("ask", "kind"), [
    ("核心软件攻关那项，省里要出台个啥方案", "方案"),  # answered by the sentence naming a 《…方案》
    ("推动出台的是哪部条例", ""),  # 条例 is a kind of its own (asked_thing)
    ("碧道建设由哪个部门牵头", ""),
])
def test_titled_kind(checker, ask, kind):
    assert checker.titled_kind(ask) == kind


@pytest.mark.parametrize(("ask", "action"), [
    ("各地那个征地社保工作联席会议，是哪位领导牵头召集的？", ["召集"]),  # 牵头: being in charge
    ("该向哪个部门申诉复核？", ["申诉", "复核"]),
    ("环卫工人要去申请仲裁，谁会出面帮忙？", ["帮忙"]),
    ("考核方案得报谁同意才能实施？", ["同意"]),  # jieba tags 同意 d; 才能, 实施 are no action asked
    ("谁被任命为我们管委会的常务副主任？", []),  # not the pronoun 我们 or the unit 管委会 (j); jieba tags 任命 n
    ("抽查的费用由谁出", []),
    ("粮食产量由哪个部门牵头", []),
    ("环卫工人的工龄是由哪个部门负责核定的？", ["核定"]),  # the word after 负责, whatever its tag (核定 n)
    ("过渡户开在哪家银行", []),  # no who-ask
    ("由哪个部门督促他们把安全管好？", ["安全"]),  # 管好: the doing is the 安全 it is done to
])
def test_the_action_a_who_ask_asks_about(checker, ask, action):
    """A passage that does not print what is done ("召集") does not say who does it."""
    assert checker.asked_action(ask) == action


def _states_jia(clause: str) -> bool:
    import re

    return bool(re.search(r"\d+家", clause))


@pytest.mark.parametrize(("ask", "text", "head", "asked"), [
    # the figure's clause counts another 工厂 than the one asked about
    ("十四五规划里全省智能工厂要建多少家", "打造智能工厂和灯塔工厂，到2025年，全省灯塔工厂数量超过5家。", "工厂", ("智能工厂", "灯塔工厂")),
    ("十四五规划里全省灯塔工厂要建多少家", "打造智能工厂和灯塔工厂，到2025年，全省灯塔工厂数量超过5家。", "工厂", ""),
    ("全省智能工厂要建多少家", "到2025年，全省建成智能工厂300家。", "工厂", ""),  # the ask's own kind
    ("全省工厂要建多少家", "到2025年，全省灯塔工厂数量超过5家。", "工厂", ""),  # no kind asked
    ("全省智能工厂要建多少家", "推进智能化改造，到2025年，全省工厂超过5家。", "工厂", ""),  # no other kind printed
    # a quoted name modifies as well (国家级“双高”院校)
    ("十四五要建多少家高职院校", "推进高职“双高”建设，打造14家国家级“双高”院校，建设一批省域高水平高职院校。", "院校",
     ("高职院校", "双高院校")),
])
def test_a_figure_of_another_kind(checker, ask, text, head, asked):
    from assistant.retrieve import sentences

    assert sentences.figure_of_a_sibling(ask, text, head, checker.tags, _states_jia) == (asked or ("", ""))


@pytest.mark.parametrize(("question", "head"), [
    ("十四五要建多少所省域高水平高职院校", ["高职", "院校"]),  # 所 is a counter here, not a conjunction
    ("这些地方要新增多少原油商业储备库容", ["原油", "商业", "储备", "库容"]),
])
def test_what_a_how_many_counts(checker, question, head):
    assert checker.focus(question).head == head


@pytest.mark.parametrize(("ask", "text", "head", "kinds"), [
    # a noun of four characters: its last two after the rest (臭氧 + 浓度)
    ("规划要求臭氧浓度到2025年降到多少", "全省PM2.5平均浓度控制在25微克/立方米以内，臭氧浓度进入下降通道。", "臭氧浓度",
     ("臭氧浓度", "平均浓度")),
    # the ask's modifier printed as the long form of its abbreviation (普高: 普通高中)
    ("普高学位建成多少", "推进高中学位攻坚计划，建成普通高中学位1万个以上。", "学位", ("", "")),
    # a figure of 城乡 holds for 农村 (the data file's [covers])
    ("农村低保标准提到每月多少", "城乡低保对象最低生活保障人均补差水平分别提高到676元、311元。", "低保", ("", "")),
])
def test_a_figure_of_another_kind_of_any_number(checker, ask, text, head, kinds):
    from assistant.retrieve import sentences

    assert sentences.figure_of_a_sibling(ask, text, head, checker.tags, lambda c: bool(sentences.FIGURE_PRINTED.search(c)),
                                         {"农村": ("城乡",)}) == kinds
