# `make run` and `make test` each set up .venv first, so both work on a fresh clone.
# `make run` installs what playing needs (the game and its voice), `make test` the test tools and the issuer too.
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed-stamp
HEADLESS := SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

.PHONY: run test test-bench validate autoplay bench catalogues clean verifier-js issuer issuer-test-postgres

$(RUN_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[speech]"
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(PY) -m pip install --quiet -e ".[speech,test,issuer]"
	touch $(STAMP)

# without a display, `diva play` says so in one line and stops
run: $(RUN_STAMP)
	$(PY) main.py play

# the independent JavaScript verifier of the signing tests (Digital Bazaar libraries, versions locked)
verifier-js:
	@if command -v npm >/dev/null 2>&1; then \
	  test tests/verifier-js/node_modules/.package-lock.json -nt tests/verifier-js/package-lock.json \
	  || npm ci --prefix tests/verifier-js --no-audit --no-fund; \
	else echo "npm absent : vérificateur JavaScript non installé, ses tests seront sautés / npm not found: JavaScript verifier tests skipped"; fi

test: $(STAMP) verifier-js
	$(HEADLESS) $(PY) -m pytest -q

# DIVA Badges on this computer: SQLite in its data folder, a demo structure on first run, http://127.0.0.1:8000
ISSUER := $(VENV)/bin/diva-issuer
issuer: $(STAMP)
	$(ISSUER) demo
	$(ISSUER) serve --host 127.0.0.1 --port 8000

# the issuer tests again on a throwaway PostgreSQL 15 cluster (needs root, or the postgres user)
issuer-test-postgres: $(STAMP)
	tests/issuer/run_postgres.sh

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
