"""The build fails loudly (a failing cell, a broken reference or an unknown output type is an error),
and the content-security step protects every page it writes."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from explainer.build import build_book
from explainer.csp import CHARSET_WINDOW, PolicyError, apply_policy, is_executable
from tests.helpers import ROOT, soup


def make_book(tmp_path: Path, cells: list, page: str = "# Start\n\nSee {doc}`chapter`.\n") -> Path:
    """A one-chapter book that uses the project's real _config.yml and static folder."""
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    (tmp_path / "book").mkdir()
    for folder in ("_static", "_templates"):
        (tmp_path / "book" / folder).symlink_to(ROOT / "book" / folder)
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: chapter\n")
    (tmp_path / "intro.md").write_text(page)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Chapter"), *cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "chapter.ipynb")
    return tmp_path


@pytest.mark.slow
def test_a_healthy_book_builds(tmp_path: Path) -> None:
    book = make_book(tmp_path, [nbformat.v4.new_code_cell("1 + 1")])
    result = build_book(book, capture=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (book / "_build" / "html" / "chapter.html").exists()


@pytest.mark.slow
def test_a_failing_cell_fails_the_build(tmp_path: Path) -> None:
    book = make_book(tmp_path, [nbformat.v4.new_code_cell("1 / 0")])
    result = build_book(book, capture=True)
    assert result.returncode != 0
    assert "ZeroDivisionError" in result.stdout + result.stderr


@pytest.mark.slow
def test_a_broken_cross_reference_fails_the_build(tmp_path: Path) -> None:
    book = make_book(tmp_path, [], page="# Start\n\nSee {doc}`no-such-page`.\n")
    result = build_book(book, capture=True)
    assert result.returncode != 0
    assert "no-such-page" in result.stdout + result.stderr


@pytest.mark.slow
def test_an_unknown_output_type_fails_the_build(tmp_path: Path) -> None:
    code = ("from IPython.display import display\n"
            "display({'application/x-nobody-renders-this+json': {'a': 1}}, raw=True)")
    book = make_book(tmp_path, [nbformat.v4.new_code_cell(code)])
    result = build_book(book, capture=True)
    assert result.returncode != 0
    assert "unknown output mime type" in result.stdout + result.stderr


# ------------------------------------------------------------------------- content security policy


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def policy_of(page: str) -> str:
    found = soup(page).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert found, page
    return found["content"]


def directive(policy: str, name: str) -> str:
    return next(d for d in policy.split("; ") if d.startswith(name + " "))


def page_with(head: str = "", body: str = "") -> str:
    return f'<!doctype html>\n<html><head>\n<meta charset="utf-8">\n{head}</head><body>{body}</body></html>'


@pytest.mark.parametrize("attrs", ["", ' type="module"', ' type="text/javascript"', ' type="application/javascript"',
                                   ' type=" TEXT/JavaScript "', ' type=""', ' type="application/ecmascript"',
                                   ' type="text/javascript; charset=utf-8"', ' language="javascript"',
                                   ' type="importmap"'])
def test_every_executable_script_type_is_hashed(attrs: str) -> None:
    page = apply_policy(page_with(body=f"<script{attrs}>run()</script>"))
    assert sha("run()") in directive(policy_of(page), "script-src")


@pytest.mark.parametrize("kind", ["application/json", "application/ld+json",
                                  "application/vnd.jupyter.widget-state+json", "text/x-template"])
def test_data_blocks_are_not_script(kind: str) -> None:
    page = apply_policy(page_with(body=f'<script type="{kind}">{{"a": 1}}</script>'))
    assert directive(policy_of(page), "script-src") == "script-src 'self'"


def test_scripts_from_files_need_no_hash() -> None:
    page = apply_policy(page_with(head='<script src="_static/a.js"></script>'))
    assert directive(policy_of(page), "script-src") == "script-src 'self'"


def test_markup_inside_a_script_is_text_not_tags() -> None:
    code = 'const s = "<style>p{}</style>"; // <meta charset="x">'
    page = apply_policy(page_with(body=f"<script>{code}</script>"))
    policy = policy_of(page)
    assert sha(code) in directive(policy, "script-src")
    assert directive(policy, "style-src") == "style-src 'self'"


def test_styles_and_style_attributes_are_hashed_as_the_browser_reads_them() -> None:
    page = apply_policy(page_with(head="<style>p { color: red }</style>", body='<p style="a: &quot;b&quot;">x</p>'))
    styles = directive(policy_of(page), "style-src")
    assert sha("p { color: red }") in styles
    assert sha('a: "b"') in styles and "'unsafe-hashes'" in styles


def test_the_policy_follows_the_charset_even_when_the_head_is_long() -> None:
    # Many inline styles make a long policy; inserted at the top of <head> it would push the charset out.
    head = "".join(f"<style>.c{i} {{}}</style>" for i in range(40))
    page = apply_policy(page_with(head=head))
    charset = page.index('<meta charset="utf-8">') + len('<meta charset="utf-8">')
    assert charset < CHARSET_WINDOW
    assert page[charset:].lstrip().startswith('<meta http-equiv="Content-Security-Policy"')
    assert len(policy_of(page)) > CHARSET_WINDOW  # the case that broke before


def test_a_page_without_head_tags_gets_the_policy_first() -> None:
    redirect = '<meta http-equiv="Refresh" content="0; url=book/intro.html" />'
    page = apply_policy(redirect)
    assert page.index('<meta charset="utf-8">') < page.index("Content-Security-Policy") < page.index("Refresh")


def test_a_page_is_protected_once() -> None:
    once = apply_policy(page_with(body="<script>run()</script>"))
    assert apply_policy(once) == once


@pytest.mark.parametrize("body", ['<button onclick="go()">x</button>', '<a href=" javascript:go()">x</a>'])
def test_inline_handlers_fail_the_step(body: str) -> None:
    with pytest.raises(PolicyError, match="inline script"):
        apply_policy(page_with(body=body))


def test_a_charset_past_the_window_fails_the_step() -> None:
    late = page_with().replace('<meta charset="utf-8">', f'<title>{"x" * CHARSET_WINDOW}</title><meta charset="utf-8">')
    with pytest.raises(PolicyError, match="charset"):
        apply_policy(late)


def test_script_type_rules_directly() -> None:
    assert is_executable({}) and is_executable({"type": "module"})
    assert not is_executable({"type": "application/json"})
    assert not is_executable({"language": "vbscript"})


@pytest.mark.book
def test_every_built_page_has_its_charset_early_and_the_policy_right_after(built_book: Path) -> None:
    for path in sorted(built_book.rglob("*.html")):
        raw = path.read_bytes()
        assert raw.count(b'http-equiv="Content-Security-Policy"') == 1, path
        assert b"<meta charset" in raw, path  # the redirect page too (the policy step adds one)
        end = raw.index(b">", raw.index(b"<meta charset")) + 1
        assert end <= CHARSET_WINDOW, path
        assert raw[end:].lstrip().startswith(b'<meta http-equiv="Content-Security-Policy"'), path


# ------------------------------------------------------------------------------------ up to date


def what_make_would_run(changed: str) -> str:
    """The commands `make html` would run if ``changed`` were newer than everything (make's what-if).

    Its callers ask for ``built_book``: make's answer depends on the book being up to date."""
    result = subprocess.run(["make", "--no-print-directory", "-n", "-W", changed, "html"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return result.stdout


CLEARS_CACHE = "rm -rf _build/.jupyter_cache"
BUILDS = "-m explainer.build"


@pytest.mark.parametrize("changed", ["src/explainer/content/compound.py",
                                     "src/explainer/widgets/calculator.js", "pyproject.toml", "constraints.txt",
                                     "package-lock.json"])
def test_a_change_to_the_package_or_the_pins_runs_every_notebook_again(built_book: Path, changed: str) -> None:
    commands = what_make_would_run(changed)
    assert CLEARS_CACHE in commands and BUILDS in commands, commands


def test_a_change_to_the_installed_environment_runs_every_notebook_again(built_book: Path) -> None:
    site = next((ROOT / ".venv" / "lib").glob("python3*/site-packages"))
    commands = what_make_would_run(str(site.relative_to(ROOT)))
    assert CLEARS_CACHE in commands and BUILDS in commands, commands


def test_a_compound_data_edit_regenerates_chapters_without_clearing_the_cache(built_book: Path) -> None:
    # Only the notebooks that read the edited file re-run: their code carries its hash (explainer.chapters),
    # and jupyter-cache keys on code.
    commands = what_make_would_run("src/explainer/data/selank.yaml")
    assert "-m explainer.chapters" in commands and BUILDS in commands and CLEARS_CACHE not in commands, commands


@pytest.mark.parametrize("changed", ["notebooks/semax/01-what-it-is.ipynb", "book/glossary.md", "_toc.yml",
                                     "_config.yml",
                                     "book/_templates/page.html", "book/_static/explainer.css"])
def test_a_changed_page_rebuilds_through_the_toolchains_own_caches(built_book: Path, changed: str) -> None:
    commands = what_make_would_run(changed)
    assert BUILDS in commands and CLEARS_CACHE not in commands, commands


@pytest.mark.slow
@pytest.mark.parametrize(("cells", "page", "words"), [
    ([nbformat.v4.new_code_cell("1 / 0")], "# Start\n\nSee {doc}`chapter`.\n", "ZeroDivisionError"),
    ([], "# Start\n\nSee {doc}`no-such-page`.\n", "no-such-page"),
])
def test_a_failed_build_fails_again_until_fixed(tmp_path: Path, cells: list, page: str, words: str) -> None:
    book = make_book(tmp_path, cells, page=page)
    assert build_book(book, capture=True).returncode != 0
    again = build_book(book, capture=True)  # nothing changed: the incremental build must not skip the broken page
    assert again.returncode != 0 and words in again.stdout + again.stderr
