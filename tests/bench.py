"""`make bench`: the book's speed and size figures, each against its goal.

Run from the repository root as ``python -m tests.bench`` after the book is built (``make bench``
does both). Prints a table and writes ``_build/bench.json``. A benchmark, not a test: a missed
goal is reported as MISS and the exit status is still 0; only a crash fails it.

One function per figure. Both latencies use tests/browser/latency.py, one in-page clock, so the
static and the kernel figures are measured alike. Nothing here is a test: the suite measures nothing.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import expect, sync_playwright

from explainer.build import build_book
from explainer.chapters.generate import generate
from explainer.collection import Collection, data_path, read_config
from explainer.publish.dist import write_dist
from tests.bench_lighthouse import lighthouse_report
from tests.browser.lab import open_calculator, running_lab
from tests.browser.latency import Latency, measure_updates
from tests.browser.offline import guard_loopback, launch_chromium, serve_directory
from tests.helpers import FIXTURE, HTML, ROOT
from tests.helpers import open_calculator as open_book_calculator

OUT = ROOT / "_build" / "bench.json"
BOOK_SOURCES = ("_config.yml", "_toc.yml", "notebooks", "book")
EDITED_PAGE = "book/glossary.md"  # a prose page, for the one-page rebuild

MIB = 1024 * 1024
GOALS = {
    "rebuild_ratio": 0.10,             # no-change rebuild / clean build, at most
    "page_bytes": int(1.5 * MIB),      # heaviest page, all requests, uncompressed: 1.5 MiB = 1,572,864 bytes
    "plotly_loads": 1,                 # plotly.js requests on any one page, at most
    "static_median_ms": 16.0,          # one frame at 60 Hz
    "static_p95_ms": 16.0,             # ... at the tail too
    "kernel_over_static": 10.0,        # the static page at least this many times faster than the kernel
    "check_s": 90.0,                   # `make check` (lint and the fast tests), on 2 cores, at most
}
STATIC_UPDATES = 200
KERNEL_UPDATES = 50


def timed_build(src: Path, what: str, parallel: bool | None = None) -> float:
    start = time.perf_counter()
    result = build_book(src, capture=True, parallel=parallel)
    if result.returncode != 0:
        raise RuntimeError(f"the {what} failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


def clean_build() -> dict[str, Any]:
    """Builds of a copy of the book's sources: clean (empty execution cache), then Jupyter Book again with
    nothing changed, then with one prose page edited (Sphinx's incremental build, jupyter-cache hits)."""
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
        src = Path(tmp)
        for name in BOOK_SOURCES:  # a copy, so the developer's _build and caches are untouched
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns(".*", "__pycache__"))
            else:
                shutil.copy2(ROOT / name, src / name)
        clean = timed_build(src, "clean build")
        toolchain = timed_build(src, "rebuild")
        page = src / EDITED_PAGE
        page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        one_page = timed_build(src, "one-page rebuild")
    # What a developer runs: make sees every prerequisite older than the book and does nothing.
    start = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "html"], check=True, capture_output=True)
    rebuild = time.perf_counter() - start
    return {"clean_build_s": round(clean, 2), "rebuild_s": round(rebuild, 4),
            "rebuild_ratio": round(rebuild / clean, 5), "toolchain_rebuild_s": round(toolchain, 2),
            "one_page_rebuild_s": round(one_page, 2)}


def check_time() -> dict[str, Any]:
    """`make check`, the fast tier, end to end: wall time, and its processes' CPU time (on a shared machine
    the wall time grows with the other load; the CPU time does not)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "check"], capture_output=True, text=True,
                            check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "exit_status": result.returncode}


def book_sources(src: Path) -> Path:
    """The book's own pages and config, copied into ``src`` (a temp folder a collection is generated into)."""
    shutil.copy2(ROOT / "_config.yml", src / "_config.yml")
    shutil.copytree(ROOT / "book", src / "book", ignore=shutil.ignore_patterns(".*", "__pycache__"))
    return src


def write_collection(src: Path, refs: list[str]) -> None:
    """The temp book's own ``collection.yml``: its decks and handouts are written for its compounds."""
    raw = yaml.safe_load((ROOT / "collection.yml").read_text(encoding="utf-8"))
    (src / "collection.yml").write_text(yaml.safe_dump({**raw, "compounds": refs}), encoding="utf-8")


def collection_builds() -> dict[str, Any]:
    """What a change costs as the collection grows: a book of one compound and of two, each generated into a temp
    dir from copies of the data files, built clean, then rebuilt after a prose edit and after a data edit to one
    compound (its chapters' code carries the data file's hash, so only they run again)."""
    from explainer.chapters.generate import generate
    from explainer.collection import Collection, read_config

    base = read_config()
    out: dict[str, Any] = {}
    for label, names in (("one", base.compounds[:1]), ("two", base.compounds[:2])):
        with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
            src = book_sources(Path(tmp))
            data = src / "data"
            data.mkdir()
            refs = []
            for name in names:
                shutil.copy2(data_path(name), data / f"{name}.yaml")
                refs.append(str(data / f"{name}.yaml"))
            config = Collection(title=base.title, disclaimer_template=base.disclaimer_template, compounds=tuple(refs))
            write_collection(src, refs)
            generate(src, config)
            clean = timed_build(src, f"clean build ({label} compound)")
            page = src / EDITED_PAGE
            page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            prose = timed_build(src, "rebuild after a prose edit")
            edited = data / f"{names[-1]}.yaml"
            edited.write_text(edited.read_text(encoding="utf-8") + "\n# bench: a data edit\n", encoding="utf-8")
            start = time.perf_counter()
            generate(src, config)
            data_edit = time.perf_counter() - start + timed_build(src, "rebuild after a data edit")
        out[label] = {"compounds": len(names), "clean_s": round(clean, 2), "prose_edit_s": round(prose, 2),
                      "data_edit_s": round(data_edit, 2), "edited": names[-1]}
    return out


SCALE = 10                      # compounds in the large collection
GOALS_SCALE_S = 5.0             # marginal cost of one more compound, at most


def fixture_copies(data: Path, count: int) -> list[str]:
    """``count`` copies of the fixture compound under their own ids and names (Examplin A, B, ...)."""
    text = FIXTURE.read_text(encoding="utf-8")
    refs = []
    for i in range(count):
        letter = chr(ord("a") + i)
        path = data / f"examplin-{letter}.yaml"
        path.write_text(text.replace("id: examplin\n", f"id: examplin-{letter}\n", 1)
                        .replace("Examplin", f"Examplin {letter.upper()}"), encoding="utf-8")
        refs.append(str(path))
    return refs


def scaled_build(count: int, parallel: bool | None = None) -> float:
    """A clean build, in a temp copy of the project, of a collection of ``count`` compounds: Semax (the book's
    reference pages link to its chapters) and ``count - 1`` copies of the fixture."""
    base = read_config()
    with tempfile.TemporaryDirectory(prefix="explainer-scale-") as tmp:
        src = book_sources(Path(tmp))
        (src / "data").mkdir()
        shutil.copy2(data_path("semax"), src / "data" / "semax.yaml")
        refs = [str(src / "data" / "semax.yaml"), *fixture_copies(src / "data", count - 1)]
        write_collection(src, refs)
        generate(src, Collection(title=base.title, disclaimer_template=base.disclaimer_template, compounds=tuple(refs)))
        return timed_build(src, f"clean build ({count} compounds)", parallel)


def scale_builds(parallel: bool | None = None) -> dict[str, Any]:
    """The collection at 2 and at SCALE compounds, built clean: the marginal cost of one more compound is the
    difference over the compounds added."""
    few = scaled_build(2, parallel)
    many = scaled_build(SCALE, parallel)
    return {"few": 2, "few_s": round(few, 1), "compounds": SCALE, "many_s": round(many, 1),
            "per_compound_s": round((many - few) / (SCALE - 2), 2)}


PLUMBING = ("from explainer import charts, render; from explainer.chapter import chapter; "
            "from explainer.classroom import quiz; from explainer.widgets.dose_locator import DoseLocator")


def kernel_imports() -> dict[str, Any]:
    """What a chapter's plumbing cell imports, in a fresh interpreter (the cost every kernel pays once): wall
    time, best of three, and whether Sphinx came with it (it should not: csp.py imports it only to type)."""
    times, sphinx = [], None
    for _ in range(3):
        code = (f"import sys, time; t = time.perf_counter(); {PLUMBING}; "
                "print(time.perf_counter() - t, 'sphinx' in sys.modules)")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        times.append(float(out[0]))
        sphinx = out[1] == "True"
    return {"seconds": round(min(times), 2), "loads_sphinx": sphinx}


def page_weights(browser) -> dict[str, Any]:
    """Every built page, loaded in a fresh context: bytes over all its requests, and its plotly.js loads."""
    pages, blocked = {}, []
    with serve_directory(HTML) as url:
        for path in sorted(HTML.rglob("*.html")):
            name = path.relative_to(HTML).as_posix()
            if name.startswith("_"):  # _static, _sources: not pages
                continue
            context = browser.new_context()
            blocked_here = guard_loopback(context)
            page = context.new_page()
            responses = []
            page.on("response", lambda r, out=responses: out.append(r))  # playwright needs a Python function
            page.goto(url + name, wait_until="networkidle")
            total = 0
            for response in responses:
                try:
                    total += len(response.body())
                except Exception:  # redirects and aborted requests have no body
                    pass
            plotly = sum("plotly" in r.url for r in responses)
            pages[name] = {"bytes": total, "requests": len(responses), "plotly_loads": plotly}
            blocked += blocked_here
            context.close()
    heaviest = max(pages, key=lambda n: pages[n]["bytes"])
    return {"pages": pages, "heaviest_page": heaviest, "heaviest_bytes": pages[heaviest]["bytes"],
            "max_plotly_loads": max(p["plotly_loads"] for p in pages.values()), "blocked_requests": blocked}


def static_latency(browser) -> Latency:
    """The calculator on the static page: input event to result drawn, by the JS math."""
    with serve_directory(HTML) as url:
        context = browser.new_context()
        blocked = guard_loopback(context)
        page = context.new_page()
        calc = open_book_calculator(page, url)
        calc.get_by_role("radio", name="Injection", exact=True).check()
        latency = measure_updates(calc, n=STATIC_UPDATES, timeout_ms=2_000)
        context.close()
    if blocked:
        raise RuntimeError(f"the calculator page asked other hosts: {blocked}")
    return latency


def kernel_latency(browser) -> Latency:
    """The calculator in JupyterLab: input event to result drawn, through the kernel and back."""
    with running_lab() as lab:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        blocked = guard_loopback(context)
        page = context.new_page()
        calc = open_calculator(page, lab)
        calc.get_by_role("radio", name="Injection", exact=True).check()
        expect(calc.locator('[data-key="units"] .calc-value')).to_be_visible()
        latency = measure_updates(calc, n=KERNEL_UPDATES, timeout_ms=10_000)
        context.close()
    if blocked:
        raise RuntimeError(f"JupyterLab asked other hosts: {blocked}")
    return latency


def dist_bytes() -> int:
    """The size of `make dist`'s zip of the built book (written to a temp folder)."""
    with tempfile.TemporaryDirectory(prefix="explainer-dist-") as tmp:
        return write_dist(HTML, Path(tmp)).stat().st_size


def suite_time() -> dict[str, Any] | None:
    """The last full `make test` run's wall time (tests/conftest.py writes it)."""
    path = ROOT / "_build" / "test-time.json"
    return json.loads(path.read_text()) if path.exists() else None


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


DECK_CHANGES = 60
# One in-page clock: from the key event to reveal's "slidechanged" and the next frame painted.
SLIDE_CHANGE = """async ([key, n]) => {
  const deck = window.explainerDeck, times = [];
  for (let i = 0; i < n; i++) {
    const k = (i % 20) < 10 ? key[0] : key[1];
    const done = new Promise((res) => {
      const seen = () => { deck.off("slidechanged", seen); res(); };
      deck.on("slidechanged", seen);
    });
    const t0 = performance.now();
    const code = k === "PageDown" ? 34 : 33;
    document.dispatchEvent(new KeyboardEvent("keydown", { key: k, keyCode: code, bubbles: true }));
    await done;
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    times.push(performance.now() - t0);
  }
  return times;
}"""


def deck_figures(browser, weights: dict[str, Any]) -> dict[str, Any]:
    """The decks' weight (all requests, from page_weights) and a slide change, key to next frame."""
    decks = {n: w for n, w in weights["pages"].items() if n.startswith("slides/")}
    heaviest = max(decks, key=lambda n: decks[n]["bytes"])
    with serve_directory(HTML) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        blocked = guard_loopback(context)
        page = context.new_page()
        page.goto(url + "slides/semax/mechanism.html")
        page.wait_for_selector("body.deck-ready")
        times = sorted(page.evaluate(SLIDE_CHANGE, [["PageDown", "PageUp"], DECK_CHANGES]))
        context.close()
    if blocked:
        raise RuntimeError(f"a deck asked other hosts: {blocked}")
    return {"decks": len(decks), "heaviest_deck": heaviest, "heaviest_deck_bytes": decks[heaviest]["bytes"],
            "mechanism_deck_bytes": decks.get("slides/semax/mechanism.html", {}).get("bytes"),
            "slide_change_median_ms": times[len(times) // 2],
            "slide_change_p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))]}


def main() -> None:
    if not (HTML / "index.html").exists():
        raise SystemExit("No built book in _build/html: run `make bench` (it builds first).")
    print("Measuring: make check ...", flush=True)
    check = check_time()
    print("Measuring: clean build (a copy of the sources in a temp dir) ...", flush=True)
    build = clean_build()
    print("Measuring: one- and two-compound builds, prose and data edits ...", flush=True)
    growth = collection_builds()
    print(f"Measuring: {SCALE}-compound collections, with and without parallel pre-execution ...", flush=True)
    scale = {"parallel": scale_builds(parallel=True), "serial": scale_builds(parallel=False)}
    imports = kernel_imports()
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            print("Measuring: page weights ...", flush=True)
            weights = page_weights(browser)
            print(f"Measuring: decks, {DECK_CHANGES} slide changes ...", flush=True)
            decks = deck_figures(browser, weights)
            print(f"Measuring: static calculator, {STATIC_UPDATES} updates ...", flush=True)
            static = static_latency(browser)
            print(f"Measuring: JupyterLab calculator, {KERNEL_UPDATES} updates through the kernel ...", flush=True)
            kernel = kernel_latency(browser)
        finally:
            browser.close()
    zipped = dist_bytes()
    suite = suite_time()
    suite_text = (f"{suite['seconds']:.1f} s ({suite['tests']} tests, exit {suite['exit_status']})" if suite
                  else "run make test first")
    ratio = kernel.median / static.median if static.median > 0 else float("inf")

    rows = [  # key, figure, value, goal, verdict ("" when the figure has no goal)
        ("check", "make check (lint + fast tests): wall / CPU", f"{check['wall_s']:.1f} / {check['cpu_s']:.1f} s"
         + ("" if check["exit_status"] == 0 else f" (exit {check['exit_status']})"),
         f"<= {GOALS['check_s']:.0f} s", verdict(check["exit_status"] == 0 and check["wall_s"] <= GOALS["check_s"])),
        ("clean_build", "Clean build", f"{build['clean_build_s']:.1f} s", "", ""),
        ("rebuild", "No-change rebuild (make html)", f"{build['rebuild_s'] * 1000:.1f} ms", "", ""),
        ("toolchain_rebuild", "Jupyter Book again, nothing changed", f"{build['toolchain_rebuild_s']:.1f} s", "", ""),
        ("one_page_rebuild", "Jupyter Book, one prose page edited", f"{build['one_page_rebuild_s']:.1f} s", "", ""),
        *[(f"collection_{k}", f"{g['compounds']} compound(s): clean / prose edit / data edit ({g['edited']})",
           f"{g['clean_s']:.1f} / {g['prose_edit_s']:.1f} / {g['data_edit_s']:.1f} s", "", "")
          for k, g in growth.items()],
        *[(f"scale_{k}", f"2 / {g['compounds']} compounds, clean ({k} execution)",
           f"{g['few_s']:.1f} / {g['many_s']:.1f} s", "", "") for k, g in scale.items()],
        *[(f"per_compound_{k}", f"One more compound ({k} execution)", f"{g['per_compound_s']:.1f} s",
           f"<= {GOALS_SCALE_S:.0f} s", verdict(g["per_compound_s"] <= GOALS_SCALE_S)) for k, g in scale.items()],
        ("kernel_imports", "A chapter kernel's imports (fresh interpreter, best of 3)",
         f"{imports['seconds']:.2f} s" + (" (loads Sphinx)" if imports["loads_sphinx"] else ""), "", ""),
        ("rebuild_ratio", "Rebuild / clean build", f"{build['rebuild_ratio']:.4f}", f"<= {GOALS['rebuild_ratio']}",
         verdict(build["rebuild_ratio"] <= GOALS["rebuild_ratio"])),
        ("page_bytes", f"Heaviest page ({weights['heaviest_page']})", f"{weights['heaviest_bytes']:,} B",
         f"<= 1.5 MiB ({GOALS['page_bytes']:,} B)", verdict(weights["heaviest_bytes"] <= GOALS["page_bytes"])),
        ("plotly_loads", "Most plotly.js loads on a page", str(weights["max_plotly_loads"]),
         f"<= {GOALS['plotly_loads']}", verdict(weights["max_plotly_loads"] <= GOALS["plotly_loads"])),
        ("offline", "Requests to other hosts", str(len(weights["blocked_requests"])), "0",
         verdict(not weights["blocked_requests"])),
        ("static_median", "Static update, median", f"{static.median:.2f} ms", f"<= {GOALS['static_median_ms']:.0f} ms",
         verdict(static.median <= GOALS["static_median_ms"])),
        ("static_p95", "Static update, p95", f"{static.p95:.2f} ms", f"<= {GOALS['static_p95_ms']:.0f} ms",
         verdict(static.p95 <= GOALS["static_p95_ms"])),
        ("kernel_median", "Kernel update, median", f"{kernel.median:.2f} ms", "", ""),
        ("kernel_p95", "Kernel update, p95", f"{kernel.p95:.2f} ms", "", ""),
        ("kernel_over_static", "Kernel median / static median", f"{ratio:.1f}x",
         f">= {GOALS['kernel_over_static']:.0f}x", verdict(ratio >= GOALS["kernel_over_static"])),
        ("deck_bytes", f"Heaviest deck ({decks['heaviest_deck']})", f"{decks['heaviest_deck_bytes']:,} B", "", ""),
        ("mechanism_deck_bytes", "Mechanism deck (slides/semax/mechanism.html)", f"{decks['mechanism_deck_bytes']:,} B",
         "", ""),
        ("slide_change_median", "Slide change (key to next frame), median", f"{decks['slide_change_median_ms']:.2f} ms",
         "", ""),
        ("slide_change_p95", "Slide change, p95", f"{decks['slide_change_p95_ms']:.2f} ms", "", ""),
        ("dist_bytes", "make dist zip", f"{zipped:,} B", "", ""),
        ("test_suite", "Test suite (last make test)", suite_text, "", ""),
    ]
    width = max(len(r[1]) for r in rows)
    print(f"\n{'Figure':<{width}}  {'Value':>26}  {'Goal':<28} Result")
    for _, figure, value, goal, result in rows:
        print(f"{figure:<{width}}  {value:>26}  {goal:<28} {result}")
    print("\nPage weights (all requests, uncompressed bytes; plotly.js loads):")
    for name, w in weights["pages"].items():
        print(f"  {name:<40} {w['bytes']:>12,} B  {w['requests']:>3} requests  plotly {w['plotly_loads']}")

    report = {
        **build,
        "check": check,
        "pages": weights["pages"],
        "heaviest_page": weights["heaviest_page"],
        "heaviest_bytes": weights["heaviest_bytes"],
        "max_plotly_loads": weights["max_plotly_loads"],
        "blocked_requests": weights["blocked_requests"],
        "decks": decks,
        "collection_builds": growth,
        "scale": scale,
        "kernel_imports": imports,
        "static_latency": static.summary(),
        "kernel_latency": kernel.summary(),
        "kernel_over_static": round(ratio, 1),
        "dist_bytes": zipped,
        "test_suite": suite or "run make test first",
        "goals": {**GOALS, "page_bytes_note": "1.5 MiB = 1.5 x 1024 x 1024 bytes"},
        "verdicts": {key: result for key, _, _, _, result in rows if result},
    }
    print("\nMeasuring: Lighthouse (mobile) over every chapter page, the landing pages and every deck ...", flush=True)
    report["lighthouse"] = lighthouse_report()
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2))
    print(f"\nWritten to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
