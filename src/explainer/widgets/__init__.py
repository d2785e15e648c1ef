"""Interactives: one class each, with its ES module (and CSS) beside it, built into ``dist/``."""

from __future__ import annotations

import importlib
import pkgutil

from .base import WIDGET_CLASS, BookWidget

__all__ = ["WIDGET_CLASS", "BookWidget", "all_widgets"]


def all_widgets() -> list[type[BookWidget]]:
    """Every concrete widget class, so the book build can publish its module."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    found: list[type[BookWidget]] = []
    stack = list(BookWidget.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if "asset_name" in cls.__dict__:
            found.append(cls)
    return sorted(found, key=lambda c: c.asset_name)
