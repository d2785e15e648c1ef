"""The mark a generated notebook carries, and the check that none was edited by hand.

A generated notebook's metadata says which template it comes from, the command that regenerates it and a hash
of its cells' types and sources. ``python -m explainer.build`` refuses a notebook whose sources no longer match
the hash (a hand edit the next ``make chapters`` would silently overwrite), naming the template and the command.
Running a notebook in JupyterLab and saving it changes outputs, execution counts and metadata, never a source,
so it passes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import nbformat

GENERATED = "explainer"  # the notebook metadata key
REGENERATE = "make chapters"


def sources_hash(cells: Iterable[Any]) -> str:
    """The hash of a notebook's cell types and sources, in order: what a hand edit changes and a run does not."""
    h = hashlib.sha256()
    for c in cells:
        h.update(json.dumps([c["cell_type"], c["source"]]).encode())
    return h.hexdigest()


def hand_edits(root: Path) -> list[str]:
    """A message for each generated notebook under ``root`` whose cells are not the ones generated."""
    problems = []
    for path in sorted([*(root / "notebooks").rglob("*.ipynb"), *(root / "book").glob("*.ipynb")]):
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        meta = nb.metadata.get(GENERATED)
        if meta and sources_hash(nb.cells) != meta.get("sources_sha256"):
            problems.append(f"{path.relative_to(root)}: a cell was edited by hand, but this notebook is generated "
                            f"from {meta['generated_from']} and the data files. Make the change there, then run "
                            f"`{meta['regenerate']}` to regenerate the notebook.")
    return problems
