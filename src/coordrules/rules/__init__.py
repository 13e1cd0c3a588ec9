"""The rules layer: pure functions over the model and packs (merge, conflicts, dossier checks).

Never imports a file-format library.
"""
