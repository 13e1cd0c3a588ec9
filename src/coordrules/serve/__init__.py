"""``coordrules serve``: the merged calendar as a live, private feed service (optional extra).

Install with ``pip install "coordrules[serve]"`` (Starlette, uvicorn, httpx).
The core never imports this package. :func:`create_app` builds the ASGI
application from a :class:`ServeConfig` (:func:`load_config` reads one
from TOML; :func:`demo_config` is the demo's), so a portal can mount it in
its own application; state that survives restarts (published feeds for
SEQUENCE, ETags, hashed feed tokens) is kept by a :class:`Store`, by default
:class:`SQLiteStore`. See docs/howto-serve.md.
"""

from __future__ import annotations

from coordrules.serve.app import TokenFilter, create_app, redact
from coordrules.serve.config import ServeConfig, SourceConfig, demo_config, load_config
from coordrules.serve.service import Build, Service
from coordrules.serve.store import (
    Published,
    SQLiteStore,
    Store,
    TokenInfo,
    content_hash,
    issue_token,
    token_hash,
)

__all__ = [
    "Build",
    "Published",
    "SQLiteStore",
    "ServeConfig",
    "Service",
    "SourceConfig",
    "Store",
    "TokenFilter",
    "TokenInfo",
    "content_hash",
    "create_app",
    "demo_config",
    "issue_token",
    "load_config",
    "redact",
    "token_hash",
]
