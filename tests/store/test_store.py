"""The same store tests against embedded Chroma and a real Chroma server (`chroma run`)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.errors import StoreUnavailableError
from assistant.ingest.pipeline import ingest
from assistant.store.store import Store
from assistant.store.vector_store import open_client
from tests.conftest import free_port, stop_process


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """A Chroma server on 127.0.0.1, started for this module and stopped afterwards."""
    exe = Path(sys.executable).parent / "chroma"
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([str(exe), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            open_client(url, None)
            break
        except StoreUnavailableError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("chroma server did not start within 60 s")
    yield url
    stop_process(proc)


@pytest.fixture(params=["embedded", "server"])
def store_settings(request, mini_settings):
    if request.param == "server":
        return mini_settings.model_copy(update={"chroma_url": request.getfixturevalue("chroma_server")})
    return mini_settings


@pytest.mark.integration
def test_store_invariants(store_settings):
    summary = ingest(store_settings, progress=False)
    store = Store.open(store_settings)
    ids = [p.passage_id for p in store.records.passages]
    assert len(ids) == len(set(ids)) == store.vectors.count() == summary.passages
    # Re-adding (a forced rebuild) changes nothing users can see.
    ingest(store_settings, progress=False, force=True)
    again = Store.open(store_settings)
    assert [p.passage_id for p in again.records.passages] == ids
    assert again.vectors.count() == len(ids)


@pytest.mark.integration
def test_dense_search_finds_the_task(store_settings):
    ingest(store_settings, progress=False)
    store = Store.open(store_settings)
    vec = store.embedder.embed_query("城镇新增就业和失业率目标")
    hits = store.vectors.query(vec, 3)
    top = store.records.passages[store.records.passage_index[hits[0].passage_id]]
    assert top.task_no == "9"
    filtered = store.vectors.query(vec, 3, {"task_no": {"$in": ["1", "2"]}})
    assert {store.records.passages[store.records.passage_index[h.passage_id]].task_no for h in filtered} <= {"1", "2"}


def test_bm25_uses_chinese_words(mini_settings):
    ingest(mini_settings, progress=False)
    store = Store.open(mini_settings)
    scores = store.bm25.scores("社会消费品零售总额")
    best = store.records.passages[int(scores.argmax())]
    assert best.task_no == "3"
    assert "省发展改革委" in store.bm25.tokenizer.tokenize("省发改委牵头")


def test_chroma_server_down_is_a_clear_error(mini_settings):
    settings = mini_settings.model_copy(update={"chroma_url": f"http://127.0.0.1:{free_port()}"})
    with pytest.raises(StoreUnavailableError, match="not reachable"):
        ingest(settings, progress=False)


def test_missing_index_is_a_clear_error(mini_settings):
    from assistant.errors import IndexNotReadyError

    with pytest.raises(IndexNotReadyError, match="run `assistant ingest` first"):
        Store.open(mini_settings)


def test_damaged_index_is_a_clear_error(mini_settings):
    from assistant.errors import IndexNotReadyError
    from assistant.store.layout import current_build
    from assistant.store.store import RECORDS_FILE

    ingest(mini_settings, progress=False)
    (current_build(mini_settings.index_dir) / RECORDS_FILE).write_text("{broken", encoding="utf-8")
    with pytest.raises(IndexNotReadyError, match="damaged"):
        Store.open(mini_settings)
