"""Running the service with uvicorn, and managing feed tokens, for ``coordrules serve``."""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import uvicorn

from coordrules.model.errors import InputError
from coordrules.packs.directory import load_directory
from coordrules.packs.load import load_pack
from coordrules.serve.app import create_app, install_log_filter
from coordrules.serve.config import ServeConfig
from coordrules.serve.store import TOKEN_KINDS, SQLiteStore, Store, TokenInfo, issue_token


def feed_address(config: ServeConfig, kind: str, token: str) -> str:
    """Where the holder of *token* opens what it gives."""
    if kind == "staff":
        return f"{config.address}/staff/{token}/"
    return f"{config.address}/feed/{token}.ics"


def ensure_staff_token(store: Store) -> str | None:
    """Issue a staff token when none is live; return it (to show once), else ``None``."""
    if any(t.kind == "staff" and t.revoked is None for t in store.tokens()):
        return None
    return issue_token(store, "staff", "staff")


def serve(config: ServeConfig, *, say: Callable[[str], None] = print) -> None:
    """Start the service on ``config.host:config.port`` and run until interrupted."""
    _check_address(config)
    store = SQLiteStore(config.database)
    app = create_app(config, store=store)
    say(f"coordrules serve: {config.address}  (cơ sở dữ liệu / database {config.database})")
    # Standard output of a service often goes to a log: a token only to a terminal.
    staff = ensure_staff_token(store) if sys.stdout.isatty() else None
    if staff is not None:
        say(
            "Trang lịch tuần cho cán bộ văn phòng / week page for office staff (giữ bí mật, "
            "chỉ hiện lần này / keep it secret; shown only this once):"
        )
        say(f"  {feed_address(config, 'staff', staff)}")
    else:
        say(
            "Trang cán bộ / staff page: địa chỉ cấp bằng / its address is issued by: "
            "coordrules serve tokens rotate staff"
        )
    say(
        "Địa chỉ lịch cho từng lãnh đạo / each leader's feed address: "
        "coordrules serve tokens rotate 'person:*'"
    )
    server_config = uvicorn.Config(
        app, host=config.host, port=config.port, log_level="info", server_header=False
    )
    install_log_filter()  # after uvicorn has set up its loggers
    # httpx logs each request with its URL at INFO; subscription URLs are secrets.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("coordrules.serve").setLevel(logging.INFO)
    uvicorn.Server(server_config).run()


def _check_address(config: ServeConfig) -> None:
    """A port in use or an address not on this machine is a usage error, said before any work."""
    try:
        infos = socket.getaddrinfo(config.host, config.port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as error:
        raise InputError(
            f"{config.host}:{config.port}",
            f"cannot listen there: {error.strerror or error}",
            reason_vi="không mở được cổng (cổng đang được dùng?)",
            hint="choose another port: --port 8001",
        ) from None


def parse_target(text: str) -> tuple[str, str]:
    """``person:ID``, ``body:ID``, ``all`` or ``staff`` as (kind, subject)."""
    kind, sep, subject = text.partition(":")
    if kind in ("all", "staff") and not sep:
        return kind, kind
    if kind not in TOKEN_KINDS or not sep or not subject:
        raise InputError(
            text,
            "expected person:ID, body:ID, all or staff",
            reason_vi="cần dạng person:ID, body:ID, all hoặc staff",
        )
    return kind, subject


def expand_targets(config: ServeConfig, targets: Sequence[str]) -> list[tuple[str, str]]:
    """The (kind, subject) pairs *targets* name; ``person:*`` and ``body:*`` mean all of them.

    A person or body not in the people directory or pack is an error: a
    token for nobody would be a typo nobody notices.
    """
    pack = load_pack(config.pack)
    directory = None if config.people is None else load_directory(config.people, pack)
    org = pack.organisation(directory)
    known = {
        "person": [p.id for p in org.directory.people],
        "body": [b.id for b in org.bodies],
    }
    out: list[tuple[str, str]] = []
    for text in targets:
        kind, subject = parse_target(text)
        if kind in known and subject == "*":
            out.extend((kind, s) for s in known[kind])
        elif kind in known and subject not in known[kind]:
            raise InputError(
                text,
                f"no {kind} with this id",
                reason_vi="không có người" if kind == "person" else "không có cơ quan",
                hint=", ".join(known[kind][:12]),
            )
        else:
            out.append((kind, subject))
    return out


def rotate(
    store: Store, targets: Sequence[tuple[str, str]], *, at: datetime | None = None
) -> list[tuple[str, str, str]]:
    """Revoke the live tokens of each target and issue a new one: (kind, subject, token)."""
    moment = at or datetime.now(UTC)
    return [
        (kind, subject, issue_token(store, kind, subject, at=moment)) for kind, subject in targets
    ]


def revoke(store: Store, targets: Sequence[tuple[str, str]]) -> int:
    """Revoke every live token of each target; how many were revoked."""
    now = datetime.now(UTC)
    return sum(store.revoke(kind, subject, now) for kind, subject in targets)


def token_list(store: Store) -> list[TokenInfo]:
    """Every token (never the secret itself), oldest first."""
    return store.tokens()
