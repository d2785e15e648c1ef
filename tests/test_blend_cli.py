"""`python -m explainer blend`: the blend calculator on the command line (JSON, plain text, exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from explainer import cli
from explainer.blend import SPEC, calculate
from explainer.reconstitution import SPEC as CALC_SPEC
from tests.helpers import ROOT

VIAL = ["blend", "--peptide", "Semax=5mg", "--peptide", "Selank=5mg", "--water-ml", "2"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    status, out, _ = run(capsys, *args, "--json")
    return status, json.loads(out)


def test_the_issues_own_example_as_a_real_process() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "explainer", *VIAL, "--target", "Semax=300mcg", "--json"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert list(payload)[2:5] == ["volume_ml", "units", "per_peptide_mcg"]
    assert payload["volume_ml"] == pytest.approx(0.12) and payload["units"] == pytest.approx(12)
    assert payload["per_peptide_mcg"] == pytest.approx({"Semax": 300, "Selank": 300})
    assert payload["warnings"] == []


def test_json_is_the_maths_result(capsys) -> None:
    status, payload = run_json(capsys, "blend", "--peptide", "Semax=10mg", "--peptide", "Selank=5000mcg",
                               "--water-ml", "2", "--target", "selank=0.3mg")
    assert status == 0
    expected = calculate({
        "peptides": [{"name": "Semax", "amount": "10", "unit": "mg"},
                     {"name": "Selank", "amount": "5000", "unit": "mcg"}],
        "water_ml": "2", "mode": "target", "target_name": "selank", "target_amount": "0.3", "target_unit": "mg",
    })
    assert {k: v for k, v in payload.items() if k not in ("route", "mode", "warnings")} == expected["result"]
    assert payload["per_peptide_mcg"] == pytest.approx({"Semax": 600, "Selank": 300})
    assert (payload["route"], payload["mode"], payload["target_name"]) == ("injection", "target", "Selank")


@pytest.mark.parametrize(("syringe", "volume"), [("U-100", 0.1), ("U-50", 0.2), ("U-40", 0.25)])
def test_draw_units_follow_the_syringe_scale(capsys, syringe: str, volume: float) -> None:
    status, payload = run_json(capsys, *VIAL, "--draw-units", "10", "--syringe", syringe)
    assert status == 0 and payload["volume_ml"] == pytest.approx(volume)
    assert payload["per_peptide_mcg"]["Semax"] == pytest.approx(2500 * volume)


def test_draw_in_ml(capsys) -> None:
    status, payload = run_json(capsys, *VIAL, "--draw-ml", "0.1")
    assert status == 0 and payload["units"] == pytest.approx(10) and payload["mode"] == "draw"


def test_nasal_spray(capsys) -> None:
    status, payload = run_json(capsys, *VIAL, "--target", "Semax=300mcg", "--spray-ml", "0.1")
    assert status == 0 and payload["route"] == "intranasal"
    assert payload["sprays"] == 1
    assert payload["per_peptide_mcg_per_spray"] == pytest.approx({"Semax": 250, "Selank": 250})
    assert payload["per_peptide_delivered_mcg"] == pytest.approx({"Semax": 250, "Selank": 250})
    assert [w["code"] for w in payload["warnings"]] == ["spray_rounding"]


def test_plain_text_uses_the_one_number_rule(capsys) -> None:
    status, out, err = run(capsys, "blend", "--peptide", "Semax=5mg", "--peptide", "Selank=3mg", "--water-ml", "3",
                           "--target", "Semax=100mcg")
    assert status == 0 and err == ""
    assert "Semax 5 mg, Selank 3 mg in 3 mL water" in out
    assert "Semax 1,666.7 mcg/mL, Selank 1,000 mcg/mL" in out  # 5000/3 to the calculator's one decimal
    assert "0.06 mL = 6 units on a 1 mL U-100 syringe" in out
    assert "Semax 100 mcg, Selank 60 mcg" in out
    assert SPEC["assumptions"][1] in out and CALC_SPEC["arithmetic_only"] in out


def test_plain_text_nasal_lists_the_sprays(capsys) -> None:
    _, out, _ = run(capsys, *VIAL, "--draw-ml", "0.25", "--spray-ml", "0.1")
    assert "Sprays          3 of 0.1 mL (exactly 2.5)" in out
    assert "In 3 sprays     Semax 750 mcg, Selank 750 mcg" in out
    assert "units on a" not in out  # a spray volume given in mL has no syringe
    assert "[spray_rounding]" in out


def test_warnings_are_listed(capsys) -> None:
    status, payload = run_json(capsys, *VIAL, "--target", "Semax=6mg")
    assert status == 0
    assert [w["code"] for w in payload["warnings"]] == ["target_exceeds_vial", "exceeds_syringe"]
    _, out, _ = run(capsys, *VIAL, "--draw-units", "0.5")
    assert "[below_one_unit]" in out


@pytest.mark.parametrize(
    ("args", "code", "field", "message"),
    [
        (["--target", "Semx=300mcg"], "unknown_peptide", "target_name", "Semax or Selank"),
        (["--target", "Semax=abc"], "not_a_number", "target_amount", "Target amount of Semax must be a number"),
        (["--target", "Semax=-1mcg"], "negative", "target_amount", "cannot be negative"),
        (["--target", "Semax300"], "conflict", "target_name", "NAME=AMOUNT"),
        (["--draw-units", "0"], "zero", "draw_amount", "Volume drawn must be more than zero."),
        (["--target", "Semax=1", "--draw-units", "5"], "conflict", "mode", "--target or --draw-units"),
        (["--draw-units", "5", "--syringe", "U-10"], "unknown_choice", "syringe", "U-100, U-50 or U-40"),
        (["--draw-units", "5", "--spray-ml", "5"], "too_large", "spray_ml", "at most 1 mL"),
        (["--draw-units", "5", "--peptide", "semax=1mg"], "duplicate_name", "peptides.2.name", "listed twice"),
        (["--draw-units", "5", "--peptide", "BPC=0mg"], "zero", "peptides.2.amount", "Amount of BPC must be more"),
        (["--draw-units", "5", "--peptide", "BPC"], "conflict", "peptides.2", "NAME=AMOUNT"),
        (["--draw-units", "5", "--water-ml", "abc"], "not_a_number", "water_ml", "Water added must be a number"),
        ([], "conflict", "mode", "Give --target"),
    ],
)
def test_bad_input_exits_2_with_words(capsys, args: list[str], code: str, field: str, message: str) -> None:
    status, out, err = run(capsys, *VIAL, *args)
    assert status == 2 and out == "" and message in err
    status, payload = run_json(capsys, *VIAL, *args)
    assert status == 2
    assert (payload["error"]["code"], payload["error"]["field"]) == (code, field)
    assert message in payload["error"]["message"]


def test_one_peptide_is_not_a_blend(capsys) -> None:
    status, _, err = run(capsys, "blend", "--peptide", "Semax=5mg", "--water-ml", "2", "--draw-units", "10")
    assert status == 2 and "at least 2 peptides" in err and "reconstitution calculator" in err


def test_no_peptides_and_usage_errors(capsys) -> None:
    status, _, err = run(capsys, "blend", "--water-ml", "2", "--draw-units", "10")
    assert status == 2 and "List the peptides" in err
    status, payload = run_json(capsys, *VIAL, "--draw-units", "10", "--bogus")
    assert status == 2 and payload["error"]["code"] == "usage"


def test_the_blend_reads_no_dose_figures(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the blend calculator read the book's content")

    monkeypatch.setattr("explainer.content.loader.load_compound", broken)
    status, payload = run_json(capsys, *VIAL, "--target", "Semax=300mcg")
    assert status == 0 and payload["units"] == pytest.approx(12)
