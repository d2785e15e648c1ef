"""Keep the notebooks' stored outputs honest.

Notebooks are committed without outputs, except the key cells tagged ``nbval-check-output``: their
stored output is what nbval compares against a fresh run, so a change in the content file or the
math that alters what a reader sees shows up as a failing test until the output is refreshed here
on purpose (``make notebooks``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHECK_TAG = "nbval-check-output"


def refresh(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # run timestamps: noise in every diff
        # nbval only compares cells that look run, so checked cells keep their count.
        if cell.cell_type == "code" and CHECK_TAG not in cell.metadata.get("tags", []):
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        refresh(Path(arg))
        print(f"refreshed {arg}")
