"""The direct answer comes first, states exactly what was asked, and cites with [n] markers;
the sources follow once each. On the real records (the repo's index)."""

from __future__ import annotations

import re

import pytest

from assistant.text import compact

pytestmark = pytest.mark.slow

DIRECT = 160  # characters (whitespace removed) that count as the direct answer


def direct(answer) -> str:
    return compact(answer.answer)[:DIRECT]


def markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


@pytest.mark.parametrize("question", [
    "谁负责粮食产量？", "十四五时期广东GDP年均增长目标是多少？", "环卫工人高温津贴是多少？",
    "张虎分管哪些任务？", "穗府〔2024〕1号共有多少项任务？", "专栏1里提到要建设哪三大创新合作区？"])
def test_every_marker_points_to_a_citation_and_every_citation_is_marked(full_assistant, question):
    a = full_assistant.ask(question)
    assert a.answerable
    assert markers(a.answer) == set(range(1, len(a.citations) + 1))
    assert markers(a.answer_markdown) == markers(a.answer)


def test_who_answer_names_both_years_in_one_sentence(full_assistant):
    a = full_assistant.ask("谁负责粮食产量？")
    first = a.answer.split("\n")[0]
    assert "省农业农村厅牵头" in first and "陈良贤分管" in first and "[1]" in first and "[2]" in first
    assert first.index("2023年") < first.index("2022年")


def test_plan_figure_quotes_the_plans_own_sentence_and_no_unrelated_row(full_assistant):
    a = full_assistant.ask("十四五时期广东GDP年均增长目标是多少？")
    assert "全省GDP年均增长5.0%左右" in direct(a)
    assert "能源消耗" not in a.answer and " | " not in a.answer
    assert "| 地区生产总值增长(%) |" in a.answer_markdown  # the row as a real Markdown table


def test_allowance_answer_holds_the_amount_and_no_neighbouring_row(full_assistant):
    a = full_assistant.ask("环卫工人高温津贴是多少？")
    assert "300元" in direct(a)
    assert not any("中控室" in c.text for c in a.citations)


def test_two_asks_figure_then_who(full_assistant):
    a = full_assistant.ask("2022年开展农田整治提升行动，新增建设高标准农田多少亩？谁牵头？")
    d = direct(a)
    assert "120万亩" in d and "省农业农村厅" in d and d.index("120万亩") < d.index("省农业农村厅")


def test_figure_in_a_task_with_spaced_digits(full_assistant):
    a = full_assistant.ask("2023年全省城镇调查失业率控制目标是多少？")
    assert a.answerable and "5.5%以内" in direct(a)
    assert (a.citations[0].doc_id, a.citations[0].task_no) == ("粤府〔2023〕18号", "9")


def test_aspect_followup_states_only_that_aspect(full_assistant):
    history = [{"role": "user", "content": "2023年进出口总额增长目标由哪个部门牵头？"},
               {"role": "assistant", "content": "省商务厅牵头[1]。"}]
    a = full_assistant.ask("配合单位有哪些？", history=history)
    first = a.answer.split("\n")[0]
    assert "配合" in first and "牵头" not in first and "分管" not in first
    assert len(compact(a.answer)) < 150


def test_titles_once_per_document_and_plain_text_without_titles(full_assistant):
    a = full_assistant.ask("张虎分管哪些任务？")
    assert "共93项" in direct(a)
    for doc_id in {c.doc_id for c in a.citations}:
        title = full_assistant.records.documents[doc_id].title
        assert a.answer_markdown.count(title) == 1
        assert title not in a.answer
    assert "\\" not in a.answer  # plain text: no Markdown escapes


def test_which_task_names_its_number(full_assistant):
    a = full_assistant.ask("做好第四次全国文物普查工作在2024年市分工表里是第几项？")
    assert "第263项" in direct(a)


def test_sources_listed_once_each_in_plain_text(full_assistant):
    a = full_assistant.ask("谁负责粮食产量？")
    tail = a.answer.split("来源：", 1)[1]
    assert tail.count("粤府〔2023〕18号 第10项") == 1 and tail.count("粤府〔2022〕13号 第10项") == 1


def test_a_documents_annex_is_listed_whole(full_assistant):
    """"2023年有哪些民生实事？": the count and the first items, then every item, each cited."""
    a = full_assistant.ask("2023年有哪些民生实事？")
    assert a.answerable
    annex = [t for t in full_assistant.records.tasks_by_doc["粤府〔2023〕18号"] if t.kind == "annex"]
    assert f"附民生实事{len(annex)}项" in direct(a) and "粤菜师傅" in direct(a)
    assert len(a.citations) == len(annex) and {c.task_no for c in a.citations} == {t.task_no for t in annex}


@pytest.mark.parametrize(("question", "shown", "task_no"), [
    # a figure in the measures stands under the task's title, which names what was asked
    ("2022年省里扩大设备更新和技改投资，要推动多少家企业做技术改造？", "8500家", "32"),
    # a where-ask or list ask quotes the sentence that names them, not the title naming the subject
    ("2022年和谐劳动关系综合试验区，省里指导支持哪两个地方出台实施方案？", "清远高新区", "144"),
    ("2022年要抓紧推进哪几个标志性文化工程项目？", "广东粤剧文化中心", "128"),
])
def test_the_sentence_in_the_form_asked(full_assistant, question, shown, task_no):
    a = full_assistant.ask(question)
    assert a.answerable and shown in direct(a)
    assert a.citations[0].doc_id == "粤府〔2022〕13号" and a.citations[0].task_no == task_no


@pytest.mark.parametrize(("question", "shown", "task_no"), [
    ("2023年建立金融稳定保障体系，要推动出台哪部条例？", "广东省地方金融监督管理条例", "175"),
    ("2023年引导金融资源支持粤东粤西粤北，实施的是什么工程？", "金融倍增工程", "110"),
    ("2023年省里要给哪个战略专项制定实施方案？", "芯片设计与制造", "46"),  # not the top-3 sentences
    ("2023年南澳那个科学会议叫什么名字？", "南澳科学会议", "45"),  # a name: the kind before 叫什么
])
def test_a_kind_asked_is_answered_by_the_sentence_naming_it(full_assistant, question, shown, task_no):
    """"哪部条例", "什么工程": the task's sentence that names one, not its title and leaders."""
    a = full_assistant.ask(question)
    assert a.answerable and shown in direct(a)
    assert (a.citations[0].doc_id, a.citations[0].task_no) == ("粤府〔2023〕18号", task_no)


def test_a_year_without_an_annex_says_so(full_assistant):
    """"2022年有哪些民生实事？": no 2022 document prints the list; say so and name the one that does,
    instead of quoting a task that happens to touch 民生."""
    a = full_assistant.ask("2022年有哪些民生实事？")
    assert not a.answerable and not a.citations
    assert "没有附民生实事清单" in a.answer and "粤府〔2023〕18号" in a.answer.split("本助手收录的文件")[0]


def test_a_kind_is_named_by_its_members(full_assistant):
    """"有什么补贴" is answered by the 高温津贴 (data file [kinds]: a 津贴 is a 补贴); a 住房补贴
    is still not answered by other allowances."""
    a = full_assistant.ask("夏天高温环卫工人有什么补贴？每月发多少？")
    assert a.answerable and "高温津贴" in direct(a) and "300元" in direct(a)
    assert not full_assistant.ask("环卫工人有没有住房补贴？").answerable


def test_a_task_named_by_number_states_its_title_once(full_assistant):
    """"第95项是哪项改革？": the title names the 改革; it is not repeated as the sentence naming the kind."""
    a = full_assistant.ask("穗府〔2022〕2号第95项是哪项改革？")
    assert a.answerable and direct(a).count("启动营商环境5.0版本改革") == 1


def test_an_everyday_word_of_the_data_file_finds_the_documents_term(full_assistant):
    """年假 -> 年休假 (data file [colloquial]): the rule on untaken annual leave is quoted first."""
    a = full_assistant.ask("环卫工人应休的年假没有休，单位要按日工资的多少倍支付？")
    assert a.answerable and "300%" in direct(a)


@pytest.mark.parametrize(("question", "shown"), [
    # the 文号 printed after an appointment is part of its sentence: "哪个文号" is answered
    ("廖荣辉被免去司法局局长，用的是哪个文号？", ("穗人社任免〔2022〕10号",)),
    # the title "优化社会救助和慈善制度" does not name the 办法 asked about; the measure does
    ("2023年出台特困人员认定办法由哪个厅牵头？", ("广东省特困人员认定办法", "省民政厅牵头")),
    # a count in words answers a "how many"
    ("2022年每条产业链要确定几家链主企业？", ("两至三家",)),
    # "第几次会议上被免的": the meeting heads the appointments it decided ("第六十五次会议决定:")
    ("廖荣辉是在市人大常委会第几次会议上被免职的？", ("第六十五次", "廖荣辉")),
    # the notice around a task list is searched too: its closing requirements, its preamble
    ("2023年民生实事的分解任务落实情况每月什么时候报？", ("每月第3个工作日前",)),
    ("2024年广州的责任分工是市政府哪次常务会议通过的？", ("第16届61次常务会议",)),
    # "省里" says whose document it is, not what the sentence holds: the list is still chosen
    ("22年省里要抓紧推进哪几个文化项目？", ("三馆合一", "广东粤剧文化中心")),
    # a chapter asked for: its heading is the answer, said first
    ("十四五规划里讲全面建设海洋强省的是哪一章？", ("第十三章",)),
    # "哪些地方" only asks: its 地方 is no word the answer must hold
    ("22年广州对口支援的是哪些地方？", ("毕节", "巫山")),
    # a document's issue date is its signature's
    ("广州规范环卫行业用工的那份意见，是哪天印发的？", ("2024年2月5日",)),
    ("穗府〔2022〕2号是什么时候印发的？", ("2022年2月14日",)),
    # "市里" scopes to the city's task lists first, then to the city's other documents
    ("环卫作业单位的充电设施，市里哪个部门负责督促安全管理？", ("市城市管理综合执法部门",)),
    # a range of amounts asked finds the row printing that range
    ("广州区片价一亩20万到50万之间的，征地社保费计提比例是多少？", ("11%",)),
])
def test_the_direct_answer_states_what_was_asked(full_assistant, question, shown):
    a = full_assistant.ask(question)
    assert a.answerable and all(s in direct(a) for s in shown)


def test_a_task_to_issue_something_is_not_answered_by_the_signature(full_assistant):
    """"什么时候印发X" about a task that issues X is no question about the document's own date."""
    a = full_assistant.ask("2024年广州什么时候印发低空经济发展的实施方案？")
    assert "落款" not in a.answer
