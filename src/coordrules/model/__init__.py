"""The model layer: attrs classes for organisations, people, events, dossiers, findings and reports.

Imports only the standard library and attrs.
"""
