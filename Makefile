# `make run` and `make test` each set up .venv first, so both work on a fresh clone.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HEADLESS := SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

.PHONY: run test test-bench validate autoplay bench catalogues clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py play

test: $(STAMP)
	$(HEADLESS) $(PY) -m pytest -q

# the benchmark's whole run, kept out of `make test` (about 1.5 min)
test-bench: $(STAMP)
	$(HEADLESS) $(PY) -m pytest -q -m bench tests/benchmarks

validate: $(STAMP)
	$(PY) main.py validate --coverage

autoplay: $(STAMP)
	$(HEADLESS) $(PY) main.py autoplay --scenario all --screenshots shots

bench: $(STAMP)
	$(HEADLESS) $(PY) main.py bench

# the keys the code asks for (t("…")), extracted by Babel: a template for a new catalogue
# (a new language = game/i18n/locale/<lang>/LC_MESSAGES/diva.po, copied from the French one and translated)
catalogues: $(STAMP)
	mkdir -p build
	$(VENV)/bin/pybabel extract --no-default-keywords -k t -o build/diva.pot game scenes

clean:
	rm -rf $(VENV) build *.egg-info shots
