"""`make bench`: the book's speed and size figures, each against its goal.

Run from the repository root as ``python -m tests.bench`` after the book is built (``make bench``
does both). Prints a table and writes ``_build/bench.json``. A benchmark, not a test: a missed
goal is reported as MISS and the exit status is still 0; only a crash fails it.

One function per figure. Both latencies use tests/browser/latency.py, one in-page clock, so the
static and the kernel figures are measured alike. Nothing here is a test: the suite measures nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import expect, sync_playwright

from explainer.build import build_book
from explainer.chapters import data_path
from tests.bench_lighthouse import lighthouse_report
from tests.browser.lab import open_calculator, running_lab
from tests.browser.latency import Latency, measure_updates
from tests.browser.offline import guard_loopback, launch_chromium, serve_directory
from tests.helpers import HTML, ROOT
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
}
STATIC_UPDATES = 200
KERNEL_UPDATES = 50


def timed_build(src: Path, what: str) -> float:
    start = time.perf_counter()
    result = build_book(src, capture=True)
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


def collection_builds() -> dict[str, Any]:
    """What a change costs as the collection grows: a book of one compound and of two, each generated into a temp
    dir from copies of the data files, built clean, then rebuilt after a prose edit and after a data edit to one
    compound (its chapters' code carries the data file's hash, so only they run again)."""
    from explainer.chapters import Collection, generate, read_config

    base = read_config()
    out: dict[str, Any] = {}
    for label, names in (("one", base.compounds[:1]), ("two", base.compounds[:2])):
        with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
            src = Path(tmp)
            for name in ("_config.yml", "book"):
                if (ROOT / name).is_dir():
                    shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns(".*", "__pycache__"))
                else:
                    shutil.copy2(ROOT / name, src / name)
            data = src / "data"
            data.mkdir()
            refs = []
            for name in names:
                shutil.copy2(data_path(name), data / f"{name}.yaml")
                refs.append(str(data / f"{name}.yaml"))
            config = Collection(title=base.title, disclaimer=base.disclaimer, compounds=tuple(refs))
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
    print("Measuring: clean build (a copy of the sources in a temp dir) ...", flush=True)
    build = clean_build()
    print("Measuring: one- and two-compound builds, prose and data edits ...", flush=True)
    growth = collection_builds()
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
    suite = suite_time()
    suite_text = (f"{suite['seconds']:.1f} s ({suite['tests']} tests, exit {suite['exit_status']})" if suite
                  else "run make test first")
    ratio = kernel.median / static.median if static.median > 0 else float("inf")

    rows = [  # key, figure, value, goal, verdict ("" when the figure has no goal)
        ("clean_build", "Clean build", f"{build['clean_build_s']:.1f} s", "", ""),
        ("rebuild", "No-change rebuild (make html)", f"{build['rebuild_s'] * 1000:.1f} ms", "", ""),
        ("toolchain_rebuild", "Jupyter Book again, nothing changed", f"{build['toolchain_rebuild_s']:.1f} s", "", ""),
        ("one_page_rebuild", "Jupyter Book, one prose page edited", f"{build['one_page_rebuild_s']:.1f} s", "", ""),
        *[(f"collection_{k}", f"{g['compounds']} compound(s): clean / prose edit / data edit ({g['edited']})",
           f"{g['clean_s']:.1f} / {g['prose_edit_s']:.1f} / {g['data_edit_s']:.1f} s", "", "")
          for k, g in growth.items()],
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
        "pages": weights["pages"],
        "heaviest_page": weights["heaviest_page"],
        "heaviest_bytes": weights["heaviest_bytes"],
        "max_plotly_loads": weights["max_plotly_loads"],
        "blocked_requests": weights["blocked_requests"],
        "decks": decks,
        "collection_builds": growth,
        "static_latency": static.summary(),
        "kernel_latency": kernel.summary(),
        "kernel_over_static": round(ratio, 1),
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
