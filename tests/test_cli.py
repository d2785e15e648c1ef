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
from explainer.reconstitution import SPEC

ROOT = Path(__file__).resolve().parents[1]
BASIC = ["calc", "--vial-mg", "10", "--water-ml", "2", "--dose-mcg", "300"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "explainer", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    done = run(*args, "--json")
    return done.returncode, json.loads(done.stdout)


def codes(payload: dict[str, Any]) -> list[str]:
    return [w["code"] for w in payload["warnings"]]


def test_readable_output() -> None:
    done = run(*BASIC)
    assert done.returncode == 0, done.stderr
    assert "5,000 mcg/mL" in done.stdout
    assert "0.06 mL" in done.stdout and "6 units" in done.stdout
    assert "33, with 100 mcg left over" in done.stdout
    assert SPEC["arithmetic_only"] in done.stdout and SPEC["assumptions"][0] in done.stdout
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
    assert not any("community" in key for key in payload)


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
    assert (payload["sprays_per_bottle"], payload["doses_per_bottle"]) == (100, 50)
    assert codes(payload) == ["spray_rounding"]  # 2 sprays deliver 200 mcg for the 150 asked
    readable = run("calc", "--vial-mg", "10", "--water-ml", "10", "--dose-mcg", "300", "--spray-ml", "0.1").stdout
    assert "100 mcg in each 0.1 mL spray" in readable and "Sprays per dose  3" in readable


def test_intranasal_bottle_follows_the_whole_sprays() -> None:
    # 300 mcg asked, one 0.1 mL spray delivers 500 mcg: 20 sprays are 20 doses and 20 days, never "33 doses".
    args = [*BASIC, "--spray-ml", "0.1"]
    status, payload = run_json(*args)
    assert status == 0
    assert (payload["sprays_per_dose"], payload["delivered_mcg"]) == (1, 500)
    assert (payload["sprays_per_bottle"], payload["doses_per_bottle"], payload["days_per_bottle"]) == (20, 20, 20)
    assert not {"doses_per_vial", "days_per_vial", "leftover_mcg"} & set(payload)
    readable = run(*args).stdout
    figures = readable.split("\n\n")[0]  # the table, before the warnings and the assumptions
    assert "20 sprays = 20 doses of 1 spray, lasting 20 days" in figures
    assert "33" not in figures and "Doses per vial" not in figures
    assert "500 mcg in each 0.1 mL spray" in readable  # the spray volume given, not worked back


def test_reverse_mode() -> None:
    status, payload = run_json(*BASIC, "--target-units", "10")
    assert status == 0 and payload["water_for_target_ml"] == pytest.approx(10 / 3)
    assert "add 3.33 mL water so each dose fills 10 units" in run(*BASIC, "--target-units", "10").stdout


def test_reverse_mode_never_suggests_water_outside_the_limits() -> None:
    args = ["calc", "--vial-mg", "1000", "--water-ml", "2", "--dose-mcg", "0.1", "--target-units", "10"]
    status, payload = run_json(*args)
    assert status == 0 and payload["water_for_target_ml"] > 100
    assert "target_water_outside_limits" in codes(payload)
    readable = run(*args).stdout
    assert "no water amount the calculator accepts" in readable and "add " not in readable
    assert "more than 100 mL of water" in readable


def test_the_readable_output_shows_the_inputs_given() -> None:
    readable = run(*BASIC, "--syringe", " U-50 ", "--capacity-ml", "0.5", "--per-day", "2").stdout
    assert "in 2 mL water" in readable
    assert "on a 0.5 mL U-50 syringe (25 units, 1 unit = 0.02 mL)" in readable
    assert "600 mcg (2 doses a day)" in readable


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


@pytest.mark.parametrize("per_day", ["1", "3", "24"])
def test_no_daily_total_is_compared_with_reported_doses(per_day: str) -> None:
    # 300 mcg to 7.2 mg a day: the same arithmetic warnings (none), whatever the dosing chapter says.
    status, payload = run_json(*BASIC, "--per-day", per_day)
    assert status == 0 and codes(payload) == []
    assert "community" not in run(*BASIC, "--per-day", per_day).stdout.lower()


def test_the_command_line_reads_no_dose_figures(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Converting units needs no content: a content file that would not load changes nothing."""

    def broken(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the calculator read the book's content")

    monkeypatch.setattr("explainer.content.loader.load_compound", broken)
    assert cli.main([*BASIC, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["units"] == pytest.approx(6)
