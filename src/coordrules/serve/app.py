"""The HTTP layer: a Starlette application over :class:`~coordrules.serve.service.Service`.

Routes (every token is a secret; see docs/howto-serve.md):

* ``GET /feed/{token}.ics``: the feed the token opens (a person's, a body's,
  or the merged one), ``text/calendar; charset=utf-8``, with ``ETag``,
  ``Last-Modified`` and ``Cache-Control``; ``If-None-Match`` and
  ``If-Modified-Since`` give ``304 Not Modified``. An unknown or revoked
  token gives the same ``404`` as a token of a person who does not exist.
* ``GET /staff/{token}/``: the week page for office staff;
  ``…/week.docx`` the same week as the weekly work calendar (DOCX);
  ``…/report.json`` the report as JSON. Only with a staff token.
* ``GET /health``: whether a build exists, when it was made, which sources are stale.

The sources are polled in the background while the application runs
(Starlette lifespan); the first build is made when the application is created.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from coordrules.serve.config import ServeConfig
from coordrules.serve.page import week_page
from coordrules.serve.service import Service
from coordrules.serve.store import Published, Store

log = logging.getLogger("coordrules.serve")

_SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",  # page addresses hold tokens
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
_NOT_FOUND = "Không tìm thấy / Not found\n"

_TOKEN_IN_PATH = re.compile(r"(/(?:feed|staff)/)[^/?#\s\"]+")


def redact(text: str) -> str:
    """*text* with every token in a ``/feed/…`` or ``/staff/…`` path replaced by ``***``."""
    return _TOKEN_IN_PATH.sub(r"\1***", text)


class TokenFilter(logging.Filter):
    """A logging filter that removes feed and staff tokens from log records.

    Installed on uvicorn's loggers by ``coordrules serve``; a portal that
    mounts the app in its own server should install it on its access log.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message and arguments; never drop a record."""
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True


def install_log_filter() -> None:
    """Put :class:`TokenFilter` on uvicorn's loggers and their handlers."""
    token_filter = TokenFilter()
    for name in ("uvicorn", "uvicorn.access", "uvicorn.error", "coordrules.serve"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, TokenFilter) for f in logger.filters):
            logger.addFilter(token_filter)
        for handler in logger.handlers:
            if not any(isinstance(f, TokenFilter) for f in handler.filters):
                handler.addFilter(token_filter)


def _not_found() -> Response:
    return Response(
        _NOT_FOUND,
        status_code=404,
        media_type="text/plain; charset=utf-8",
        headers={**_SECURITY_HEADERS, "Cache-Control": "no-store"},
    )


def _http_date(moment: datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(UTC).replace(microsecond=0), usegmt=True)


def _not_modified(request: Request, feed: Published) -> bool:
    """RFC 9110 §13.1: If-None-Match decides when present, else If-Modified-Since."""
    tag = f'"{feed.etag}"'
    wanted = request.headers.get("if-none-match")
    if wanted is not None:
        tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
        return "*" in tags or tag in tags
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        moment = email.utils.parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):
        return False
    if moment.tzinfo is None:
        return False
    return feed.modified.replace(microsecond=0) <= moment


def create_app(config: ServeConfig, *, store: Store | None = None, poll: bool = True) -> Starlette:
    """The service as an ASGI application, to run with uvicorn or mount in a portal's app.

    Loads the pack and people, makes the first build (so the first request
    is answered), and while running polls the sources every
    ``config.poll_seconds`` (remote ones every ``config.refresh_seconds``)
    unless *poll* is false. *store* defaults to a :class:`SQLiteStore` at
    ``config.database``. The :class:`~coordrules.serve.service.Service` is
    ``app.state.service``.

    Raises :class:`~coordrules.InputError` for a pack, people file or
    ``previous`` feed that cannot be used.
    """
    service = Service(config, store)
    service.refresh(force=True)

    async def feed(request: Request) -> Response:
        found = service.feed_for(request.path_params["token"])
        if found is None:
            return _not_found()
        headers = {
            **_SECURITY_HEADERS,
            "ETag": f'"{found.etag}"',
            "Last-Modified": _http_date(found.modified),
            "Cache-Control": f"private, max-age={config.cache_seconds}",
        }
        if _not_modified(request, found):
            return Response(status_code=304, headers=headers)
        headers["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
        return Response(found.data, media_type="text/calendar; charset=utf-8", headers=headers)

    def _staff(request: Request) -> bool:
        return service.is_staff(request.path_params["token"]) and service.build is not None

    _private = {**_SECURITY_HEADERS, "Cache-Control": "private, no-store"}

    async def page(request: Request) -> Response:
        if not _staff(request):
            return _not_found()
        assert service.build is not None
        html = week_page(service.build, service.pack)
        return HTMLResponse(html, headers=_private)

    async def docx(request: Request) -> Response:
        if not _staff(request):
            return _not_found()
        data = await anyio.to_thread.run_sync(service.week_docx)
        return Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            headers={
                **_private,
                "Content-Disposition": 'attachment; filename="lich-cong-tac-tuan.docx"',
            },
        )

    async def report(request: Request) -> Response:
        if not _staff(request):
            return _not_found()
        return Response(
            service.report_json(), media_type="application/json; charset=utf-8", headers=_private
        )

    async def health(request: Request) -> Response:
        build = service.build
        body = {
            "status": "ok" if build is not None else "starting",
            "built": None if build is None else build.built.isoformat(),
            "build": None if build is None else build.number,
            "sources": [
                {
                    "name": s.config.name,
                    "fetched": None if s.fetched is None else s.fetched.isoformat(),
                    "stale_since": None if s.failing_since is None else s.failing_since.isoformat(),
                }
                for s in service.states
            ],
        }
        return JSONResponse(body, status_code=200 if build else 503, headers=_SECURITY_HEADERS)

    async def not_found(request: Request) -> Response:
        return _not_found()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with anyio.create_task_group() as group:
            if poll:
                group.start_soon(_poll_forever, service, config)
            yield
            group.cancel_scope.cancel()
        service.close()

    routes = [
        Route("/feed/{token}.ics", feed, methods=["GET", "HEAD"]),
        Route("/staff/{token}/", page, methods=["GET", "HEAD"]),
        Route("/staff/{token}/week.docx", docx, methods=["GET"]),
        Route("/staff/{token}/report.json", report, methods=["GET"]),
        Route("/health", health, methods=["GET", "HEAD"]),
        Route("/{rest:path}", not_found, methods=["GET", "HEAD", "POST"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.service = service
    return app


async def _poll_forever(service: Service, config: ServeConfig) -> None:
    """Rebuild when sources change; an unexpected error is logged and polling goes on."""
    pause = max(0.2, min(config.poll_seconds, config.refresh_seconds))
    while True:
        await anyio.sleep(pause)
        try:
            await anyio.to_thread.run_sync(service.refresh)
        except Exception:  # keep serving the last build; the log says what went wrong
            log.exception(
                "rebuild failed; still serving build %s", getattr(service.build, "number", None)
            )
