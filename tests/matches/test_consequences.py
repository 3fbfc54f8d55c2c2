"""What ``match.confirmed`` changes, exactly once: table, form, ratings, stats, the court."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from openskill.models import PlackettLuce
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.container import Container
from app.db import Database
from app.events.envelope import Envelope
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.matches.handlers import MATCHES_WORKER
from app.matches.models import (
    MatchStatus,
    PlayerMatchStats,
    SkillRating,
    SkillRatingChange,
    SubjectKind,
)
from app.playgrounds.models import CourtStanding, CourtWin
from app.teams.models import Team, TeamResult
from tests.factories import create_user, set_lineup
from tests.fixtures.app import GQL, TestClock
from tests.matches.helpers import Fixture, call, outbox, two_teams


def processor(database: Database, container: Container, clock: TestClock) -> EventProcessor:
    settings = container.settings.events
    return EventProcessor(MATCHES_WORKER, database, settings, clock=clock, services=container)


async def play(gql: GQL, session: AsyncSession, f: Fixture, home: int, away: int) -> Envelope:
    """A live match with full lineups, a protocol and agreed reports; its confirmation event."""
    match = await f.match(session, MatchStatus.LIVE)
    await set_lineup(session, match=match, team=f.home, players=[f.home_captain, f.home_player])
    await set_lineup(session, match=match, team=f.away, players=[f.away_captain, f.away_player])
    m = {"matchId": str(match.id)}
    for minute, team, scorer, assist in (
        *((10 + i, f.home, f.home_player, f.home_captain) for i in range(home)),
        *((50 + i, f.away, f.away_captain, None) for i in range(away)),
    ):
        values = {
            "type": "GOAL",
            "minute": minute,
            "teamId": str(team.id),
            "playerId": str(scorer.id),
        }
        if assist is not None:
            values["relatedPlayerId"] = str(assist.id)
        await call(
            gql,
            "recordMatchEvent",
            {**m, **values},
            f.home_captain if team is f.home else f.away_captain,
            "event { id }",
        )
    yellow = {
        "type": "YELLOW_CARD",
        "minute": 70,
        "teamId": str(f.away.id),
        "playerId": str(f.away_player.id),
    }
    await call(gql, "recordMatchEvent", {**m, **yellow}, f.away_captain, "event { id }")
    await call(
        gql, "reportMatchResult", {**m, "ourScore": home, "theirScore": away}, f.home_captain
    )
    await call(
        gql, "reportMatchResult", {**m, "ourScore": away, "theirScore": home}, f.away_captain
    )
    rows = await outbox(session, "match.confirmed")
    return to_envelope(rows[-1])


async def state(session: AsyncSession) -> object:
    session.expunge_all()
    teams = (
        await session.execute(
            select(Team.id, Team.wins, Team.draws, Team.losses, Team.form, Team.rating).order_by(
                Team.id
            )
        )
    ).all()
    counts = [
        await session.scalar(select(func.count()).select_from(model))
        for model in (TeamResult, SkillRating, SkillRatingChange, PlayerMatchStats, CourtWin)
    ]
    wins = await session.scalar(select(func.sum(CourtStanding.wins)))
    ratings = (
        await session.execute(
            select(SkillRating.subject_id, SkillRating.mu, SkillRating.sigma).order_by(
                SkillRating.subject_id
            )
        )
    ).all()
    return teams, counts, wins, ratings


async def test_confirmation_applies_everything_once(
    gql: GQL, session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    f = await two_teams(session)
    envelope = await play(gql, session, f, 3, 1)
    worker = processor(database, container, clock)

    first = await worker.process(envelope)
    after_first = await state(session)
    redelivered = await worker.process(envelope)
    replayed = await worker.process(envelope.model_copy(update={"id": uuid.uuid4()}))

    assert (first, redelivered, replayed) == (Outcome.HANDLED, Outcome.DUPLICATE, Outcome.HANDLED)
    assert await state(session) == after_first, "neither a redelivery nor a replay changes anything"
    home = await session.get(Team, f.home.id)
    away = await session.get(Team, f.away.id)
    assert home is not None
    assert away is not None
    assert (home.wins, home.draws, home.losses, home.form) == (1, 0, 0, ["WIN"])
    assert (away.wins, away.draws, away.losses, away.form) == (0, 0, 1, ["LOSS"])
    stats = {
        row.user_id: (row.result, row.goals, row.assists, row.yellow_cards)
        for row in (await session.scalars(select(PlayerMatchStats))).all()
    }
    assert stats == {
        f.home_player.id: ("WIN", 3, 0, 0),
        f.home_captain.id: ("WIN", 0, 3, 0),
        f.away_captain.id: ("LOSS", 1, 0, 0),
        f.away_player.id: ("LOSS", 0, 0, 1),
    }
    standing = await session.scalar(
        select(CourtStanding).where(CourtStanding.playground_id == f.playground.id)
    )
    assert standing is not None
    assert (standing.team_id, standing.wins) == (f.home.id, 1)


async def test_ratings_match_openskill_for_known_cases(
    gql: GQL, session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    f = await two_teams(session)
    worker = processor(database, container, clock)
    model = PlackettLuce()

    await worker.process(await play(gql, session, f, 3, 1))
    players = await ratings_of(session, SubjectKind.PLAYER)
    teams = await ratings_of(session, SubjectKind.TEAM)

    # The library's documented case: a 2v2 won 3:1 moves each winner from 25 to 26.964 (8.178).
    assert players[f.home_player.id] == pytest.approx((26.964294621803063, 8.177962604389991))
    assert players[f.away_player.id] == pytest.approx((23.035705378196937, 8.177962604389991))
    [[home], [away]] = model.rate([[model.rating()], [model.rating()]], scores=[3, 1])
    assert teams[f.home.id] == pytest.approx((home.mu, home.sigma))
    assert teams[f.away.id] == pytest.approx((away.mu, away.sigma))
    clock.advance(timedelta(days=1))

    await worker.process(await play(gql, session, f, 2, 2))

    [[home2], [_]] = model.rate([[home], [away]], scores=[2, 2])
    teams = await ratings_of(session, SubjectKind.TEAM)
    assert teams[f.home.id] == pytest.approx((home2.mu, home2.sigma))
    stored = await session.get(Team, f.home.id)
    assert stored is not None
    assert stored.rating == pytest.approx(home2.ordinal())
    assert (stored.wins, stored.draws, stored.form) == (1, 1, ["DRAW", "WIN"])


async def ratings_of(
    session: AsyncSession, kind: SubjectKind
) -> dict[uuid.UUID, tuple[float, float]]:
    session.expunge_all()
    rows = (
        await session.scalars(select(SkillRating).where(SkillRating.subject_kind == kind))
    ).all()
    return {r.subject_id: (r.mu, r.sigma) for r in rows}


async def test_technical_results_count_in_the_table_only(
    gql: GQL, session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    f = await two_teams(session)
    match = await f.match(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    values = {"matchId": str(match.id), "winnerTeamId": str(f.home.id), "reason": "Неявка гостей"}
    await call(gql, "awardTechnicalResult", values, moderator)
    [row] = await outbox(session, "match.confirmed")

    await processor(database, container, clock).process(to_envelope(row))

    _, counts, wins, ratings = await state(session)  # type: ignore[misc]
    assert counts == [2, 0, 0, 0, 0]
    assert (wins, ratings) == (None, [])
