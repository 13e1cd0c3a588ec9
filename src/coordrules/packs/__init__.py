"""The packs layer: rule packs (TOML data here) and the people directory, loaded and checked.

Imports the model, the standard library, attrs and ``holidays``.
"""
