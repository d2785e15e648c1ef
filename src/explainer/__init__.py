"""Semax, explained: content model, calculator math, charts and widgets behind the notebooks.

Data flows one way: ``data/<compound>.yaml`` → ``content`` (checked model) → ``reconstitution``
(math), ``charts`` (figures) and ``widgets`` (interactives) → the notebooks → the book.
"""

__version__ = "0.1.0"
