"""The explainer collection on nootropic peptides: content, math, charts, renderers, widgets, classroom, chapters.

Data flows one way: ``data/<compound>.yaml`` → ``content`` (the checked model) and ``collection`` (which
compounds, the shared words) → ``reconstitution``/``blend`` (math), ``charts``, ``render`` (MyST per chapter),
``widgets`` → ``classroom`` (decks, handouts, self-check) → ``chapters`` (the registry and the Markdown
templates, generated into the notebooks) → the book.
"""

__version__ = "0.1.0"
