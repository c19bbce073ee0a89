"""`serve --workers N`: each worker rebuilds the same settings from ASSISTANT_* variables."""

from __future__ import annotations

from pathlib import Path

from assistant.api.server import worker_environment
from assistant.config import Settings
from assistant.store.embedders import cores


def test_worker_environment_rebuilds_the_settings(monkeypatch, tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "idx", top_k=7, query_cache_size=0, workers=2,
                        skip_dense_when_decisive=False, api_key="k")
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    env = worker_environment(settings)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    rebuilt = Settings()
    assert rebuilt.index_dir == settings.index_dir and rebuilt.top_k == 7
    assert rebuilt.query_cache_size == 0 and rebuilt.skip_dense_when_decisive is False
    assert rebuilt.api_key == "k" and rebuilt.workers == 2
    # two workers share the cores: each embedding uses half of them; each worker may run one
    # embedding and one answer per core
    assert rebuilt.omp_num_threads == max(1, cores() // 2)
    assert rebuilt.embed_concurrency == 0 and rebuilt.max_concurrent_answers == cores()


def test_an_explicit_answer_cap_is_kept(monkeypatch) -> None:
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    env = worker_environment(Settings(workers=2, max_concurrent_answers=6))
    assert env["ASSISTANT_MAX_CONCURRENT_ANSWERS"] == "6"


def test_one_worker_keeps_automatic_threads(monkeypatch) -> None:
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    env = worker_environment(Settings(workers=1))
    assert env["ASSISTANT_OMP_NUM_THREADS"] == "0" and env["ASSISTANT_EMBED_CONCURRENCY"] == "0"
