"""POST /api/ask over real HTTP against the real index."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

pytestmark = pytest.mark.integration

ANSWER_KEYS = {"answer", "answerable", "citations", "records", "latency_ms", "answer_markdown",
               "resolved_question", "intent"}
CITATION_KEYS = {"doc_id", "doc_title", "task_no", "section", "text", "score", "highlight", "kind", "display"}


def ask(client: httpx.Client, question: str, **body) -> dict:
    r = client.post("/api/ask", json={"question": question, **body})
    assert r.status_code == 200, r.text
    return r.json()


def test_answer_has_the_contract_shape_and_cites_the_source(client: httpx.Client) -> None:
    data = ask(client, "谁负责粮食产量？")
    assert set(data) == ANSWER_KEYS
    assert data["answerable"] is True
    assert "农业农村厅" in data["answer"]
    assert data["citations"], data
    for c in data["citations"]:
        assert set(c) == CITATION_KEYS
        assert c["doc_id"] and c["text"]
    assert "粤府〔2023〕18号" in {c["doc_id"] for c in data["citations"]}
    assert data["latency_ms"] >= 0


def test_follow_up_uses_history(client: httpx.Client) -> None:
    first = ask(client, "谁负责粮食产量？")
    history = [{"role": "user", "content": "谁负责粮食产量？"},
               {"role": "assistant", "content": first["answer"]}]
    data = ask(client, "配合单位有哪些？", history=history)
    assert data["answerable"] is True, data
    assert data["resolved_question"] and data["resolved_question"] != "配合单位有哪些？"
    assert data["citations"]


def test_scope_limits_citations_to_one_document(client: httpx.Client) -> None:
    data = ask(client, "菜篮子工作谁牵头？", scope="穗府〔2024〕1号")
    assert data["citations"], data
    assert {c["doc_id"] for c in data["citations"]} == {"穗府〔2024〕1号"}


def test_question_outside_the_corpus_is_refused(client: httpx.Client) -> None:
    data = ask(client, "深圳市2023年政府工作报告工作分工中，谁负责粮食生产？")
    assert data["answerable"] is False, data
    assert data["answer"]


def test_question_is_stripped_before_answering(client: httpx.Client) -> None:
    assert ask(client, "  谁负责粮食产量？\n")["answer"] == ask(client, "谁负责粮食产量？")["answer"]


def test_concurrent_requests_get_the_same_answer(server: str) -> None:
    def one(_: int) -> dict:
        with httpx.Client(base_url=server, timeout=60) as c:
            return ask(c, "张虎分管哪些任务？")

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, range(4)))
    answers = {r["answer"] for r in results}
    assert len(answers) == 1
    assert all(r["citations"] == results[0]["citations"] for r in results)
