"""The workbench endpoints over real HTTP: /api/source, /api/documents/{doc_id},
/api/tasks with year / role / format, /api/feedback."""

from __future__ import annotations

import csv
import io
import threading
from urllib.parse import quote

import httpx
import pytest
from live_server import API_KEY, assert_error
from openpyxl import load_workbook

pytestmark = pytest.mark.integration

DOC = "穗府〔2024〕1号"


def test_source_of_a_task(client: httpx.Client, assistant) -> None:
    r = client.get("/api/source", params={"doc_id": "粤府〔2023〕18号", "task_no": "10"})
    assert r.status_code == 200, r.text
    body = r.json()
    task = assistant.records.task_by_key[("粤府〔2023〕18号", "10")]
    assert body["span"] == list(task.span)
    assert "粮食产量" in body["cited"] and body["before"] and body["after"]
    assert body["anchor"] == "task-10" and body["label"] == "任务第10项"


def test_source_of_a_cited_passage(client: httpx.Client) -> None:
    answer = client.post("/api/ask", json={"question": "环卫工人工龄工资怎么算？"}).json()
    c = next(c for c in answer["citations"] if not c["task_no"])
    r = client.get("/api/source", params={"doc_id": c["doc_id"], "section": c["section"],
                                          "text": c["text"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["exact"] and body["anchor"].startswith("sec-")
    first_line = c["text"].strip().splitlines()[0].replace(" ", "")[:10]
    assert first_line in body["cited"].replace(" ", "").replace("\n", "")
    if c.get("highlight"):
        focused = client.get("/api/source", params={"doc_id": c["doc_id"], "section": c["section"],
                                                    "text": c["text"], "highlight": c["highlight"]}).json()
        a, b = focused["focus"]
        assert 0 <= a < b <= len(focused["cited"])


def test_source_errors(client: httpx.Client) -> None:
    assert_error(client.get("/api/source", params={"doc_id": "粤府〔2023〕18号", "task_no": "999"}),
                 404, "SourceNotFoundError")
    assert_error(client.get("/api/source", params={"doc_id": "无此文件", "task_no": "1"}),
                 404, "DocumentNotFoundError")
    assert_error(client.get("/api/source", params={"doc_id": "粤府〔2023〕18号"}), 404)
    assert_error(client.get("/api/source"), 422, "ValidationError")


def test_document_detail(client: httpx.Client, assistant) -> None:
    r = client.get(f"/api/documents/{quote(DOC)}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["doc_id"] == DOC and body["issuer"] and body["year"] == 2024
    tasks = [i for i in body["items"] if i["type"] == "task"]
    assert len(tasks) == len(assistant.records.tasks_by_doc[DOC]) == body["tasks"]
    assert any(i["anchor"] == "task-10" for i in tasks)
    assert_error(client.get("/api/documents/%E6%97%A0"), 404, "DocumentNotFoundError")


def expected_lead(assistant, unit: str) -> list[tuple[str, str]]:
    return [(t.doc_id, t.task_no) for t in assistant.records.tasks
            if t.doc_id == DOC and any(unit in u for u in t.lead_units)]


def test_tasks_role_year_and_exports(client: httpx.Client, assistant) -> None:
    want = expected_lead(assistant, "市商务局")
    params = {"doc_id": DOC, "unit": "市商务局", "role": "lead"}
    data = client.get("/api/tasks", params={**params, "page_size": 100}).json()
    assert data["total"] == len(want) > 0
    assert sorted((t["doc_id"], t["task_no"]) for t in data["items"]) == sorted(want)
    co = client.get("/api/tasks", params={**params, "role": "co"}).json()["total"]
    either = client.get("/api/tasks", params={**params, "role": "any"}).json()["total"]
    assert max(co, data["total"]) <= either <= co + data["total"]
    by_year = client.get("/api/tasks", params={"year": 2024, "q": "就业", "page_size": 100}).json()
    assert by_year["total"] > 0 and all(t["doc_id"].startswith("穗府〔2024〕") for t in by_year["items"])

    r = client.get("/api/tasks", params={**params, "format": "xlsx"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("文件", "年份", "序号")
    assert sorted((row[0], str(row[2])) for row in rows[1:]) == sorted(want)

    r = client.get("/api/tasks", params={**params, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    parsed = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(parsed) == len(want) + 1 and r.headers["x-total-count"] == str(len(want))
    assert_error(client.get("/api/tasks", params={"role": "boss"}), 422, "ValidationError")
    assert_error(client.get("/api/tasks", params={"format": "pdf"}), 422, "ValidationError")


FEEDBACK = {"rating": "up", "question": "谁负责粮食产量？", "comment": "来源准确",
            "answer": "省农业农村厅牵头。", "answerable": True,
            "citations": [{"doc_id": "粤府〔2023〕18号", "doc_title": "……", "task_no": "10",
                           "section": "", "text": "粮食产量1268万吨以上。"}]}


def test_feedback_round_trip_and_concurrent_posts(client: httpx.Client, server: str) -> None:
    before = client.get("/api/feedback").json()["total"]
    r = client.post("/api/feedback", json=FEEDBACK)
    assert r.status_code == 201, r.text
    fid = r.json()["id"]
    errors: list[str] = []

    def post_many(c: int) -> None:
        with httpx.Client(base_url=server, timeout=60) as own:
            for i in range(10):
                resp = own.post("/api/feedback", json={**FEEDBACK, "comment": f"{c}-{i}"})
                if resp.status_code != 201:
                    errors.append(resp.text)

    threads = [threading.Thread(target=post_many, args=(c,)) for c in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    listing = client.get("/api/feedback", params={"page_size": 500}).json()
    assert listing["total"] == before + 81
    mine = next(i for i in listing["items"] if i["id"] == fid)
    assert mine["comment"] == "来源准确" and mine["build_id"] and mine["citations"][0]["task_no"] == "10"
    assert {i["comment"] for i in listing["items"]} >= {f"{c}-{i}" for c in range(8) for i in range(10)}


@pytest.mark.parametrize(("body", "type_"), [
    ({**FEEDBACK, "comment": "长" * 2001}, "InvalidFeedbackError"),
    ({**FEEDBACK, "comment": 42}, "ValidationError"),
    ({**FEEDBACK, "rating": "meh"}, "ValidationError"),
    ({**FEEDBACK, "question": ""}, "ValidationError"),
    ({"rating": "up"}, "ValidationError"),
])
def test_bad_feedback_is_a_clear_422(client: httpx.Client, body: dict, type_: str) -> None:
    message = assert_error(client.post("/api/feedback", json=body), 422, type_)
    if type_ == "InvalidFeedbackError":
        assert "2001 characters; the limit is 2000" in message


def test_malformed_feedback_json_is_a_422(client: httpx.Client) -> None:
    r = client.post("/api/feedback", content=b"{not json", headers={"Content-Type": "application/json"})
    assert_error(r, 422, "MalformedJSONError")


def test_workbench_routes_need_the_key_when_set(keyed_server: str) -> None:
    with httpx.Client(base_url=keyed_server, timeout=60) as c:
        for method, path, kw in [("GET", "/api/source", {"params": {"doc_id": DOC, "task_no": "1"}}),
                                 ("GET", f"/api/documents/{quote(DOC)}", {}),
                                 ("GET", "/api/feedback", {}),
                                 ("POST", "/api/feedback", {"json": FEEDBACK})]:
            assert_error(c.request(method, path, **kw), 401, "UnauthorizedError")
            ok = c.request(method, path, headers={"Authorization": f"Bearer {API_KEY}"}, **kw)
            assert ok.status_code in (200, 201), ok.text


def test_favicon(client: httpx.Client) -> None:
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"] == "image/x-icon" and r.content[:4] == b"\0\0\1\0"
