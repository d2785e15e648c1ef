# Every target sets itself up: a fresh machine needs only python3, node/npm and (for tests, as root) apt.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
HTML  := _build/html
PORT  ?= 8000
BUILD := $(PY) -m explainer.publish .
# Each widget's ES module and stylesheet, bundled by esbuild from the shared front-end modules into
# src/explainer/widgets/dist/ (not committed; every target runs this first when a source changed).
WIDGET_SOURCES := $(wildcard src/explainer/frontend/*.js src/explainer/frontend/*.css src/explainer/frontend/*.mjs \
	src/explainer/widgets/*.js src/explainer/widgets/*.css) src/explainer/reconstitution.js src/explainer/calculator-spec.json
WIDGETS := src/explainer/widgets/dist/manifest.json

.PHONY: book html test lab bench clean setup browser vendor notebooks widgets

book: html ## build the book and serve it on loopback
	@echo "Serving the book at http://127.0.0.1:$(PORT)/  (Ctrl-C stops)"
	@$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(HTML)

html: setup ## build the static book; any warning, broken reference or failing cell fails it
	$(BUILD)

test: setup browser html ## everything: unit, vector and property tests, notebooks, the built book, the browser
	node --test tests/js/*.test.mjs
	$(PY) -m pytest

lab: setup ## JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/01-what-it-is.ipynb

bench: setup browser html ## print the speed and size figures (and write them to _build/bench.json)
	$(PY) -m tests.bench

clean:
	rm -rf _build $(VENV) node_modules .pytest_cache .hypothesis

setup: $(VENV)/.installed node_modules/.installed $(WIDGETS)

widgets: $(WIDGETS) ## bundle the widgets' ES modules and CSS with esbuild
$(WIDGETS): $(WIDGET_SOURCES) node_modules/.installed
	node src/explainer/frontend/build.mjs
	touch $@


$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[book,test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Playwright drives Debian's Chromium; it never downloads a browser of its own.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

vendor: node_modules/.installed ## refresh the vendored plotly.js from the pinned npm package
	cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js book/_static/vendor/plotly-basic-4.1.1.min.js

notebooks: setup ## re-run the notebooks and store the outputs of the key cells nbval checks
	$(PY) -m explainer.notebooks notebooks/*.ipynb book/*.ipynb
