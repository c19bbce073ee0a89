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


def all_pages(client: httpx.Client, page_size: int, **filters) -> tuple[int, list[dict]]:
    """(total, items of every page in order) for one filter."""
    items, page, total = [], 1, None
    while True:
        data = get(client, "/api/tasks", page=page, page_size=page_size, **filters)
        assert (data["page"], data["page_size"]) == (page, page_size)
        assert total is None or data["total"] == total
        total = data["total"]
        if not data["items"]:
            return total, items
        assert len(data["items"]) <= page_size
        items += data["items"]
        page += 1


def test_task_pages_partition_the_filtered_list(client: httpx.Client) -> None:
    total, by_100 = all_pages(client, 100, doc_id=PROVINCE_2023)
    assert total == len(by_100) > 100
    total_7, by_7 = all_pages(client, 7, doc_id=PROVINCE_2023)
    assert (total_7, by_7) == (total, by_100)
    assert len({t["task_no"] for t in by_100}) == total  # no task twice
    assert all(t["doc_id"] == PROVINCE_2023 for t in by_100)
    assert set(by_100[0]) >= {"doc_id", "task_no", "title", "leaders", "lead_units", "co_units"}


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
