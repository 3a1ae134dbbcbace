# `make run` and `make test` each set up .venv first, so both work on a fresh clone.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HEADLESS := SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

.PHONY: run test validate autoplay bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,issuer]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py play

test: $(STAMP)
	$(HEADLESS) $(PY) -m pytest -q

validate: $(STAMP)
	$(PY) main.py validate --coverage

autoplay: $(STAMP)
	$(HEADLESS) $(PY) main.py autoplay --scenario all --screenshots shots

bench: $(STAMP)
	$(HEADLESS) $(PY) main.py bench

clean:
	rm -rf $(VENV) build *.egg-info shots
