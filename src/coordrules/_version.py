"""The version of coordrules (one place, read by the build)."""

__version__ = "0.1.0"
