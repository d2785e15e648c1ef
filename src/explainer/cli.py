"""Command line for the explainer: ``python -m explainer calc ...`` runs the reconstitution calculator,
``python -m explainer blend ...`` the blend calculator (one vial holding two or more peptides).

Numbers are passed to :func:`explainer.reconstitution.calculate` as the raw strings typed, so the
command line reports bad input with the same codes and messages as the book's widget.
It converts units only: nothing is compared with the dose figures people report.
Exit status: 0 on success, 2 on bad input (message on stderr, or a JSON ``{"error": ...}`` on
stdout with ``--json``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from explainer import blend as blend_math
from explainer.reconstitution import DEFAULTS, MCG_PER_MG, SPEC, calculate, parse_number, shown

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
    parser = _Parser(prog="python -m explainer",
                     description="Tools behind the peptide explainer collection: its unit-conversion calculators.")
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

    blend = commands.add_parser(
        "blend",
        help="blend calculator: one vial holding two or more peptides (arithmetic only)",
        description="Work out the volume, syringe units and how much of each peptide a draw holds, for a vial "
        "holding two or more peptides, from a target amount of one of them or from a volume drawn. "
        "Give --spray-ml for the sprays or drops instead.",
    )
    blend.add_argument("--peptide", metavar="NAME=AMOUNT", action="append",
                       help="a peptide in the vial and its amount with mg or mcg, such as Semax=5mg (one flag each)")
    blend.add_argument("--water-ml", metavar="N", help="bacteriostatic water added, in mL")
    blend.add_argument("--target", metavar="NAME=AMOUNT", help="a target amount of one peptide, such as Semax=300mcg")
    blend.add_argument("--draw-units", metavar="N", help="a volume drawn, in syringe units (instead of --target)")
    blend.add_argument("--draw-ml", metavar="N", help="a volume drawn, in mL (instead of --target)")
    blend.add_argument("--syringe", metavar="SCALE", help="insulin syringe scale: U-100 (default), U-50 or U-40")
    blend.add_argument("--capacity-ml", metavar="N", help="syringe size: 0.3, 0.5 or 1 (default) mL")
    blend.add_argument("--spray-ml", metavar="N", help="spray or drop volume in mL; makes the route intranasal")
    blend.add_argument("--json", action="store_true", help="print one JSON object")
    blend.set_defaults(handler=_run_blend)
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
        (
            "Vial",
            f"{shown('vial_mcg', r['vial_mcg'])} mcg ({shown('vial_mg', r['vial_mcg'] / MCG_PER_MG)} mg) "
            f"in {shown('water_ml', water_ml)} mL water",
        ),
        (
            "Concentration",
            f"{shown('concentration_mcg_per_ml', r['concentration_mcg_per_ml'])} mcg/mL "
            f"({shown('concentration_mg_per_ml', r['concentration_mg_per_ml'])} mg/mL)",
        ),
        ("Each dose", f"{shown('dose_mcg', r['dose_mcg'])} mcg = {shown('volume_ml', r['volume_ml'])} mL"),
    ]
    if route == "injection":
        rows += [
            (
                "Syringe",
                f"{shown('units', r['units'])} units on a {shown('capacity_ml', _number(inputs, 'capacity_ml'))} mL "
                f"{_given(inputs, 'syringe')} syringe ({shown('syringe_capacity_units', r['syringe_capacity_units'])} "
                f"units, 1 unit = {shown('ml_per_unit', r['ml_per_unit'])} mL)",
            ),
            (
                "Doses per vial",
                f"{shown('doses_per_vial', r['doses_per_vial'])}, "
                f"with {shown('leftover_mcg', r['leftover_mcg'])} mcg left over",
            ),
            (
                "Daily total",
                f"{shown('daily_mcg', r['daily_mcg'])} mcg ({doses_a_day}); "
                f"the vial lasts {shown('days_per_vial', r['days_per_vial'])} days",
            ),
        ]
    else:
        # A bottle's figures count the whole sprays given, which can differ from the dose entered.
        sprays = r["sprays_per_dose"]
        rows += [
            ("Daily total", f"{shown('daily_mcg', r['daily_mcg'])} mcg entered ({doses_a_day})"),
            (
                "Per spray",
                f"{shown('mcg_per_spray', r['mcg_per_spray'])} mcg "
                f"in each {shown('spray_ml', _number(inputs, 'spray_ml'))} mL spray or drop",
            ),
            (
                "Sprays per dose",
                f"{sprays} (exactly {shown('sprays_per_dose_exact', r['sprays_per_dose_exact'])}), "
                f"delivering {shown('delivered_mcg', r['delivered_mcg'])} mcg",
            ),
            (
                "Bottle",
                f"{shown('sprays_per_bottle', r['sprays_per_bottle'])} sprays "
                f"= {shown('doses_per_bottle', r['doses_per_bottle'])} doses of {sprays} "
                f"spray{'s' if sprays > 1 else ''}, lasting {shown('days_per_bottle', r['days_per_bottle'])} days",
            ),
        ]
    if "water_for_target_ml" in r:
        target = shown("target_units", _number(inputs, "target_units"))
        if any(w["code"] == "target_water_outside_limits" for w in warnings):
            rows.append(("Reverse mode", f"no water amount the calculator accepts makes each dose fill {target} units"))
        else:
            water = shown("water_for_target_ml", r["water_for_target_ml"])
            rows.append(("Reverse mode", f"add {water} mL water so each dose fills {target} units"))

    width = max(len(label) for label, _ in rows) + 2
    lines = [f"{label:<{width}}{text}" for label, text in rows]
    if warnings:
        lines += ["", "Warnings:"] + [f"  - {w['message']} [{w['code']}]" for w in warnings]
    lines += ["", "Assumptions:"] + [f"  - {a}" for a in SPEC["assumptions"]] + ["", SPEC["arithmetic_only"]]
    return "\n".join(lines)


# --------------------------------------------------------------------------- blend

_AMOUNT_RE = re.compile(r"^(.*?)(mcg|mg)?$", re.S)


def _named_amount(text: str) -> tuple[str, str, str | None]:
    """NAME=AMOUNT[mg|mcg] as (name, amount, unit or None); the math judges each part."""
    name, _, amount = text.partition("=")
    match = _AMOUNT_RE.match(amount.strip())
    assert match is not None  # the pattern matches any text
    return name, match.group(1), match.group(2)


def _blend_inputs(args: argparse.Namespace) -> dict[str, Any]:
    peptides = []
    for index, text in enumerate(args.peptide or []):
        if "=" not in text:
            message = f"Give each peptide as NAME=AMOUNT with mg or mcg, such as Semax=5mg, not {text!r}."
            raise _Conflict(f"peptides.{index}", message)
        name, amount, unit = _named_amount(text)
        peptides.append({"name": name, "amount": amount, **({"unit": unit} if unit else {})})
    draws = {flag: value for flag, value in (("--draw-units", args.draw_units), ("--draw-ml", args.draw_ml))
             if value is not None}
    given = [*(["--target"] if args.target is not None else []), *draws]
    if len(given) > 1:
        raise _Conflict("mode", f"Give {' or '.join(given)}, not more than one.")
    if not given:
        raise _Conflict("mode", "Give --target NAME=AMOUNT, or a volume drawn with --draw-units N or --draw-ml N.")
    inputs: dict[str, Any] = {
        "peptides": peptides,
        "water_ml": args.water_ml,
        "syringe": args.syringe,
        "capacity_ml": args.capacity_ml,
        "route": "intranasal" if args.spray_ml is not None else "injection",
        "spray_ml": args.spray_ml,
    }
    if args.target is not None:
        if "=" not in args.target:
            message = f"Give the target as NAME=AMOUNT, such as Semax=300mcg, not {args.target!r}."
            raise _Conflict("target_name", message)
        name, amount, unit = _named_amount(args.target)
        inputs.update({"mode": "target", "target_name": name, "target_amount": amount, "target_unit": unit})
    else:
        [(flag, value)] = draws.items()
        inputs.update({"mode": "draw", "draw_amount": value, "draw_unit": "units" if flag == "--draw-units" else "mL"})
    return {key: value for key, value in inputs.items() if value is not None}


def _run_blend(args: argparse.Namespace) -> int:
    try:
        inputs = _blend_inputs(args)
    except _Conflict as err:
        return _report_error({"code": "conflict", "field": err.field, "message": str(err)}, as_json=args.json)
    out = blend_math.calculate(inputs)
    if not out["ok"]:
        return _report_error(out["error"], as_json=args.json)
    r = out["result"]
    if args.json:
        payload = {
            "route": inputs["route"],
            "mode": inputs["mode"],
            **{key: r[key] for key in ("volume_ml", "units", "per_peptide_mcg")},
            **{key: value for key, value in r.items() if key not in ("volume_ml", "units", "per_peptide_mcg")},
            "warnings": out["warnings"],
        }
        print(json.dumps(payload, indent=2))
    else:
        print(_blend_readable(inputs, r, out["warnings"]))
    return 0


def _each(r: dict[str, Any], key: str, figure: str, unit: str) -> str:
    """Every peptide's figure, in the vial's order: 'Semax 300 mcg, Selank 300 mcg'."""
    return ", ".join(f"{name} {shown(figure, r[key][name])} {unit}" for name in r["names"])


def _blend_readable(inputs: dict[str, Any], r: dict[str, Any], warnings: list[dict[str, str]]) -> str:
    syringe = _given(inputs, "syringe")
    vial = ", ".join(f"{name} {shown('vial_mg', r['vial_mcg'][name] / MCG_PER_MG)} mg" for name in r["names"])
    rows = [
        ("Vial", f"{vial} in {shown('water_ml', r['water_ml'])} mL water"),
        ("Concentration", _each(r, "concentration_mcg_per_ml", "concentration_mcg_per_ml", "mcg/mL")),
    ]
    if "target_name" in r:
        rows.append(("Target", f"{shown('dose_mcg', r['target_mcg'])} mcg of {r['target_name']}"))
    volume = f"{shown('volume_ml', r['volume_ml'])} mL"
    # Syringe units mean something on an injection, or when the volume was drawn in units.
    if inputs["route"] == "injection" or inputs.get("draw_unit") == "units":
        volume += (f" = {shown('units', r['units'])} units on a {shown('capacity_ml', _number(inputs, 'capacity_ml'))}"
                   f" mL {syringe} syringe ({shown('syringe_capacity_units', r['syringe_capacity_units'])} units,"
                   f" 1 unit = {shown('ml_per_unit', r['ml_per_unit'])} mL)")
    rows += [("Volume", volume), ("In this volume", _each(r, "per_peptide_mcg", "dose_mcg", "mcg"))]
    if "sprays" in r:
        sprays = r["sprays"]
        rows += [
            ("Sprays", f"{sprays} of {shown('spray_ml', r['spray_ml'])} mL "
                       f"(exactly {shown('sprays_per_dose_exact', r['sprays_exact'])})"),
            ("Per spray", _each(r, "per_peptide_mcg_per_spray", "mcg_per_spray", "mcg")),
            (f"In {sprays} spray{'s' if sprays > 1 else ''}",
             _each(r, "per_peptide_delivered_mcg", "delivered_mcg", "mcg")),
        ]
    width = max(len(label) for label, _ in rows) + 2
    lines = [f"{label:<{width}}{text}" for label, text in rows]
    if warnings:
        lines += ["", "Warnings:"] + [f"  - {w['message']} [{w['code']}]" for w in warnings]
    assumptions = blend_math.SPEC["assumptions"]
    lines += ["", "Assumptions:"] + [f"  - {a}" for a in assumptions] + ["", SPEC["arithmetic_only"]]
    return "\n".join(lines)
