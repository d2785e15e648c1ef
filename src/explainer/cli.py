"""Command line for the explainer: ``python -m explainer calc ...`` runs the reconstitution calculator.

Numbers are passed to :func:`explainer.reconstitution.calculate` as the raw strings typed, so the
command line reports bad input with the same codes and messages as the book's widget.
It converts units only: nothing is compared with the dose figures people report.
Exit status: 0 on success, 2 on bad input (message on stderr, or a JSON ``{"error": ...}`` on
stdout with ``--json``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from explainer.reconstitution import DEFAULTS, calculate, parse_number

BAD_INPUT = 2  # the status argparse itself uses for usage errors


class _UsageError(Exception):
    def __init__(self, message: str, usage: str = "") -> None:
        super().__init__(message)
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    """Raises instead of exiting, so usage errors can be reported as JSON too."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}", self.format_usage())


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m explainer", description="Tools behind the Semax explainer.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    calc = commands.add_parser(
        "calc",
        help="reconstitution calculator (arithmetic only, never a dose recommendation)",
        description="Work out concentration, draw volume and syringe units for a reconstituted vial. "
        "Give --spray-ml to compute an intranasal spray or drop schedule instead.",
    )
    calc.add_argument("--vial-mg", metavar="N", help="peptide in the vial, in mg")
    calc.add_argument("--vial-mcg", metavar="N", help="peptide in the vial, in mcg (instead of --vial-mg)")
    calc.add_argument("--water-ml", metavar="N", help="bacteriostatic water added, in mL")
    calc.add_argument("--dose-mcg", metavar="N", help="amount per dose, in mcg")
    calc.add_argument("--dose-mg", metavar="N", help="amount per dose, in mg (instead of --dose-mcg)")
    calc.add_argument("--syringe", metavar="SCALE", help="insulin syringe scale: U-100 (default), U-50 or U-40")
    calc.add_argument("--capacity-ml", metavar="N", help="syringe size: 0.3, 0.5 or 1 (default) mL")
    calc.add_argument("--per-day", metavar="N", help="doses per day (default 1)")
    calc.add_argument("--spray-ml", metavar="N", help="spray or drop volume in mL; makes the route intranasal")
    calc.add_argument(
        "--target-units", metavar="N", help="reverse mode (injection): water that makes one dose fill N units"
    )
    calc.add_argument("--json", action="store_true", help="print one JSON object")
    calc.set_defaults(handler=_run_calc)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
    except _UsageError as err:
        error = {"code": "usage", "field": "", "message": str(err)}
        return _report_error(error, as_json="--json" in args_list, usage=err.usage)
    handler: Any = args.handler
    return int(handler(args))


class _Conflict(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _pick(args: argparse.Namespace, field: str, options: dict[str, str]) -> tuple[str | None, str | None]:
    """(raw value, unit) from whichever of two unit-specific flags was given."""
    given = {unit: getattr(args, attr) for attr, unit in options.items() if getattr(args, attr) is not None}
    if len(given) > 1:
        flags = " or ".join("--" + attr.replace("_", "-") for attr in options)
        raise _Conflict(field, f"Give {flags}, not both.")
    if not given:
        return None, None
    [(unit, raw)] = given.items()
    return raw, unit


def _inputs(args: argparse.Namespace) -> dict[str, Any]:
    vial, vial_unit = _pick(args, "vial_amount", {"vial_mg": "mg", "vial_mcg": "mcg"})
    dose, dose_unit = _pick(args, "dose_amount", {"dose_mcg": "mcg", "dose_mg": "mg"})
    inputs: dict[str, Any] = {
        "vial_amount": vial,
        "vial_unit": vial_unit,
        "water_ml": args.water_ml,
        "dose_amount": dose,
        "dose_unit": dose_unit,
        "syringe": args.syringe,
        "capacity_ml": args.capacity_ml,
        "per_day": args.per_day,
        "route": "intranasal" if args.spray_ml is not None else "injection",
        "spray_ml": args.spray_ml,
        "target_units": args.target_units,
    }
    return {key: value for key, value in inputs.items() if value is not None}


def _run_calc(args: argparse.Namespace) -> int:
    try:
        inputs = _inputs(args)
    except _Conflict as err:
        return _report_error({"code": "conflict", "field": err.field, "message": str(err)}, as_json=args.json)
    out = calculate(inputs)
    if not out["ok"]:
        return _report_error(out["error"], as_json=args.json)
    if args.json:
        payload = {"route": inputs["route"], **out["result"], "warnings": out["warnings"]}
        print(json.dumps(payload, indent=2))
    else:
        print(_readable(inputs, out["result"], out["warnings"]))
    return 0


def _report_error(error: dict[str, str], *, as_json: bool, usage: str = "") -> int:
    if as_json:
        print(json.dumps({"error": error}, indent=2))
    else:
        print(f"{usage}error: {error['message']}", file=sys.stderr)
    return BAD_INPUT


def _num(x: float) -> str:
    """A readable number: whole numbers exact, large ones to 0.1, others to 4 significant digits."""
    if float(x).is_integer():
        return f"{int(x):,}"
    if abs(x) >= 1000:
        return f"{x:,.1f}".rstrip("0").rstrip(".")
    rounded = float(f"{x:.4g}")  # also hides float noise such as 5.999999999999999
    if rounded.is_integer():
        return f"{int(rounded):,}"
    decimals = max(0, 3 - math.floor(math.log10(abs(rounded))))
    return f"{rounded:.{decimals}f}".rstrip("0").rstrip(".")


def _given(inputs: dict[str, Any], key: str) -> Any:
    """An input as given on the command line (calculate() has accepted it), else the math's default."""
    raw = inputs.get(key)
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return DEFAULTS[key]
    return raw.strip() if isinstance(raw, str) else raw


def _number(inputs: dict[str, Any], key: str) -> float:
    value, _ = parse_number(_given(inputs, key))  # accepted by calculate(), so it parses
    return float(value)  # type: ignore[arg-type]


def _readable(inputs: dict[str, Any], r: dict[str, Any], warnings: list[dict[str, str]]) -> str:
    route = inputs["route"]
    water_ml = _number(inputs, "water_ml")
    per_day = int(_number(inputs, "per_day"))
    doses_a_day = f"{per_day} dose{'s' if per_day > 1 else ''} a day"
    rows = [
        ("Vial", f"{_num(r['vial_mcg'])} mcg ({_num(r['vial_mcg'] / 1000)} mg) in {_num(water_ml)} mL water"),
        (
            "Concentration",
            f"{_num(r['concentration_mcg_per_ml'])} mcg/mL ({_num(r['concentration_mg_per_ml'])} mg/mL)",
        ),
        ("Each dose", f"{_num(r['dose_mcg'])} mcg = {_num(r['volume_ml'])} mL"),
    ]
    if route == "injection":
        rows += [
            (
                "Syringe",
                f"{_num(r['units'])} units on a {_num(_number(inputs, 'capacity_ml'))} mL {_given(inputs, 'syringe')} "
                f"syringe ({_num(r['syringe_capacity_units'])} units, 1 unit = {_num(r['ml_per_unit'])} mL)",
            ),
            ("Doses per vial", f"{_num(r['doses_per_vial'])}, with {_num(r['leftover_mcg'])} mcg left over"),
            ("Daily total", f"{_num(r['daily_mcg'])} mcg ({doses_a_day}); the vial lasts {_num(r['days_per_vial'])} days"),
        ]
    else:
        # A bottle's figures count the whole sprays given, which can differ from the dose entered.
        sprays = r["sprays_per_dose"]
        rows += [
            ("Daily total", f"{_num(r['daily_mcg'])} mcg entered ({doses_a_day})"),
            ("Per spray", f"{_num(r['mcg_per_spray'])} mcg in each {_num(_number(inputs, 'spray_ml'))} mL spray or drop"),
            (
                "Sprays per dose",
                f"{sprays} (exactly {_num(r['sprays_per_dose_exact'])}), delivering {_num(r['delivered_mcg'])} mcg",
            ),
            (
                "Bottle",
                f"{_num(r['sprays_per_bottle'])} sprays = {_num(r['doses_per_bottle'])} doses of {sprays} "
                f"spray{'s' if sprays > 1 else ''}, lasting {_num(r['days_per_bottle'])} days",
            ),
        ]
    if "water_for_target_ml" in r:
        target = _num(_number(inputs, "target_units"))
        if any(w["code"] == "target_water_outside_limits" for w in warnings):
            rows.append(("Reverse mode", f"no water amount the calculator accepts makes each dose fill {target} units"))
        else:
            rows.append(("Reverse mode", f"add {_num(r['water_for_target_ml'])} mL water so each dose fills {target} units"))

    width = max(len(label) for label, _ in rows) + 2
    lines = [f"{label:<{width}}{text}" for label, text in rows]
    if warnings:
        lines += ["", "Warnings:"] + [f"  - {w['message']} [{w['code']}]" for w in warnings]
    lines += ["", "Powder volume is taken as zero. Arithmetic only: this is not a dosing recommendation."]
    return "\n".join(lines)
