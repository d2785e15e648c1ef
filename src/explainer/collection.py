"""The collection: which compounds, in which order, and the words every page about them shares.

``collection.yml`` is the one list of compounds (a name in ``src/explainer/data`` or a path to a data file): the
chapters, the decks, the handouts and the landing page are built for exactly these. It also holds the one
not-medical-advice template, filled with a compound's name (or "each compound" on pages about all of them).
The book's title has its own home, ``_config.yml``, because the theme shows it too.

This module sits just above ``content``: the generated notebooks import it (never their generator), and so do
the widgets, the renderers and the classroom outputs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .content import Compound, data_path, load_compound
from .content.loader import SHARED_STUDIES

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "collection.yml"
NOT_ADVICE = "Not medical advice"  # the disclaimer's title, on pages, decks and handouts


def _words(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Collection:
    """What ``collection.yml`` says: the book's title, the disclaimer template and the compounds, in order."""

    title: str
    disclaimer_template: str
    compounds: tuple[str, ...]

    @property
    def disclaimer(self) -> str:
        """The line on pages about every compound."""
        return self.disclaimer_template.format(name="each compound")

    def loaded(self) -> list[Compound]:
        return [load_compound(data_path(ref)) for ref in self.compounds]


def read_config(path: Path = CONFIG) -> Collection:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    return Collection(title=title, disclaimer_template=_words(raw["disclaimer"]),
                      compounds=tuple(str(c) for c in raw["compounds"]))


def compounds() -> tuple[str, ...]:
    """The collection's compounds, in order: the one list everything is built for."""
    return read_config().compounds


def data_hash(refs: Iterable[str]) -> str:
    """A short hash of the data files a notebook reads: a changed file changes the notebook's code."""
    h = hashlib.sha256(SHARED_STUDIES.read_bytes())  # any compound file may take a study from it
    for ref in refs:
        h.update(data_path(ref).read_bytes())
    return h.hexdigest()[:16]


def disclaimer_text(compound: Compound) -> str:
    """The not-medical-advice line for one compound: the collection's template with its name."""
    return read_config().disclaimer_template.format(name=compound.identity.name)
