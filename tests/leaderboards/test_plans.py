"""The leaderboards stay fast as players grow: each page is read along an index, in order,
and stops after the page; nothing sorts the table. Shown with the plans PostgreSQL picks for
20,000 players and 10,000 teams: a sort only gets dearer against the index as tables grow, so
the plans hold for larger ones (a 100,000-row load cost minutes in loaded full-suite runs)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from app.economy.repository import leaderboard_statement as players
from app.pagination import PageRequest, encode_cursor
from app.teams.repository import leaderboard_statement as teams
from tests.factories import create_sport

pytestmark = pytest.mark.slow

PLAYERS = 20_000
CITIES = ["москва", "казань", "омск", "тверь", "самара"]


async def plan(
    session: AsyncSession, stmt: Select[Any], params: dict[str, Any] | None = None
) -> dict[str, Any]:
    if params:
        stmt = stmt.params(params)
    sql = stmt.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    rows = await session.execute(text(f"EXPLAIN (FORMAT JSON) {sql}"))
    return rows.scalar_one()[0]["Plan"]  # type: ignore[no-any-return]


def nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from nodes(child)


def read_along(node: dict[str, Any], index: str) -> None:
    types = [n["Node Type"] for n in nodes(node)]
    assert types[0] == "Limit", types
    assert "Sort" not in types, types
    assert "Incremental Sort" not in types, types
    assert any(n.get("Index Name") == index for n in nodes(node)), types


async def load(session: AsyncSession, statement: str, **params: Any) -> None:
    """Bulk loading may take longer than a request's statement timeout on a busy machine."""
    await session.execute(text("SET LOCAL statement_timeout = 0"))
    await session.execute(text(statement), params)


async def test_player_pages_follow_the_xp_indexes(session: AsyncSession) -> None:
    await load(
        session,
        "INSERT INTO users (id, subject, username, display_name) "
        "SELECT gen_random_uuid(), 'load-' || g, 'load' || g, 'Игрок ' || g "
        "FROM generate_series(1, :n) g",
        n=PLAYERS,
    )
    await load(
        session,
        "INSERT INTO user_progress (user_id, xp, city_key) "
        "SELECT id, (random() * 20000)::int, (CAST(:cities AS text[]))[1 + (random() * 4)::int] "
        "FROM users WHERE subject LIKE 'load-%'",
        cities=CITIES,
    )
    await load(session, "ANALYZE user_progress")
    deep = encode_cursor([7000, uuid.uuid4()])

    for city, after in ((None, None), (None, deep), ("казань", None), ("казань", deep)):
        request = PageRequest(first=20, after=after)
        index = "ix_user_progress_city_leaderboard" if city else "ix_user_progress_leaderboard"
        read_along(await plan(session, *players(city, request)), index)


async def test_team_pages_follow_the_rating_indexes(session: AsyncSession) -> None:
    sports = [await create_sport(session) for _ in range(20)]
    await load(
        session,
        "INSERT INTO teams (id, slug, name, sport_id, city, rating) "
        "SELECT gen_random_uuid(), 'load-' || g, 'Команда ' || g, "
        "(CAST(:sports AS uuid[]))[1 + g % 20], (CAST(:cities AS text[]))[1 + g % 5], "
        "random() * 3000 FROM generate_series(1, :n) g",
        n=PLAYERS // 2,
        sports=[sport.id for sport in sports],
        cities=CITIES,
    )
    await load(session, "ANALYZE teams")
    deep = encode_cursor([1500.0, uuid.uuid4()])

    for city, after in ((None, None), (None, deep), ("Казань", None), ("Казань", deep)):
        request = PageRequest(first=20, after=after)
        index = "ix_teams_city_sport_leaderboard" if city else "ix_teams_sport_leaderboard"
        read_along(await plan(session, teams(sports[3].id, city, request)), index)
