"""The classroom outputs: a reveal.js deck (``slides``), a one-page handout (``handouts``) and self-check
questions (``quiz``) for every chapter of every compound in the collection, each built from the chapter registry
(what the chapter shows) and the content; ``write`` puts the decks and handouts into the built book.
"""
