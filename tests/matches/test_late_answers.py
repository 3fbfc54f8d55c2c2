"""An answer to a report after its 48 hours comes too late, whether or not the periodic
auto-confirmation has run: the report stands, confirmed once, and the late caller is told."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.events.models import OutboxEvent
from app.matches import scoring
from app.matches.handlers import confirm_overdue_matches
from app.matches.models import Match, MatchReport, MatchStatus, ResultKind
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.racing import Racer
from tests.matches.helpers import call, document, iso, outbox, two_teams

DISPUTE = {"reason": "Счёт записан неверно, есть видео", "evidenceUrls": []}
LATE_ANSWERS = [
    ("reportMatchResult", {"ourScore": 3, "theirScore": 2}),
    ("reportMatchResult", {"ourScore": 0, "theirScore": 2}),
    ("disputeMatchResult", DISPUTE),
]


def late(name: str) -> str:
    input_type = f"{name[0].upper()}{name[1:]}Input"
    return (
        f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename "
        "... on ResponseDeadlinePassed { code deadline } } }"
    )


@pytest.mark.parametrize(("name", "values"), LATE_ANSWERS, ids=["differs", "agrees", "dispute"])
async def test_a_late_answer_confirms_the_report_once_and_is_refused(
    gql: GQL, session: AsyncSession, clock: TestClock, name: str, values: dict[str, Any]
) -> None:
    f = await two_teams(session)
    match = await f.match(session, MatchStatus.LIVE)
    m = {"matchId": str(match.id)}
    await call(gql, "reportMatchResult", {**m, "ourScore": 2, "theirScore": 0}, f.home_captain)
    deadline = clock.now() + timedelta(hours=48)
    clock.advance(timedelta(hours=48))

    response = await gql(late(name), {"v": {**m, **values}}, as_user=f.away_captain)

    assert response.errors is None
    assert response.data == {
        name: {
            "__typename": "ResponseDeadlinePassed",
            "code": "RESPONSE_DEADLINE_PASSED",
            "deadline": iso(deadline),
        }
    }
    session.expunge_all()
    stored = await session.get_one(Match, match.id)
    assert (stored.status, stored.result_kind, stored.home_score, stored.away_score) == (
        MatchStatus.CONFIRMED,
        ResultKind.AUTO_CONFIRMED,
        2,
        0,
    )
    assert stored.confirmed_at == deadline
    reports = (await session.scalars(select(MatchReport))).all()
    assert [r.team_id for r in reports] == [f.home.id]
    [confirmed] = await outbox(session, "match.confirmed")
    assert (confirmed.actor_id, confirmed.payload["result_kind"]) == (None, "AUTO_CONFIRMED")
    assert await outbox(session, "match.disputed") == []
    assert await scoring.confirm_overdue(session, now=clock.now(), limit=10) == []
    assert len(await outbox(session, "match.confirmed")) == 1


async def test_an_answer_a_minute_before_the_deadline_still_disputes(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    match = await f.match(session, MatchStatus.LIVE)
    m = {"matchId": str(match.id)}
    await call(gql, "reportMatchResult", {**m, "ourScore": 2, "theirScore": 0}, f.home_captain)
    clock.advance(timedelta(hours=47, minutes=59))

    result = await call(gql, "disputeMatchResult", {**m, **DISPUTE}, f.away_captain)

    assert result["match"]["status"] == "DISPUTED"
    assert len(await outbox(session, "match.disputed")) == 1
    assert await outbox(session, "match.confirmed") == []


async def test_a_stranger_after_the_deadline_is_refused_and_confirms_nothing(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    match = await f.match(session, MatchStatus.LIVE)
    m = {"matchId": str(match.id)}
    await call(gql, "reportMatchResult", {**m, "ourScore": 2, "theirScore": 0}, f.home_captain)
    clock.advance(timedelta(hours=49))

    result = await call(gql, "disputeMatchResult", {**m, **DISPUTE}, f.away_player)

    assert result == {"errors": ["FORBIDDEN"]}
    session.expunge_all()
    assert (await session.get_one(Match, match.id)).status is MatchStatus.AWAITING_CONFIRMATION
    assert await outbox(session, "match.confirmed") == []


async def test_a_late_dispute_racing_the_periodic_task_confirms_once(
    committed_database: Database, racer: Racer, clock: TestClock
) -> None:
    async with committed_database.transaction() as session:
        f = await two_teams(session)
        match = await f.match(
            session,
            MatchStatus.AWAITING_CONFIRMATION,
            confirm_by=clock.now() - timedelta(minutes=1),
        )
        session.add(
            MatchReport(
                match_id=match.id,
                team_id=f.home.id,
                home_score=4,
                away_score=2,
                reported_by_id=f.home_captain.id,
                reported_at=clock.now() - timedelta(hours=48),
            )
        )
    dispute = {"v": {"matchId": str(match.id), **DISPUTE}}

    result, confirmed_by_task = await asyncio.gather(
        racer(document("disputeMatchResult"), dispute, f.away_captain),
        confirm_overdue_matches(committed_database, now=clock.now(), batch=10),
    )

    answer = result["__typename"]
    expected = "WrongMatchStatus" if confirmed_by_task else "ResponseDeadlinePassed"
    assert answer == expected
    async with committed_database.session() as session:
        stored = await session.get_one(Match, match.id)
        stmt = select(func.count()).select_from(OutboxEvent)
        confirmations = await session.scalar(stmt.where(OutboxEvent.type == "match.confirmed"))
        disputes = await session.scalar(stmt.where(OutboxEvent.type == "match.disputed"))
    assert (stored.status, stored.home_score, stored.away_score) == ("CONFIRMED", 4, 2)
    assert (confirmations, disputes) == (1, 0)
