"""The chapters: the registry that declares each chapter once (``registry``) and the generator that writes its
notebooks from one Markdown template per chapter (``generate``; ``python -m explainer.chapters``).

This package sits at the top: it reads the renderers and the classroom outputs, and they read only its
``registry`` module. The generated notebooks import neither.
"""
