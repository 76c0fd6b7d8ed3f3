# Two commands on a fresh machine (Debian, Python 3.11, root):
#   make site   data -> executed chapters -> HTML in _build/html
#   make test   every test: unit, nbval over the published notebooks, the built site in Chromium
VENV ?= .venv
PY := $(VENV)/bin/python

$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $@

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

# axe-core for the browser tests, pinned in package.json and package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq npm >/dev/null)
	npm ci --no-audit --no-fund --silent
	touch $@

site: $(VENV)/.installed
	$(PY) -m analysis site

# build validates the data and refuses pages older than data/ or the code, saying so first.
# Then two test processes (pytest-xdist, for 2 cores), each test file and each notebook whole in
# one of them (nbval runs a notebook's cells in order in one kernel; module fixtures stay shared).
test: $(VENV)/.installed chromium node_modules/.installed
	@$(PY) -m analysis build
	@$(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile --nbval tests book/zh book/en

.PHONY: site test chromium
