"""GET /api/documents and GET /api/tasks (filters, pagination) against the real index."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.integration

PROVINCE_2023 = "粤府〔2023〕18号"


def get(client: httpx.Client, path: str, **params) -> dict:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_documents_list_ids_titles_and_counts(client: httpx.Client) -> None:
    data = get(client, "/api/documents")
    assert data["total"] == len(data["documents"]) >= 5
    ids = {d["doc_id"] for d in data["documents"]}
    assert {PROVINCE_2023, "粤府〔2022〕13号", "穗府〔2024〕1号", "穗府〔2022〕2号"} <= ids
    for doc in data["documents"]:
        assert doc["title"]
        assert isinstance(doc["tasks"], int)
    assert next(d for d in data["documents"] if d["doc_id"] == PROVINCE_2023)["tasks"] > 0


def test_task_pages_partition_the_filtered_list(client: httpx.Client) -> None:
    total = get(client, "/api/tasks", doc_id=PROVINCE_2023, page_size=100)
    assert total["total"] == len(total["items"]) > 10
    seen = []
    page = 1
    while True:
        data = get(client, "/api/tasks", doc_id=PROVINCE_2023, page=page, page_size=7)
        assert data["total"] == total["total"]
        assert (data["page"], data["page_size"]) == (page, 7)
        if not data["items"]:
            break
        assert len(data["items"]) <= 7
        seen += data["items"]
        page += 1
    assert seen == total["items"]
    assert all(t["doc_id"] == PROVINCE_2023 for t in seen)
    assert set(seen[0]) >= {"doc_id", "task_no", "title", "leaders", "lead_units", "co_units"}


def test_leader_filter(client: httpx.Client) -> None:
    data = get(client, "/api/tasks", leader="张虎", page_size=100)
    assert data["total"] > 0
    assert all("张虎" in t["leaders"] for t in data["items"])


def test_unit_filter(client: httpx.Client) -> None:
    data = get(client, "/api/tasks", unit="农业农村厅", page_size=100)
    assert data["total"] > 0
    assert all(any("农业农村厅" in u for u in t["lead_units"] + t["co_units"])
               for t in data["items"])


def test_text_filter_combines_with_document(client: httpx.Client) -> None:
    data = get(client, "/api/tasks", doc_id=PROVINCE_2023, q="粮食")
    assert data["total"] > 0
    assert all(t["doc_id"] == PROVINCE_2023 for t in data["items"])


def test_no_match_is_an_empty_page(client: httpx.Client) -> None:
    data = get(client, "/api/tasks", leader="不存在的人")
    assert data == {"total": 0, "page": 1, "page_size": 20, "items": []}


def test_page_past_the_end_is_empty(client: httpx.Client) -> None:
    data = get(client, "/api/tasks", doc_id=PROVINCE_2023, page=10_000)
    assert data["items"] == [] and data["total"] > 0
