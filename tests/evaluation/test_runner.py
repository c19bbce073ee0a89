"""The eval runner on question files it has never seen, with a fake assistant (no index)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import IndexNotReadyError, InvalidQuestionError
from assistant.evaluation import baseline as baseline_module
from assistant.evaluation.questions import QuestionFileError, load_questions
from assistant.evaluation.runner import EvalRunError, main, run_eval
from assistant.records import Answer, Citation, Turn

REAL_QUESTIONS = Path(__file__).parent / "data" / "real_questions.jsonl"

QUESTIONS = [
    {"id": "u1", "type": "responsibility", "question": "2023年进出口总额增长目标由哪个部门牵头？",
     "expected": {"citations": [{"doc_id": "粤府〔2023〕18号", "task_no": "4"}],
                  "must_include": ["商务厅"], "answerable": True},
     "note": "extra keys are ignored"},
    {"id": "u2", "type": "followup", "question": "这项工作由哪位市领导分管？",
     "history": [{"role": "user", "content": "2024年广州社会消费品零售总额增长目标是多少？"},
                 {"role": "assistant", "content": "增长5.5%，由市商务局牵头。"}],
     "expected": {"citations": [{"doc_id": "穗府〔2024〕1号", "task_no": 3}],
                  "must_include": ["谭萍"], "answerable": True}},
    {"id": "u3", "type": "refusal", "question": "北京冬奥会场馆建设由哪个部门牵头？",
     "expected": {"citations": [], "must_include": [], "answerable": False}},
    {"id": "u4", "type": "responsibility", "question": "2023年粮食产量目标由哪位省领导分管？",
     "expected": {"citations": [{"doc_id": "粤府〔2023〕18号", "task_no": "10"}],
                  "must_include": ["陈良贤"], "answerable": True}},
]


def cite(doc_id: str, task_no: str | None) -> Citation:
    return Citation(doc_id=doc_id, doc_title="", text="…", task_no=task_no, score=0.9)


class FakeAssistant:
    """Answers from a script keyed by question; records every call."""

    def __init__(self, script: dict[str, Answer | Exception]) -> None:
        self.script = script
        self.calls: list[tuple[str, list, str | None]] = []

    def ask(self, question, history=None, scope=None):
        self.calls.append((question, list(history or []), scope))
        result = self.script[question]
        if isinstance(result, Exception):
            raise result
        return result


def good_script() -> dict[str, Answer | Exception]:
    return {
        QUESTIONS[0]["question"]: Answer("由省商务厅牵头。", True, (cite("粤府〔2023〕18号", "4"),)),
        QUESTIONS[1]["question"]: Answer("由谭萍分管。", True,
                                         (cite("穗府〔2024〕1号", "1"), cite("穗府 〔２０２４〕 1 号", "３"))),
        QUESTIONS[2]["question"]: Answer("语料中没有找到北京冬奥会场馆建设的分工。", False),
        # right person, wrong document: answer accurate, citation a failure
        QUESTIONS[3]["question"]: Answer("由陈良贤分管。", True, (cite("粤府〔2022〕13号", "10"),)),
    }


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def questions_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "unseen.jsonl", QUESTIONS)


def test_runs_scores_and_writes_results_and_report(tmp_path, questions_file, capsys):
    fake = FakeAssistant(good_script())
    out, report = tmp_path / "out" / "results.jsonl", tmp_path / "report.md"

    metrics = run_eval(Settings(), questions_file, out, report, progress=False, assistant=fake)

    # every question asked once, in order, with its history as Turns
    assert [c[0] for c in fake.calls] == [q["question"] for q in QUESTIONS]
    assert fake.calls[1][1] == [Turn("user", "2024年广州社会消费品零售总额增长目标是多少？"),
                                Turn("assistant", "增长5.5%，由市商务局牵头。")]
    assert fake.calls[0][1] == []

    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["u1", "u2", "u3", "u4"]
    assert all(set(r) == {"id", "question", "response", "latency_ms"} for r in lines)
    assert lines[0]["response"] == good_script()[QUESTIONS[0]["question"]].to_dict()
    assert lines[2]["response"]["answerable"] is False

    overall = metrics["overall"]
    assert overall["n"] == 4
    assert overall["answer_accuracy"] == 1.0  # 3 of 3 answerable state the facts
    assert overall["hit@1"] == pytest.approx(1 / 3)  # u2's match is at rank 2, u4 cites the wrong doc
    assert overall["hit@5"] == pytest.approx(2 / 3)
    assert overall["mrr"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert overall["refusal_accuracy"] == 1.0
    assert overall["latency_p95_ms"] is not None
    assert set(metrics["by_type"]) == {"responsibility", "followup", "refusal"}
    assert [f["id"] for f in metrics["failures"]] == ["u4"]
    assert "wrong doc" in metrics["failures"][0]["why"][0]

    printed = capsys.readouterr().out
    assert "overall" in printed and "hit@5" in printed
    assert "failures: 1 of 4" in printed and "u4" in printed

    md = report.read_text(encoding="utf-8")
    for heading in ("### Per type", "### Per document", "## Metrics", "## Failures (1 of 4)"):
        assert heading in md
    assert "| 粤府〔2023〕18号 | 2 |" in md  # u1 and u4 expect it
    assert "| (no expected citation) | 1 |" in md
    assert "naive" not in md


def test_wrong_refusals_and_answers_are_listed_with_reasons(tmp_path, questions_file):
    script = good_script()
    script[QUESTIONS[0]["question"]] = Answer("没有找到。", False)
    script[QUESTIONS[1]["question"]] = Answer("由陈杰分管。", True, (cite("穗府〔2024〕1号", "3"),))
    script[QUESTIONS[2]["question"]] = Answer("由市体育局牵头。", True, (cite("穗府〔2024〕1号", "9"),))
    metrics = run_eval(Settings(), questions_file, tmp_path / "r.jsonl", tmp_path / "r.md",
                       progress=False, assistant=FakeAssistant(script))
    why = {f["id"]: "; ".join(f["why"]) for f in metrics["failures"]}
    assert "refused wrongly" in why["u1"]
    assert "missing strings: 「谭萍」" in why["u2"]
    assert why["u3"] == "should have refused"
    assert metrics["by_type"]["refusal"]["refusal_accuracy"] == 0.0
    assert "should have refused" in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_assistant_error_on_one_question_is_recorded_and_the_run_goes_on(tmp_path, questions_file):
    script = good_script()
    script[QUESTIONS[2]["question"]] = InvalidQuestionError("question too long")
    out = tmp_path / "r.jsonl"
    metrics = run_eval(Settings(), questions_file, out, tmp_path / "r.md", progress=False,
                       assistant=FakeAssistant(script))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    assert "InvalidQuestionError" in json.loads(lines[2])["response"]["error"]
    assert metrics["by_type"]["refusal"]["refusal_accuracy"] == 0.0  # an error is not a refusal


def test_assistant_crash_names_the_question(tmp_path, questions_file):
    script = good_script()
    script[QUESTIONS[1]["question"]] = KeyError("boom")
    with pytest.raises(EvalRunError, match=r"question 'u2' \(line 2\)"):
        run_eval(Settings(), questions_file, tmp_path / "r.jsonl", tmp_path / "r.md",
                 progress=False, assistant=FakeAssistant(script))
    assert len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_malformed_line_is_a_clear_error_naming_the_line(tmp_path, capsys):
    path = tmp_path / "broken.jsonl"
    good = json.dumps(QUESTIONS[0], ensure_ascii=False)
    path.write_text(good + "\n" + '{"id": "u2", "type": "fact", "question": "漏了括号"\n', encoding="utf-8")
    fake = FakeAssistant(good_script())
    out = tmp_path / "r.jsonl"
    with pytest.raises(QuestionFileError, match=r"broken\.jsonl:2: not valid JSON"):
        run_eval(Settings(), path, out, tmp_path / "r.md", progress=False, assistant=fake)
    assert fake.calls == [] and not out.exists()  # nothing is asked before the file is read whole

    # the CLI entry turns it into one readable line and exit code 1
    assert main(Settings(), path, out, tmp_path / "r.md", None) == 1
    assert "broken.jsonl:2" in capsys.readouterr().err


@pytest.mark.parametrize("row, message", [
    ({"id": "x", "type": "t", "expected": {"answerable": True}}, "missing key 'question'"),
    ({"id": "x", "type": "t", "question": "q"}, "missing key 'expected'"),
    ({"id": "x", "type": "t", "question": "q", "expected": {"answerable": "yes"}},
     "expected.answerable must be true or false"),
    ({"id": "x", "type": "t", "question": "q", "expected": {"answerable": True, "citations": [{"task_no": "1"}]}},
     r"expected.citations\[0\] must be an object with a non-empty doc_id"),
    ({"id": "x", "type": "t", "question": "q", "expected": {"answerable": True},
      "history": [{"role": "system", "content": "hi"}]}, r"history\[0\] must be"),
    ([1, 2], "expected a JSON object"),
])
def test_wrong_shapes_are_named(tmp_path, row, message):
    path = write_jsonl(tmp_path / "q.jsonl", [row])
    with pytest.raises(QuestionFileError, match=message):
        load_questions(path)


def test_duplicate_ids_blank_lines_and_missing_file(tmp_path):
    path = tmp_path / "q.jsonl"
    line = json.dumps(QUESTIONS[2], ensure_ascii=False)
    path.write_text(line + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="'u3' already used on line 1"):
        load_questions(path)
    with pytest.raises(QuestionFileError, match="does not exist"):
        load_questions(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="holds no questions"):
        load_questions(tmp_path / "empty.jsonl")


def test_task_no_numbers_become_strings_and_history_is_optional(questions_file):
    qs = load_questions(questions_file)
    assert qs[1].expected.citations[0].task_no == "3"
    assert qs[0].history == () and len(qs[1].history) == 2
    assert [q.line for q in qs] == [1, 2, 3, 4]


def test_the_real_question_sample_parses():
    qs = load_questions(REAL_QUESTIONS)
    assert len(qs) == 10 and any(q.history for q in qs) and any(not q.expected.answerable for q in qs)


def test_unknown_baseline_is_rejected(tmp_path, questions_file):
    with pytest.raises(EvalRunError, match="unknown baseline 'fancy'"):
        run_eval(Settings(), questions_file, tmp_path / "r.jsonl", baseline="fancy",
                 assistant=FakeAssistant(good_script()))


def test_naive_baseline_table_sits_beside_our_scores(tmp_path, questions_file, monkeypatch, capsys):
    """The side-by-side table, with the naive retrievals stubbed (the real ones need the model)."""
    def fake_retrievals(settings, questions, k=5, progress=True):
        passages = {"u1": ["4. 进出口总额增长 ３％。\n部门分工：省商务厅牵头"],  # evidence@1
                    "u2": ["无关", "无关", "分管市领导 谭 萍"],  # only evidence@5
                    "u3": ["无关"],
                    "u4": ["无关"]}  # neither
        return passages, {"pipeline": "naive", "chunk_size": 512, "chunk_overlap": 50,
                          "chunks": 3, "top_k": 5, "uses_history": False}

    monkeypatch.setattr(baseline_module, "naive_retrievals", fake_retrievals)
    report = tmp_path / "r.md"
    metrics = run_eval(Settings(), questions_file, tmp_path / "r.jsonl", report, baseline="naive",
                       progress=False, assistant=FakeAssistant(good_script()))
    comp = metrics["baseline"]["comparison"]
    assert comp["overall"]["n"] == 3  # the refusal question is left out
    assert comp["overall"]["evidence@1"] == pytest.approx(1 / 3)
    assert comp["overall"]["evidence@5"] == pytest.approx(2 / 3)
    assert comp["overall"]["answer_accuracy"] == 1.0
    assert comp["by_type"]["followup"]["evidence@5"] == 1.0
    md = report.read_text(encoding="utf-8")
    assert "## Ours vs a naive RAG pipeline" in md and "naive: evidence@5" in md
    assert "SentenceSplitter(chunk_size=512, chunk_overlap=50)" in md
    assert "naive: evidence@1" in capsys.readouterr().out


@pytest.mark.slow
def test_real_assistant_on_five_real_questions(tmp_path):
    """The real Assistant end to end on 5 real questions; skipped until an index is built."""
    from assistant.retrieve.assistant import Assistant

    settings = Settings()
    try:
        assistant = Assistant.load(settings)
    except (IndexNotReadyError, NotImplementedError) as exc:
        pytest.skip(f"no usable index under {settings.index_dir}: {exc}")
    five = tmp_path / "five.jsonl"
    five.write_text("".join(REAL_QUESTIONS.read_text(encoding="utf-8").splitlines(keepends=True)[:5]),
                    encoding="utf-8")
    out, report = tmp_path / "results.jsonl", tmp_path / "report.md"

    metrics = run_eval(settings, five, out, report, progress=False, assistant=assistant)

    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["r01", "r02", "r03", "r04", "r05"]
    for r in rows:
        resp = r["response"]
        assert isinstance(resp["answer"], str) and resp["answer"].strip()
        assert isinstance(resp["answerable"], bool)
        assert all(c["doc_id"] for c in resp["citations"])
        assert r["latency_ms"] > 0
    assert metrics["overall"]["n"] == 5
    assert report.exists()


def test_scope_is_passed_to_ask_and_scored(tmp_path):
    rows = [dict(QUESTIONS[0], scope="粤府〔2023〕18号"),
            dict(QUESTIONS[3], scope="粤府〔2023〕18号"),  # the script cites 粤府〔2022〕13号: outside
            QUESTIONS[2]]
    path = write_jsonl(tmp_path / "scoped.jsonl", rows)
    fake = FakeAssistant(good_script())
    metrics = run_eval(Settings(), path, tmp_path / "r.jsonl", progress=False, assistant=fake)
    assert [c[2] for c in fake.calls] == ["粤府〔2023〕18号", "粤府〔2023〕18号", None]
    assert metrics["overall"]["scope_n"] == 2
    assert metrics["overall"]["scope_accuracy"] == 0.5
    why = {f["id"]: "; ".join(f["why"]) for f in metrics["failures"]}
    assert "citation outside scope 粤府〔2023〕18号: 粤府〔2022〕13号 #10" in why["u4"]


def test_no_report_is_written_unless_asked(tmp_path, questions_file, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "eval").mkdir()
    run_eval(Settings(), questions_file, tmp_path / "r.jsonl", progress=False,
             assistant=FakeAssistant(good_script()))
    assert list(tmp_path.rglob("*.md")) == []
    assert "report: (none" in capsys.readouterr().out
    run_eval(Settings(), questions_file, tmp_path / "r.jsonl", tmp_path / "eval" / "x.md", progress=False,
             assistant=FakeAssistant(good_script()))
    assert (tmp_path / "eval" / "x.md").exists()


def test_cli_eval_writes_a_report_only_with_report(tmp_path, questions_file, monkeypatch):
    """`assistant eval` through click: the report option is passed through, absent means none."""
    from click.testing import CliRunner

    from assistant import cli
    from assistant.evaluation import runner

    seen = []
    monkeypatch.setattr(runner, "main", lambda settings, questions, out, report, baseline: seen.append(report) or 0)
    for args in ([], ["--report", str(tmp_path / "r.md")]):
        result = CliRunner().invoke(cli.main, ["eval", "--questions", str(questions_file),
                                               "--out", str(tmp_path / "r.jsonl"), *args])
        assert result.exit_code == 0, result.output
    assert seen == [None, tmp_path / "r.md"]
