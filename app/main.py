"""``create_app()``: the Starlette application: GraphQL, browser login, probes, dev issuer.

``/metrics`` is deliberately not a route here: it has a listener of its own (``METRICS_PORT``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.types import ASGIApp

from app.ai.media import LocalMediaStore
from app.ai.runtime import AiRuntime
from app.auth.dev_issuer import DevIssuer
from app.auth.keys import KeyProvider, OidcKeyProvider
from app.auth.middleware import AuthMiddleware
from app.auth.tokens import TokenValidator
from app.clock import SystemClock
from app.container import Container
from app.db import Database, create_engine
from app.events.runtime import EventsRuntime
from app.graphql.schema import create_schema
from app.graphql.view import GraphQLApp
from app.health import healthz, migration_heads, readyz
from app.http import BodyLimitMiddleware, cors
from app.notifications.routes import routes as notification_routes
from app.notifications.unsubscribe import signing_key
from app.observability.asgi import middleware
from app.observability.endpoint import MetricsServer
from app.operations.service import read_manifest
from app.operations.store import PersistedStore
from app.sessions.browser import BrowserAuth
from app.sessions.middleware import SessionMiddleware
from app.sessions.routes import routes as session_routes
from app.settings import Settings, get_settings
from app.workers import all_workers


def build_container(settings: Settings) -> Container:
    if not settings.database.url:
        raise RuntimeError("DATABASE_URL is not set (the CLI starts an embedded PostgreSQL)")
    http = httpx.AsyncClient(timeout=settings.auth.http_timeout_s)
    dev_issuer = DevIssuer.from_settings(settings) if settings.dev_issuer_enabled else None
    keys: KeyProvider
    if dev_issuer is not None:
        keys = dev_issuer.key_provider()
    elif settings.auth.issuer:
        keys = OidcKeyProvider(
            settings.auth.issuer,
            http,
            min_refresh_interval=settings.auth.jwks_min_refresh_interval_s,
        )
    else:
        raise RuntimeError("AUTH_ISSUER is required outside APP_ENV=dev")
    tokens = TokenValidator(
        keys,
        audience=settings.auth.audience,
        client_id=settings.auth.client_id,
        algorithms=settings.auth.algorithms,
        leeway_s=settings.auth.leeway_s,
    )
    signing_key(settings)  # fails fast without NOTIFICATIONS_UNSUBSCRIBE_KEY in production
    db = Database(create_engine(settings.database.url, settings.database))
    clock = SystemClock()
    manifest = settings.graphql.persisted_operations_manifest
    container = Container(
        settings=settings,
        db=db,
        tokens=tokens,
        clock=clock,
        http=http,
        events=EventsRuntime(settings, db, clock, list(all_workers().values())),
        dev_issuer=dev_issuer,
        browser=BrowserAuth.from_settings(settings, tokens),
        persisted=PersistedStore(read_manifest(manifest) if manifest else ()),
        ai=AiRuntime.from_settings(settings),
    )
    container.events.services = container
    return container


def create_app(
    settings: Settings | None = None, *, container: Container | None = None
) -> Starlette:
    container = container or build_container(settings or get_settings())
    settings = container.settings
    graphql_settings = settings.graphql.model_copy(
        update={"introspection": settings.introspection_enabled}
    )
    graphql: ASGIApp = GraphQLApp(create_schema(graphql_settings), container)
    if container.browser is not None:
        graphql = SessionMiddleware(graphql, container, container.browser)
    graphql = BodyLimitMiddleware(AuthMiddleware(graphql, container), settings.http.max_body_bytes)
    routes: list[BaseRoute] = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        *notification_routes(container),
    ]
    if container.browser is not None:
        routes.extend(session_routes(container, container.browser))
    if container.dev_issuer is not None:
        routes.extend(container.dev_issuer.routes())
    ai = container.ai_runtime()
    if isinstance(ai.media, LocalMediaStore):
        routes.extend(ai.media.routes())

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await container.events.start_for_api()
        metrics = MetricsServer.start_if_configured(container.db, container.clock, settings.metrics)
        try:
            yield
        finally:
            if metrics is not None:
                await metrics.stop()
            await container.events.stop()
            await ai.aclose()
            await container.http.aclose()
            await container.db.dispose()

    telemetry = middleware(tracing=settings.telemetry.enabled)
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[*telemetry, cors(settings.http)])
    app.state.container = container
    app.state.migration_heads = migration_heads()
    return app
