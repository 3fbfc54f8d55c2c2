"""challengeTeam and respondToChallenge: negotiating a friendly match."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.matches.models import Match, MatchStatus
from tests.factories import create_sport, create_team
from tests.fixtures.app import GQL, TestClock
from tests.matches.helpers import Fixture, call, iso, outbox, snapshot, two_teams

CHALLENGE = "challenge { id status proposedAt awaitingTeam { name } }"
ANSWERED = "challenge { status proposedAt awaitingTeam { name } } match { id status scheduledAt }"


async def challenge(gql: GQL, f: Fixture, clock: TestClock, hours: int = 24) -> dict:
    values = {
        "fromTeamId": str(f.home.id),
        "toTeamId": str(f.away.id),
        "proposedAt": iso(clock.now() + timedelta(hours=hours)),
        "playgroundId": str(f.playground.id),
        "message": "Сыграем в субботу?",
    }
    return await call(gql, "challengeTeam", values, f.home_captain, CHALLENGE)


async def answer(gql: GQL, f: Fixture, challenge_id: str, answer: str, user=None, **extra) -> dict:
    values = {"challengeId": challenge_id, "answer": answer, **extra}
    return await call(gql, "respondToChallenge", values, user or f.away_captain, ANSWERED)


async def test_an_accepted_challenge_schedules_the_match(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)

    sent = await challenge(gql, f, clock)
    accepted = await answer(gql, f, sent["challenge"]["id"], "ACCEPT")

    assert sent["__typename"] == "ChallengeTeamPayload"
    assert sent["challenge"]["status"] == "PENDING"
    assert sent["challenge"]["awaitingTeam"] == {"name": "Гости"}
    assert accepted["challenge"]["status"] == "ACCEPTED"
    assert accepted["match"]["status"] == "SCHEDULED"
    [match] = (await session.scalars(select(Match))).all()
    assert (match.home_team_id, match.away_team_id) == (f.home.id, f.away.id)
    assert (match.playground_id, match.sport_id) == (f.playground.id, f.sport.id)
    assert [e.type for e in await outbox(session, "match.scheduled")] == ["match.scheduled"]
    [answered] = await outbox(session, "match.challenge_answered")
    assert answered.payload["answer"] == "ACCEPTED"


async def test_a_counter_proposal_passes_the_turn_to_the_challenger(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    sent = await challenge(gql, f, clock)
    later = clock.now() + timedelta(days=3)

    proposed = await answer(gql, f, sent["challenge"]["id"], "PROPOSE_TIME", newTime=iso(later))
    refused = await answer(gql, f, sent["challenge"]["id"], "ACCEPT")
    accepted = await answer(gql, f, sent["challenge"]["id"], "ACCEPT", user=f.home_captain)

    assert proposed["challenge"]["awaitingTeam"] == {"name": "Хозяева"}
    assert refused == {"errors": ["FORBIDDEN"]}
    assert accepted["match"]["scheduledAt"] == iso(later)


async def test_declining_closes_the_challenge(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    sent = await challenge(gql, f, clock)

    declined = await answer(gql, f, sent["challenge"]["id"], "DECLINE")
    again = await answer(gql, f, sent["challenge"]["id"], "ACCEPT")

    assert declined["challenge"]["status"] == "DECLINED"
    assert declined["match"] is None
    assert again["code"] == "CHALLENGE_NOT_PENDING"
    assert (await session.scalars(select(Match))).all() == []


async def test_refused_challenges_change_nothing(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    other_sport = await create_team(session, sport=await create_sport(session))
    own_second = await create_team(session, captain=f.home_captain, sport=f.sport)
    await f.match(session, scheduled_at=clock.now() + timedelta(hours=25))
    before = await snapshot(session)

    async def send(hours: int, to: object, user: object = f.home_captain) -> dict:
        values = {
            "fromTeamId": str(f.home.id),
            "toTeamId": str(to.id),  # type: ignore[attr-defined]
            "proposedAt": iso(clock.now() + timedelta(hours=hours)),
            "playgroundId": str(f.playground.id),
        }
        return await call(gql, "challengeTeam", values, user, CHALLENGE)  # type: ignore[arg-type]

    different_sport = await send(48, other_sport)
    self_challenge = await send(48, f.home)
    own_team = await send(48, own_second)
    past = await send(-1, f.away)
    clash = await send(24, f.away)
    not_captain = await send(48, f.away, f.home_player)

    assert different_sport["fields"] == [{"path": "toTeamId", "code": "NOT_ALLOWED"}]
    assert self_challenge["fields"] == [{"path": "toTeamId", "code": "NOT_ALLOWED"}]
    assert own_team["fields"] == [{"path": "toTeamId", "code": "NOT_ALLOWED"}]
    assert past["fields"] == [{"path": "proposedAt", "code": "OUT_OF_RANGE"}]
    assert clash["code"] == "SCHEDULE_CLASH"
    assert not_captain == {"errors": ["FORBIDDEN"]}
    assert await snapshot(session) == before


async def test_one_pending_challenge_per_pair_and_clashes_are_checked_on_acceptance(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    sent = await challenge(gql, f, clock, hours=30)
    duplicate = await challenge(gql, f, clock, hours=60)
    await f.match(session, scheduled_at=clock.now() + timedelta(hours=31))
    before = await snapshot(session)

    clash = await answer(gql, f, sent["challenge"]["id"], "ACCEPT")
    clock.advance(timedelta(hours=40))
    expired = await answer(gql, f, sent["challenge"]["id"], "ACCEPT")

    assert duplicate["code"] == "CHALLENGE_ALREADY_PENDING"
    assert clash["code"] == "SCHEDULE_CLASH"
    assert expired["code"] == "CHALLENGE_EXPIRED"
    assert await snapshot(session) == before
    statuses = (await session.scalars(select(Match.status))).all()
    assert statuses == [MatchStatus.SCHEDULED]
