"""XP and ranks: the 11 ranks as data, and every user's xp, rank and next rank."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.economy.events import XpAwarded
from app.economy.rewards import award_xp
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from tests.factories import create_user
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter

ME = "query { me { xp rank { level title min max } nextRank { title min max } } }"
RANKS = "query { ranks { level title description min max } }"
USER = "query($id: ID!) { user(id: $id) { xp rank { title } } }"


async def test_the_ranks(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)

    response = await gql(RANKS, as_user=user)

    ranks = response.data["ranks"]
    assert [(r["level"], r["title"], r["min"], r["max"]) for r in ranks] == [
        (1, "Возьмите меня", 0, 100),
        (2, "Уже бегу", 101, 500),
        (3, "Упорный", 501, 1000),
        (4, "Уличный боец", 1001, 2500),
        (5, "Кто ты, воин?", 2501, 3000),
        (6, "Гроза района", 3001, 4000),
        (7, "Первый среди равных", 4001, 6000),
        (8, "Познавший дзен", 6001, 8000),
        (9, "Неоспоримый", 8001, 9000),
        (10, "Первый после бога", 9001, 9999),
        (11, "Анигилятор", 10000, None),
    ]
    assert ranks[0]["description"] == "Только встал с дивана (и уже жалею)"


@pytest.mark.parametrize(
    ("xp", "rank", "next_rank"),
    [
        (0, (1, "Возьмите меня", 0, 100), {"title": "Уже бегу", "min": 101, "max": 500}),
        (100, (1, "Возьмите меня", 0, 100), {"title": "Уже бегу", "min": 101, "max": 500}),
        (101, (2, "Уже бегу", 101, 500), {"title": "Упорный", "min": 501, "max": 1000}),
        (
            9999,
            (10, "Первый после бога", 9001, 9999),
            {"title": "Анигилятор", "min": 10000, "max": None},
        ),
        (250_000, (11, "Анигилятор", 10000, None), None),
    ],
)
async def test_my_rank_follows_my_xp(
    gql: GQL, session: AsyncSession, xp: int, rank: tuple[object, ...], next_rank: object
) -> None:
    user = await create_user(session)
    if xp:
        await award_xp(session, user.id, xp, reason="TEST", key="xp-1", now=utcnow())

    response = await gql(ME, as_user=user)

    me = response.data["me"]
    assert me["xp"] == xp
    assert tuple(me["rank"].values()) == rank
    assert me["nextRank"] == next_rank


async def test_anyones_rank_costs_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer, player = await create_user(session), await create_user(session)
    await award_xp(session, player.id, 600, reason="TEST", key="xp-1", now=utcnow())
    await session.flush()

    with count_statements() as log:
        response = await gql(USER, {"id": str(player.id)}, as_user=viewer)

    assert response.data["user"] == {"xp": 600, "rank": {"title": "Упорный"}}
    assert len(log) == 3, "the principal, the user, the XP; the award read the ranks\n" + str(log)


async def test_xp_awards_announce_a_new_rank(session: AsyncSession) -> None:
    user = await create_user(session)

    await award_xp(session, user.id, 50, reason="TEST", key="xp-1", now=utcnow())
    await award_xp(session, user.id, 550, reason="TEST", key="xp-2", now=utcnow())
    await award_xp(session, user.id, 550, reason="TEST", key="xp-2", now=utcnow())
    await session.flush()

    rows = await session.scalars(
        select(OutboxEvent)
        .where(OutboxEvent.type == "economy.xp_awarded")
        .order_by(OutboxEvent.seq)
    )
    assert [to_envelope(row).event() for row in rows] == [
        XpAwarded(
            user_id=user.id,
            amount=50,
            reason="TEST",
            total_xp=50,
            rank_level=1,
            previous_rank_level=1,
        ),
        XpAwarded(
            user_id=user.id,
            amount=550,
            reason="TEST",
            total_xp=600,
            rank_level=3,
            previous_rank_level=1,
        ),
    ]
