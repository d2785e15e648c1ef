"""Lighthouse over the book, as a phone on a slow network sees it: part of `make bench`.

Lighthouse 12 (npm, pinned in package.json; 13 wants Node 22) with its default mobile preset (simulated slow
4G, CPU slowed four times) drives Chromium (Debian's, or $CHROMIUM) headless. The book is served the way
static hosts serve it: compressed. A small loopback server here sends every text file (HTML, CSS, JS, SVG,
JSON) gzipped with ``Content-Encoding: gzip`` when the browser accepts it; Lighthouse's simulated load
times are computed from the bytes sent, so an uncompressed server would measure a host nobody uses. The
uncompressed bytes are reported too.

Each page runs three times and the run with the median performance score is reported (as Lighthouse's own
``computeMedianRun`` advises). Lighthouse measures CPU time, and the machine may be shared: the load average
is printed with the figures. ``python -m tests.bench_lighthouse [--runs N] [page ...]`` runs a few pages.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.helpers import HTML, ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RUNS = 3
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100,
         "tbt_ms": 100, "lcp_ms": 2500}
COMPRESSED = {".html", ".css", ".js", ".mjs", ".svg", ".json", ".txt", ".xml", ".map"}


# ---------------------------------------------------------------------------------------------- the server

class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text ones gzipped (level 9, once, kept in memory) when the request accepts gzip."""

    cache: dict[Path, bytes] = {}
    lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        with self.lock:
            body = self.cache.get(path)
            if body is None:
                body = self.cache[path] = gzip.compress(path.read_bytes(), 9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_gzipped(directory: Path) -> Iterator[str]:
    handler = lambda *a, **kw: _GzipHandler(*a, directory=str(directory), **kw)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------------------------------- the pages

def pages(html: Path = HTML) -> list[str]:
    """The landing page (the root page), every chapter page, the stacking page and every deck."""
    found = ["index.html"]
    found += sorted(str(p.relative_to(html)) for p in (html / "notebooks").rglob("*.html"))
    found += sorted(str(p.relative_to(html)) for p in (html / "slides").rglob("*.html"))
    return found


def chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        raise SystemExit("Lighthouse needs Chromium: install Debian's (apt-get install chromium) or set CHROMIUM")
    return path


def run_once(url: str) -> dict[str, Any]:
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    cmd = [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet", f"--chrome-flags={flags}",
           f"--only-categories={','.join(CATEGORIES)}"]
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium()},
                          check=False, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    lhr = json.loads(done.stdout)
    audits = lhr["audits"]
    requests = audits["network-requests"]["details"]["items"]
    failing = sorted(a["id"] for cat in CATEGORIES for a in lhr["categories"][cat]["auditRefs"]
                     if a["weight"] and (audits[a["id"]].get("score") is not None) and audits[a["id"]]["score"] < 1
                     and cat != "performance")
    return {
        **{cat: round(lhr["categories"][cat]["score"] * 100) for cat in CATEGORIES},
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tti_ms": round(audits["interactive"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "transfer_bytes": sum(r.get("transferSize", 0) for r in requests),
        "resource_bytes": sum(r.get("resourceSize", 0) for r in requests),
        "requests": len(requests),
        "failing_audits": failing,
    }


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median performance score (ties: the median total blocking time)."""
    ranked = sorted(runs, key=lambda r: (r["performance"], -r["tbt_ms"]))
    return {**ranked[len(ranked) // 2], "runs": len(runs),
            "performance_scores": [r["performance"] for r in runs]}


def misses(r: dict[str, Any]) -> list[str]:
    out = [f"{cat} {r[cat]}" for cat in CATEGORIES if r[cat] < GOALS[cat]]
    if r["tbt_ms"] > GOALS["tbt_ms"]:
        out.append(f"TBT {r['tbt_ms']} ms")
    if r["lcp_ms"] > GOALS["lcp_ms"]:
        out.append(f"LCP {r['lcp_ms'] / 1000:.1f} s")
    return out


def lighthouse_report(names: list[str] | None = None, runs: int = RUNS, html: Path = HTML) -> dict[str, Any]:
    """Every page's median run against the goals; prints the table as it goes."""
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: `make setup` installs it (npm devDependency).")
    names = names or pages(html)
    load_before = os.getloadavg()
    print(f"Lighthouse 12, mobile preset (simulated slow 4G, 4x CPU slowdown), median of {runs} runs per page.\n"
          "The book is served gzipped (Content-Encoding: gzip for HTML, CSS, JS, SVG, JSON) by a loopback server, "
          "as static hosts serve it.\n"
          f"Load average before: {load_before[0]:.1f} (Lighthouse measures CPU time; a loaded machine scores lower).",
          flush=True)
    head = (f"{'page':<34} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'TBT ms':>7} {'LCP s':>6} {'TTI s':>6} "
            f"{'sent KB':>8} {'raw KB':>8}  result")
    print(head, flush=True)
    results: dict[str, Any] = {}
    with serve_gzipped(html) as url:
        for name in names:
            r = median_run([run_once(url + name) for _ in range(runs)])
            r["misses"] = misses(r)
            results[name] = r
            verdict = "PASS" if not r["misses"] else "MISS: " + ", ".join(r["misses"])
            print(f"{name:<34} {r['performance']:>4} {r['accessibility']:>4} {r['best-practices']:>4} {r['seo']:>4} "
                  f"{r['tbt_ms']:>7} {r['lcp_ms'] / 1000:>6.1f} {r['tti_ms'] / 1000:>6.1f} "
                  f"{r['transfer_bytes'] / 1024:>8.0f} {r['resource_bytes'] / 1024:>8.0f}  {verdict}"
                  + (f"  [{', '.join(r['failing_audits'])}]" if r["failing_audits"] else ""), flush=True)
    load_after = os.getloadavg()
    print(f"Load average after: {load_after[0]:.1f}. 'sent' is the gzipped bytes over the wire, 'raw' the "
          "uncompressed bytes, all requests of the page's load.")
    return {"pages": results, "runs": runs, "served": "gzip (Content-Encoding) over loopback",
            "goals": GOALS, "load_average": [load_before[0], load_after[0]],
            "passed": sum(not r["misses"] for r in results.values()), "total": len(results),
            "median_performance": statistics.median(r["performance"] for r in results.values()) if results else None}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="paths under _build/html (default: every page the bench covers)")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    lighthouse_report(args.pages or None, args.runs)
