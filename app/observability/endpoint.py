"""``/metrics`` on a listener of its own, so the public ingress never reaches it.

Every process role (``serve``, ``relay``, ``worker``) starts one when ``METRICS_PORT`` is set.
``METRICS_TOKEN`` additionally requires a bearer token from the scraper.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
from collections.abc import Iterator

import structlog
import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from app.clock import Clock
from app.db import Database
from app.events.stats import pipeline_stats
from app.observability import metrics
from app.settings import MetricsSettings

log = structlog.get_logger(__name__)

SCRAPE_QUERY_TIMEOUT_S = 3.0


async def refresh(db: Database, clock: Clock) -> None:
    """Set the gauges that describe shared state, right before they are read."""
    _refresh_pool(db)
    try:
        async with asyncio.timeout(SCRAPE_QUERY_TIMEOUT_S):
            stats = await pipeline_stats(db, clock.now())
    except (SQLAlchemyError, OSError, TimeoutError) as exc:
        log.warning("metrics.pipeline_stats_failed", error=type(exc).__name__)
        return
    metrics.OUTBOX_BACKLOG.set(stats.outbox_backlog)
    metrics.RELAY_LAG.set(stats.relay_lag_seconds)
    for consumer, lag in stats.local_consumer_lag.items():
        metrics.CONSUMER_LAG.labels(consumer).set(lag)
    metrics.DEAD_LETTERS_PENDING.clear()
    for consumer, count in stats.dead_letters.items():
        metrics.DEAD_LETTERS_PENDING.labels(consumer).set(count)


def _refresh_pool(db: Database) -> None:
    pool = db.engine.sync_engine.pool
    if not isinstance(pool, QueuePool):
        return
    checked_out = pool.checkedout()
    metrics.DB_POOL.labels("checked_out").set(checked_out)
    metrics.DB_POOL.labels("idle").set(pool.checkedin())
    metrics.DB_POOL.labels("overflow").set(max(pool.overflow(), 0))
    metrics.DB_POOL_SIZE.set(pool.size() + max(pool._max_overflow, 0))


def metrics_app(db: Database, clock: Clock, settings: MetricsSettings) -> Starlette:
    token = settings.token.get_secret_value()

    async def scrape(request: Request) -> Response:
        if token and not _authorized(request, token):
            return PlainTextResponse(
                "unauthorized\n", status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        await refresh(db, clock)
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return Starlette(routes=[Route("/metrics", scrape)])


def _authorized(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)


class _QuietServer(uvicorn.Server):
    """Leaves signals to the process's main loop (the API's uvicorn or the event runner)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class MetricsServer:
    """A small uvicorn serving ``metrics_app`` inside the process's event loop."""

    def __init__(self, db: Database, clock: Clock, settings: MetricsSettings) -> None:
        assert settings.port is not None
        config = uvicorn.Config(
            metrics_app(db, clock, settings),
            host=settings.host,
            port=settings.port,
            log_config=None,
            access_log=False,
            lifespan="off",
        )
        self.server = _QuietServer(config)
        self._task: asyncio.Task[None] | None = None

    @classmethod
    def start_if_configured(
        cls, db: Database, clock: Clock, settings: MetricsSettings
    ) -> MetricsServer | None:
        if settings.port is None:
            return None
        server = cls(db, clock, settings)
        server._task = asyncio.create_task(server.server.serve(), name="metrics-server")
        return server

    async def stop(self) -> None:
        self.server.should_exit = True
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
