"""``coordrules serve``: the merged calendar as a live feed service, and its tokens.

``coordrules serve [--config FILE]`` starts the service (on the demo's
bundled inputs when no file is given) and prints where to open it;
``coordrules serve tokens list|rotate|revoke`` manages the secret feed
addresses. The service is an optional extra (``pip install
"coordrules[serve]"``); this module imports it only when the command runs.
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from typing import Any

from coordrules.model.errors import InputError


def _need_extra() -> None:
    missing = [m for m in ("starlette", "uvicorn", "httpx") if importlib.util.find_spec(m) is None]
    if missing:
        raise InputError(
            "coordrules serve",
            "the serve extra is not installed (missing: " + ", ".join(missing) + ")",
            reason_vi="chưa cài gói bổ sung serve",
            hint='pip install "coordrules[serve]"',
        )


def add_parser(subparsers: Any) -> None:
    """Register ``serve`` and ``serve tokens``."""
    parser = subparsers.add_parser(
        "serve",
        help="chạy dịch vụ lịch cho lãnh đạo đăng ký / run the feed service leaders subscribe to",
        description=(
            "Chạy dịch vụ lịch: lịch từng lãnh đạo và từng cơ quan tại địa chỉ bí mật, trang "
            "lịch tuần cho cán bộ văn phòng, báo cáo JSON; tự cập nhật khi nguồn thay đổi. / "
            "Run the feed service: one feed per leader and per body at secret addresses, a week "
            "page for office staff, the report as JSON; rebuilt when a source changes. Without "
            "--config it runs on the demo's bundled sample data. Needs the extra: "
            'pip install "coordrules[serve]".'
        ),
    )
    _common(parser)
    parser.add_argument("--host", help="địa chỉ nghe / address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="cổng / port (default 8000)")
    actions = parser.add_subparsers(dest="action", metavar="tokens")
    tokens = actions.add_parser(
        "tokens",
        help="liệt kê, cấp lại, thu hồi địa chỉ bí mật / list, rotate, revoke secret addresses",
        description=(
            "Quản lý mã bí mật trong địa chỉ lịch. / Manage the secret tokens in feed addresses. "
            "TARGET: person:ID, body:ID, all (the merged feed), staff (the week page); "
            "person:* and body:* mean every person or body. Tokens are stored hashed: a new "
            "address is shown once, when it is issued."
        ),
    )
    _common(tokens, suppress=True)
    tokens.add_argument(
        "what",
        choices=("list", "rotate", "revoke"),
        help="list: liệt kê / list; rotate: cấp mới, thu hồi mã cũ / issue new, revoke old; "
        "revoke: thu hồi / revoke",
    )
    tokens.add_argument(
        "targets", nargs="*", metavar="TARGET", help="person:ID, body:ID, all, staff"
    )
    parser.set_defaults(run=run)


def _common(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=default,
        help="tệp cấu hình TOML / configuration file (default: the demo's sample data)",
    )
    parser.add_argument(
        "--db",
        metavar="FILE",
        default=default,
        help="cơ sở dữ liệu SQLite / state database (default: [serve] database, or "
        "./coordrules-serve.sqlite3)",
    )


def _config(args: argparse.Namespace) -> Any:
    from attrs import evolve

    from coordrules.serve.config import demo_config, load_config

    config = demo_config() if args.config is None else load_config(args.config)
    changes: dict[str, Any] = {}
    if args.db is not None:
        changes["database"] = Path(args.db)
    if getattr(args, "host", None) is not None:
        changes["host"] = args.host
    if getattr(args, "port", None) is not None:
        changes["port"] = args.port
    return evolve(config, **changes)


def run(args: argparse.Namespace) -> int:
    """Start the service, or manage tokens."""
    _need_extra()
    config = _config(args)
    from coordrules.serve import run as serving
    from coordrules.serve.store import SQLiteStore

    if args.action is None:
        serving.serve(config)
        return 0
    store = SQLiteStore(config.database)
    if args.what == "list":
        if args.targets:
            raise InputError("tokens list", "takes no TARGET", reason_vi="không nhận TARGET")
        for info in serving.token_list(store):
            state = "thu hồi / revoked" if info.revoked else "dùng được / live"
            print(
                f"{info.kind:7} {info.subject:28} {info.fingerprint}  "
                f"{info.created:%Y-%m-%d %H:%M} UTC  {state}"
            )
        return 0
    if not args.targets:
        raise InputError(
            f"tokens {args.what}", "name at least one TARGET", reason_vi="cần ít nhất một TARGET"
        )
    targets = serving.expand_targets(config, args.targets)
    if args.what == "revoke":
        count = serving.revoke(store, targets)
        print(f"Đã thu hồi / revoked: {count}")
        return 0
    for kind, subject, token in serving.rotate(store, targets):
        print(f"{kind}:{subject}\t{serving.feed_address(config, kind, token)}")
    return 0
