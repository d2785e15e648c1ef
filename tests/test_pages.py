"""`make publish`, the manual route to GitHub Pages: ghp-import puts the built book, with .nojekyll, on the
gh-pages branch of the named remote, here a local bare repository; a missing remote is refused in words."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = [pytest.mark.book, pytest.mark.slow]


def git(*args: str, env: dict | None = None) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True, env=env).stdout


def publish(repo: Path, remote: str) -> subprocess.CompletedProcess:
    """`make publish` as if run in ``repo`` (GIT_DIR), so the project's own repository is left alone."""
    env = {**os.environ, "GIT_DIR": str(repo / ".git"), "GIT_WORK_TREE": str(repo),
           "GIT_COMMITTER_NAME": "Publisher", "GIT_COMMITTER_EMAIL": "publisher@example.invalid"}
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "publish", f"PUBLISH_REMOTE={remote}"],
                          capture_output=True, text=True, check=False, env=env)


@pytest.fixture
def repo_with_remote(tmp_path: Path) -> tuple[Path, Path]:
    site = tmp_path / "site.git"
    git("init", "--quiet", "--bare", str(site))
    repo = tmp_path / "clone"
    git("init", "--quiet", str(repo))
    git("-C", str(repo), "remote", "add", "pages", str(site))
    return repo, site


def test_publish_pushes_the_book_and_nojekyll_to_gh_pages(built_book: Path, repo_with_remote) -> None:
    repo, site = repo_with_remote
    result = publish(repo, "pages")
    assert result.returncode == 0, result.stdout + result.stderr
    on_branch = set(git("--git-dir", str(site), "ls-tree", "-r", "--name-only", "gh-pages").split("\n")) - {""}
    book = {p.relative_to(built_book).as_posix() for p in built_book.rglob("*") if p.is_file()}
    assert ".nojekyll" in on_branch  # else Pages' Jekyll drops _static/ and every page loses its styles and scripts
    assert book <= on_branch and "_static/explainer/widget-host.js" in on_branch
    assert on_branch - book == {".nojekyll"}
    assert git("-C", str(repo), "branch", "--list", "gh-pages").strip()  # ghp-import's local branch, in the clone


def test_publish_without_the_remote_says_what_to_do(built_book: Path, repo_with_remote) -> None:
    repo, site = repo_with_remote
    result = publish(repo, "nowhere")
    assert result.returncode != 0
    assert "no git remote named 'nowhere'" in result.stderr and "git remote add nowhere" in result.stderr
    assert git("--git-dir", str(site), "branch", "--list").strip() == ""  # nothing was pushed
