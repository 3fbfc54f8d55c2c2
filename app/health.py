"""Probes: ``/healthz`` says the process runs; ``/readyz`` that it can serve requests."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse

from app.container import Container
from app.migrate import head_revisions

READY_TIMEOUT_S = 2.0


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    container: Container = request.app.state.container
    heads: frozenset[str] = request.app.state.migration_heads
    try:
        async with asyncio.timeout(READY_TIMEOUT_S), container.db.engine.connect() as conn:
            current = set(
                (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalars()
            )
    except (SQLAlchemyError, OSError, TimeoutError) as exc:
        return JSONResponse(
            {"status": "unavailable", "database": type(exc).__name__}, status_code=503
        )
    if current != heads:
        return JSONResponse(
            {
                "status": "unavailable",
                "migrations": {"current": sorted(current), "head": sorted(heads)},
            },
            status_code=503,
        )
    return JSONResponse({"status": "ok"})


def migration_heads() -> frozenset[str]:
    return head_revisions()
