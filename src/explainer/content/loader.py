"""Reading a compound's YAML file: a loader that refuses repeated keys, the file's faults as
``<file>: <dotted.path>: <message>`` lines, and one cached :class:`Compound` per file."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .base import ContentError, Problems, join_path, loc_to_path
from .compound import Compound

DATA_DIR = Path(__file__).parent.parent / "data"
SHARED_STUDIES = DATA_DIR / "shared" / "studies.yaml"  # studies that gave more than one compound, kept once


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe YAML loader that rejects a key written twice in one mapping (YAML silently keeps the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _format_errors(fname: str, err: ValidationError) -> list[str]:
    lines: list[str] = []
    for e in err.errors():
        base = loc_to_path(tuple(e["loc"]))
        exc = (e.get("ctx") or {}).get("error")
        if isinstance(exc, Problems):
            for rel, msg in exc.items:
                lines.append(f"{fname}: {join_path(base, rel) or '(top level)'}: {msg}")
            continue
        msg = e["msg"]
        if e["type"] == "value_error" and msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        lines.append(f"{fname}: {base or '(top level)'}: {msg}")
    return lines


def data_path(name_or_path: str | Path) -> Path:
    """A compound's data file: a name in ``src/explainer/data``, or a path to a ``.yaml`` file (the one resolver)."""
    if isinstance(name_or_path, Path) or "/" in name_or_path or name_or_path.endswith((".yaml", ".yml")):
        return Path(name_or_path).expanduser().resolve()
    return (DATA_DIR / f"{name_or_path}.yaml").resolve()


def available_compounds() -> list[str]:
    """Names accepted by :func:`load_compound`: the ``*.yaml`` files in ``src/explainer/data``."""
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))


def load_compound(name_or_path: str | Path) -> Compound:
    """Load and validate a compound by name (``"semax"``) or by path to a YAML file.

    Results are cached per resolved path (notebooks call this often); call :func:`clear_cache`
    after editing a file in a running kernel. Raises :class:`ContentError` if the file is invalid
    and ``FileNotFoundError`` if it does not exist.
    """
    path = data_path(name_or_path)
    if not path.is_file():
        raise FileNotFoundError(
            f"no compound file {path} (available by name: {', '.join(available_compounds()) or 'none'})"
        )
    return _load_path(path)


@functools.cache
def _load_path(path: Path) -> Compound:
    fname = path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 (safe loader subclass)
    except yaml.YAMLError as exc:
        raise ContentError([f"{fname}: (yaml): {exc}"]) from exc
    if not isinstance(raw, dict):
        raise ContentError([f"{fname}: (top level): expected a mapping of sections, got {type(raw).__name__}"])
    raw = _with_shared_studies(raw, fname)
    try:
        return Compound.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(_format_errors(fname, exc)) from exc


@functools.cache
def _shared_studies() -> dict[str, dict]:
    raw = yaml.load(SHARED_STUDIES.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 (safe loader subclass)
    return {s["id"]: s for s in raw["studies"]}


def _with_shared_studies(raw: dict, fname: str) -> dict:
    """A ``- shared: <id>`` source is that study's record in ``shared/studies.yaml`` joined with this compound's
    side of it; a field written in both files, or an id the shared file lacks, is refused."""
    sources = raw.get("sources")
    if not isinstance(sources, list) or not any(isinstance(s, dict) and "shared" in s for s in sources):
        return raw
    studies, problems, joined = _shared_studies(), [], []
    for i, s in enumerate(sources):
        if not (isinstance(s, dict) and "shared" in s):
            joined.append(s)
            continue
        local = {k: v for k, v in s.items() if k != "shared"}
        study = studies.get(s["shared"])
        if study is None:
            problems.append(f"{fname}: sources.{i}.shared: no study {s['shared']!r} in {SHARED_STUDIES.name}")
            continue
        both = sorted((set(study) - {"provenance"}) & set(local))
        if both:
            problems.append(f"{fname}: sources.{i}: {', '.join(both)} already in {SHARED_STUDIES.name}: write it once")
        provenance = {level: [*study.get("provenance", {}).get(level, []), *local.get("provenance", {}).get(level, [])]
                      for level in {**study.get("provenance", {}), **local.get("provenance", {})}}
        joined.append({**study, **local, "provenance": provenance})
    if problems:
        raise ContentError(problems)
    return {**raw, "sources": joined}


def as_compound(compound_or_name: Compound | str | Path) -> Compound:
    """Accept a loaded :class:`Compound` or anything :func:`load_compound` takes (``"semax"``, a path)."""
    return compound_or_name if isinstance(compound_or_name, Compound) else load_compound(compound_or_name)


def clear_cache() -> None:
    """Forget cached compounds (e.g. after editing a YAML file in a running notebook)."""
    _load_path.cache_clear()
    _shared_studies.cache_clear()
