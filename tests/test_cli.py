"""`python -m explainer calc`: run as a subprocess, checking stdout, JSON and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from explainer import cli

ROOT = Path(__file__).resolve().parents[1]
BASIC = ["calc", "--vial-mg", "10", "--water-ml", "2", "--dose-mcg", "300"]
# The dosing chapter's range comes from content that may or may not be loadable; tests ignore its note.
RANGE_NOTE = "daily_outside_community_range"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "explainer", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    done = run(*args, "--json")
    return done.returncode, json.loads(done.stdout)


def codes(payload: dict[str, Any]) -> list[str]:
    return [w["code"] for w in payload["warnings"] if w["code"] != RANGE_NOTE]


def test_readable_output() -> None:
    done = run(*BASIC)
    assert done.returncode == 0, done.stderr
    assert "5,000 mcg/mL" in done.stdout
    assert "0.06 mL" in done.stdout and "6 units" in done.stdout
    assert "33, with 100 mcg left over" in done.stdout
    assert "not a dosing recommendation" in done.stdout
    assert done.stderr == ""


def test_json_output() -> None:
    status, payload = run_json(*BASIC)
    assert status == 0
    assert payload["concentration_mcg_per_ml"] == 5000
    assert payload["volume_ml"] == pytest.approx(0.06)
    assert payload["units"] == pytest.approx(6)
    assert payload["doses_per_vial"] == 33
    assert payload["route"] == "injection"
    assert codes(payload) == []


@pytest.mark.parametrize(("syringe", "units"), [("U-100", 6), ("U-50", 3), ("U-40", 2.4)])
def test_syringe_scales(syringe: str, units: float) -> None:
    status, payload = run_json(*BASIC, "--syringe", syringe)
    assert status == 0 and payload["units"] == pytest.approx(units)


def test_units_flags_are_interchangeable() -> None:
    _, in_mg = run_json("calc", "--vial-mg", "10", "--water-ml", "2", "--dose-mg", "0.3")
    _, in_mcg = run_json("calc", "--vial-mcg", "10000", "--water-ml", "2", "--dose-mcg", "300")
    assert in_mg["units"] == pytest.approx(in_mcg["units"]) == pytest.approx(6)


def test_intranasal_with_spray_volume() -> None:
    status, payload = run_json("calc", "--vial-mg", "10", "--water-ml", "10", "--dose-mcg", "150", "--spray-ml", "0.1")
    assert status == 0 and payload["route"] == "intranasal"
    assert payload["mcg_per_spray"] == pytest.approx(100)
    assert payload["sprays_per_dose"] == 2
    assert codes(payload) == ["spray_rounding"]
    readable = run("calc", "--vial-mg", "10", "--water-ml", "10", "--dose-mcg", "300", "--spray-ml", "0.1").stdout
    assert "100 mcg in each 0.1 mL spray" in readable and "Sprays per dose  3" in readable


def test_reverse_mode() -> None:
    status, payload = run_json(*BASIC, "--target-units", "10")
    assert status == 0 and payload["water_for_target_ml"] == pytest.approx(10 / 3)
    assert "add 3.333 mL water so each dose fills 10 units" in run(*BASIC, "--target-units", "10").stdout


def test_warnings_are_listed() -> None:
    status, payload = run_json("calc", "--vial-mg", "10", "--water-ml", "2", "--dose-mg", "300", "--per-day", "2")
    assert status == 0
    assert codes(payload) == ["dose_exceeds_vial", "exceeds_syringe"]
    assert all(w["message"] for w in payload["warnings"])
    assert "[exceeds_syringe]" in run("calc", "--vial-mg", "10", "--water-ml", "2", "--dose-mg", "300").stdout


@pytest.mark.parametrize(
    ("args", "code", "field", "message"),
    [
        (["--water-ml", "abc"], "not_a_number", "water_ml", "Water added must be a number"),
        (["--water-ml", "0"], "zero", "water_ml", "Water added must be more than zero."),
        (["--water-ml", "1,5"], "not_a_number", "water_ml", "with a dot for decimals"),
        (["--dose-mcg", "-300"], "negative", "dose_amount", "Dose cannot be negative."),
        (["--syringe", "U-10"], "unknown_choice", "syringe", "U-100, U-50 or U-40"),
        (["--capacity-ml", "0.4"], "unknown_choice", "capacity_ml", "0.3, 0.5 or 1 mL"),
        (["--per-day", "1.5"], "not_whole", "per_day", "whole number"),
        (["--spray-ml", "5"], "too_large", "spray_ml", "at most 1 mL"),
        (["--target-units", "500"], "too_large", "target_units", "at most 100 units"),
        (["--vial-mcg", "5"], "conflict", "vial_amount", "--vial-mg or --vial-mcg"),
    ],
)
def test_bad_input(args: list[str], code: str, field: str, message: str) -> None:
    # Later flags override BASIC's, so each case changes one value.
    argv = [*BASIC, *args]
    done = run(*argv)
    assert done.returncode == 2 and done.stdout == ""
    assert message in done.stderr
    status, payload = run_json(*argv)
    assert status == 2
    assert payload["error"]["code"] == code and payload["error"]["field"] == field
    assert message in payload["error"]["message"]


def test_missing_required_value() -> None:
    done = run("calc", "--vial-mg", "10", "--dose-mcg", "300")
    assert done.returncode == 2 and "Enter the water added in mL." in done.stderr


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    done = run(*BASIC, "--bogus")
    assert done.returncode == 2 and "unrecognized arguments" in done.stderr and "usage:" in done.stderr
    status, payload = run_json(*BASIC, "--bogus")
    assert status == 2 and payload["error"]["code"] == "usage"


def test_help() -> None:
    done = run("calc", "--help")
    assert done.returncode == 0 and "--spray-ml" in done.stdout


def test_community_range_is_passed_to_the_calculator(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "_community_range", lambda: (300.0, 600.0))
    assert cli.main([*BASIC, "--per-day", "3", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [w["code"] for w in payload["warnings"]] == [RANGE_NOTE]
    assert payload["community_range_mcg"] == [300.0, 600.0]

    monkeypatch.setattr(cli, "_community_range", lambda: None)
    assert cli.main([*BASIC, "--per-day", "3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["warnings"] == []
