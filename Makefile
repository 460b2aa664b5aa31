# Stadtwarn: `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test fast lint format run bench model clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m bot demo

test: $(STAMP) lint
	@# two workers: the slowest tests wait on the stand-in's pacing, not on the CPU; a worker
	@# that runs out of tests takes some of the other's (worksteal), so no long tail on one
	$(BIN)/python -m pytest -n 2 --dist worksteal --durations=15

fast: $(STAMP)
	@# the developer's loop: every test but those marked slow, under a minute (`make test` runs all)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

run: $(STAMP)
	$(BIN)/python -m bot run

bench: $(STAMP)
	@# bench/broadcast.py at its default: 3,000 subscribers, three rows (~6 min); 10,000: --subscribers 10000.
	@# bench/train_detector.py is `make model` (it writes the shipped model), not a benchmark;
	@# bench/detector_dev.py is a design aid on the train and dev splits.
	@for script in bench/[!_]*.py; do \
		[ $$script = bench/train_detector.py ] && continue; \
		[ $$script = bench/detector_dev.py ] && continue; \
		echo "== $$script"; $(BIN)/python $$script || exit 1; done

model: $(STAMP)
	@# the scam detector: train split -> weights, dev split -> thresholds; writes bot/numbercheck/data/detector.npz
	$(BIN)/python bench/train_detector.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
