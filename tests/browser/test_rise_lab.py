"""`make lab` can present a notebook as slides offline: jupyterlab-rise is installed and enabled in the
JupyterLab the suite starts, and the running page loads its module from the server (no network)."""

from __future__ import annotations

import json
import urllib.request

import pytest

from .lab import running_lab
from .offline import guard_loopback

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_rise_is_enabled_in_jupyterlab(browser, tmp_path) -> None:
    with running_lab(tmp_path) as lab:
        with urllib.request.urlopen(f"{lab.url}lab/api/extensions?token={lab.token}", timeout=10) as r:
            extensions = {e["name"]: e for e in json.load(r)}
        rise = extensions.get("jupyterlab-rise")
        assert rise is not None, sorted(extensions)
        assert rise["enabled"] and rise["installed"], rise
        context = browser.new_context()
        blocked = guard_loopback(context)
        page = context.new_page()
        loaded: list[str] = []
        page.on("response", lambda resp: loaded.append(resp.url) if resp.ok and "jupyterlab-rise" in resp.url else None)
        page.goto(f"{lab.url}lab?token={lab.token}")
        page.wait_for_selector("#jp-main-dock-panel", timeout=120_000)
        page.wait_for_function("document.querySelector('#jp-main-dock-panel') !== null")
        page.wait_for_load_state("networkidle")
        assert any("/lab/extensions/jupyterlab-rise/static/" in u for u in loaded), loaded
        assert blocked == []
        context.close()
