"""The SCORM 1.2 package (explainer.publish.scorm): the content-packaging rules, tested directly (ADL's schema
files are in no registry), the question list as the quiz generator made it, the bridge in every page, and the
version that ties saved answers to the questions. The package at work in a platform is
tests/browser/test_scorm_browser.py."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import pytest

from explainer.chapters.registry import chapters_for
from explainer.classroom.quiz import questions_for
from explainer.collection import read_config
from explainer.content import load_compound
from explainer.csp import apply_policy, scan_page
from explainer.publish import scorm
from explainer.widgets.quiz import SelfCheck
from tests.helpers import built_scorm

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")  # what an xs:ID may be (ASCII is all the package uses)
BRIDGE = re.compile(r'<script src="((?:\.\./)*)_scorm/bridge\.js"></script>')


def check_manifest(package: Path, title: str) -> ET.Element:
    """Every SCORM 1.2 packaging rule the issue names; returns the manifest's root."""
    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist())
        text = zf.read("imsmanifest.xml").decode("utf-8")
    root = ET.fromstring(text)
    # The namespaces: IMS content packaging 1.1.2 for the manifest, ADL's 1.2 extension for scormtype.
    assert root.tag == f"{CP}manifest"
    assert 'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"' in text
    assert 'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"' in text
    assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    # Unique identifiers, each a valid xs:ID.
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier") is not None]
    assert len(ids) == len(set(ids)) and all(NCNAME.match(i) for i in ids), ids
    # organizations' default names an organization; one organization, one item, both titled with the collection's title.
    orgs = root.find(f"{CP}organizations")
    organizations = orgs.findall(f"{CP}organization")
    assert orgs.get("default") in {o.get("identifier") for o in organizations}
    assert len(organizations) == 1 and organizations[0].findtext(f"{CP}title") == title
    items = list(root.iter(f"{CP}item"))
    assert len(items) == 1 and items[0].findtext(f"{CP}title") == title
    # Each item's identifierref names a resource.
    resources = {r.get("identifier"): r for r in root.iter(f"{CP}resource")}
    assert all(i.get("identifierref") in resources for i in items)
    # The SCO: web content, scormtype sco, a launch page that exists.
    sco = resources[items[0].get("identifierref")]
    assert sco.get("type") == "webcontent"
    assert sco.get(f"{ADLCP}scormtype") == "sco"
    assert unquote(sco.get("href")) in names
    # Every file listed is in the zip and every file of the zip is listed (but the manifest, which describes them).
    # An href is a URL: a space in a file's name is written %20.
    listed = [unquote(f.get("href")) for r in resources.values() for f in r.findall(f"{CP}file")]
    assert len(listed) == len(set(listed))
    assert set(listed) == names - {"imsmanifest.xml"}
    return root


@pytest.fixture(scope="module")
def package(built_book: Path) -> Path:
    return built_scorm()


@pytest.fixture(scope="module")
def data(package: Path) -> dict:
    with zipfile.ZipFile(package) as zf:
        launch = zf.read("launch.html").decode("utf-8")
    found = re.search(r'<script type="application/json" id="explainer-scorm-data">(.*?)</script>', launch, re.S)
    return json.loads(found.group(1))


@pytest.mark.book
def test_make_scorm_writes_a_package_that_follows_the_packaging_rules(package: Path, built_book: Path) -> None:
    check_manifest(package, read_config().title)
    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist())
    # The whole book is in it (build records aside), with the launch page and its scripts.
    assert set(scorm.book_files(built_book)) < names
    assert {"launch.html", "_scorm/launch.js", "_scorm/progress.js", "_scorm/bridge.js", "_scorm/launch.css"} < names


@pytest.mark.book
def test_the_questions_are_the_quiz_generators(data: dict) -> None:
    """Every chapter's self-check, as explainer.classroom.quiz writes it for the collection, and nothing else."""
    expected = {}
    for ref in read_config().compounds:
        c = load_compound(ref)
        for ch in chapters_for(c):
            page = f"notebooks/{c.id}/{ch.slug}.html"
            if ch.questions and page in data["pages"]:
                expected |= {f"{page}#{q['id']}": q["answer"] for q in questions_for(c, ch.key)}
    assert {q["key"]: q["answer"] for q in data["questions"]} == expected
    assert len(expected) >= 20
    tokens = [q["token"] for q in data["questions"]]
    assert len(set(tokens)) == len(tokens) and all(len(t) == data["tokenLength"] for t in tokens)
    # Every answer fits in suspend_data at once, with room for many more compounds.
    assert 9 + len(tokens) * (data["tokenLength"] + 1) < data["limit"] / 4
    assert data["start"] in data["pages"]


@pytest.mark.book
def test_every_page_carries_the_bridge_after_its_policy_and_nothing_else_changes(package: Path,
                                                                                 built_book: Path) -> None:
    with zipfile.ZipFile(package) as zf:
        pages = [n for n in zf.namelist() if n.endswith(".html") and n != "launch.html"]
        assert pages
        for name in pages:
            text = zf.read(name).decode("utf-8")
            found = BRIDGE.findall(text)
            assert found == ["../" * name.count("/")], name
            assert BRIDGE.sub("", text) == (built_book / name).read_text(encoding="utf-8"), name
            policy_end = text.index(">", text.index('http-equiv="Content-Security-Policy"')) + 1
            assert text[policy_end:].startswith('<script src="'), name


@pytest.mark.book
def test_the_launch_page_keeps_the_books_policy(package: Path) -> None:
    with zipfile.ZipFile(package) as zf:
        launch = zf.read("launch.html").decode("utf-8")
    assert launch == apply_policy(launch)  # it already carries its policy
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', launch).group(1)
    assert "script-src 'self';" in policy and "unsafe" not in policy
    assert scan_page(launch).scripts == set()  # no inline script: the data block is not one
    assert launch.encode().index(b'<meta charset="utf-8">') < 1024


# ------------------------------------------------------------------------- a small book, built here


def tiny_book(folder: Path, prompt: str = "Which evidence grade does this carry?") -> Path:
    """A two-page 'built book' with two self-checks, each page under the book's policy."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(apply_policy('<!DOCTYPE html><meta charset="utf-8"><title>x</title>'),
                                       encoding="utf-8")
    for i, chapter in enumerate(("what-it-is", "evidence")):
        widget = SelfCheck(questions=questions_for("semax", chapter))
        if i == 0:
            widget.questions = [{**widget.questions[0], "prompt": prompt}, *widget.questions[1:]]
        page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{chapter}</title></head>'
                f"<body>{widget.to_html()}</body></html>")
        (folder / "c" / f"{chapter}.html").parent.mkdir(exist_ok=True)
        (folder / "c" / f"{chapter}.html").write_text(apply_policy(page), encoding="utf-8")
    (folder / "_static").mkdir(exist_ok=True)
    (folder / "_static" / "a b.css").write_text("p{}")
    (folder / ".buildinfo").write_text("not for the package")
    return folder


def test_a_small_book_makes_a_valid_package_and_the_same_zip_every_time(tmp_path: Path) -> None:
    book = tiny_book(tmp_path / "html")
    first = scorm.build(book, tmp_path / "one", title="A tiny book: test")
    second = scorm.build(book, tmp_path / "two", title="A tiny book: test")
    assert first.name == "a-tiny-book-test-scorm12.zip"
    assert first.read_bytes() == second.read_bytes()
    root = check_manifest(first, "A tiny book: test")
    hrefs = {f.get("href") for f in root.iter(f"{CP}file")}
    assert "_static/a%20b.css" in hrefs and ".buildinfo" not in hrefs
    with zipfile.ZipFile(first) as zf:
        assert "_static/a b.css" in zf.namelist()


def test_a_changed_question_gets_a_new_token_and_the_set_a_new_version(tmp_path: Path) -> None:
    before = scorm.progress_data(tiny_book(tmp_path / "before"))
    after = scorm.progress_data(tiny_book(tmp_path / "after", prompt="A reworded question?"))
    old = {q["key"]: q["token"] for q in before["questions"]}
    new = {q["key"]: q["token"] for q in after["questions"]}
    assert old.keys() == new.keys() and len(old) >= 4
    changed = [k for k in old if old[k] != new[k]]
    assert changed == ["c/what-it-is.html#use-1"]
    assert before["version"] != after["version"]
    assert scorm.progress_data(tmp_path / "before") == before  # the same book, the same tokens


def test_what_cannot_be_packaged_is_refused_in_words(tmp_path: Path, monkeypatch, capsys) -> None:
    assert scorm.main([str(tmp_path / "nothing"), str(tmp_path / "out")]) == 1
    assert "make html" in capsys.readouterr().err
    book = tiny_book(tmp_path / "html")
    monkeypatch.setattr(scorm, "SUSPEND_LIMIT", 20)
    with pytest.raises(ValueError, match="suspend_data"):
        scorm.progress_data(book)
    monkeypatch.undo()
    shutil.copy(book / "index.html", book / "launch.html")
    with pytest.raises(ValueError, match="launch page"):
        scorm.build(book, tmp_path / "out", title="x")
    (book / "launch.html").unlink()
    (book / "c" / "bare.html").write_text("<!DOCTYPE html><title>no policy</title>", encoding="utf-8")
    with pytest.raises(ValueError, match="no content-security policy"):
        scorm.build(book, tmp_path / "out", title="x")
