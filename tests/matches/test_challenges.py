"""challengeTeam, respondToChallenge and withdrawMatchChallenge: negotiating a friendly match."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.matches.models import Challenge, ChallengeStatus, Match, MatchStatus
from app.users.models import User
from tests.factories import create_sport, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.matches.helpers import Fixture, call, iso, outbox, snapshot, two_teams

CHALLENGE = "challenge { id status proposedAt awaitingTeam { name } }"
ANSWERED = "challenge { status proposedAt awaitingTeam { name } } match { id status scheduledAt }"
NOT_PENDING = "... on ChallengeNotPending { status }"
LIST = """query($teamId: ID!, $status: MatchChallengeStatus) {
  matchChallenges(teamId: $teamId, status: $status) { nodes { id status } }
}"""


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
    return await call(
        gql, "respondToChallenge", values, user or f.away_captain, ANSWERED, NOT_PENDING
    )


async def withdraw(
    gql: GQL, f: Fixture, challenge_id: str, user: User | None = None
) -> dict[str, Any]:
    values = {"challengeId": challenge_id}
    payload = "challenge { id status }"
    user = user or f.home_captain
    return await call(gql, "withdrawMatchChallenge", values, user, payload, NOT_PENDING)


async def listed(gql: GQL, f: Fixture, status: str | None) -> list[dict[str, Any]]:
    """The challenged team's challenges as its captain sees them, newest first."""
    variables = {"teamId": str(f.away.id), "status": status}
    response = await gql(LIST, variables, as_user=f.away_captain)
    assert response.data is not None
    nodes: list[dict[str, Any]] = response.data["matchChallenges"]["nodes"]
    return nodes


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


async def test_a_challenge_whose_time_has_passed_reads_as_expired_and_frees_the_pair(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    stale = (await challenge(gql, f, clock, hours=2))["challenge"]["id"]
    clock.advance(timedelta(hours=3))

    expired = await listed(gql, f, "EXPIRED")
    pending = await listed(gql, f, "PENDING")
    values = {
        "fromTeamId": str(f.away.id),
        "toTeamId": str(f.home.id),
        "proposedAt": iso(clock.now() + timedelta(days=1)),
        "playgroundId": str(f.playground.id),
    }
    fresh = await call(gql, "challengeTeam", values, f.away_captain, CHALLENGE)

    assert expired == [{"id": stale, "status": "EXPIRED"}]
    assert pending == []
    assert fresh["challenge"]["status"] == "PENDING"
    assert await listed(gql, f, None) == [
        {"id": fresh["challenge"]["id"], "status": "PENDING"},
        {"id": stale, "status": "EXPIRED"},
    ]
    stored = await session.get_one(Challenge, stale, populate_existing=True)
    assert stored.status is ChallengeStatus.EXPIRED


async def test_an_expired_challenge_can_no_longer_be_answered_or_withdrawn(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    stale = (await challenge(gql, f, clock, hours=2))["challenge"]["id"]
    clock.advance(timedelta(hours=3))
    before = await snapshot(session)

    later = iso(clock.now() + timedelta(days=1))
    answers = [
        await answer(gql, f, stale, "ACCEPT"),
        await answer(gql, f, stale, "DECLINE"),
        await answer(gql, f, stale, "PROPOSE_TIME", newTime=later),
        await withdraw(gql, f, stale),
    ]

    assert [a["code"] for a in answers] == ["CHALLENGE_EXPIRED"] * 4
    assert await snapshot(session) == before


async def test_the_challengers_captain_withdraws_a_pending_challenge(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    sent = (await challenge(gql, f, clock))["challenge"]["id"]

    withdrawn = await withdraw(gql, f, sent)
    accepted = await answer(gql, f, sent, "ACCEPT")
    again = await challenge(gql, f, clock, hours=48)

    assert withdrawn["challenge"] == {"id": sent, "status": "WITHDRAWN"}
    assert accepted["code"] == "CHALLENGE_NOT_PENDING"
    assert accepted["status"] == "WITHDRAWN"
    assert again["challenge"]["status"] == "PENDING"
    [event] = await outbox(session, "match.challenge_withdrawn")
    assert event.payload["withdrawn_by"] == str(f.home_captain.id)
    stored = await session.get_one(Challenge, sent, populate_existing=True)
    assert (stored.status, stored.answered_by_id) == (ChallengeStatus.WITHDRAWN, f.home_captain.id)
    assert (await session.scalars(select(Match))).all() == []


async def test_the_challenger_may_withdraw_while_a_counter_proposal_awaits_it(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    sent = (await challenge(gql, f, clock))["challenge"]["id"]
    later = iso(clock.now() + timedelta(days=3))
    await answer(gql, f, sent, "PROPOSE_TIME", newTime=later)

    withdrawn = await withdraw(gql, f, sent)

    assert withdrawn["challenge"]["status"] == "WITHDRAWN"


async def test_only_the_challengers_captain_may_withdraw(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    sent = (await challenge(gql, f, clock))["challenge"]["id"]
    stranger = await create_user(session)
    before = await snapshot(session)

    by_challenged = await withdraw(gql, f, sent, f.away_captain)
    by_player = await withdraw(gql, f, sent, f.home_player)
    by_stranger = await withdraw(gql, f, sent, stranger)
    unknown = await withdraw(gql, f, "00000000-0000-0000-0000-000000000000")

    assert by_challenged == {"errors": ["FORBIDDEN"]}
    assert by_player == {"errors": ["FORBIDDEN"]}
    assert by_stranger["__typename"] == "NotFound"
    assert unknown["__typename"] == "NotFound"
    assert await snapshot(session) == before


async def test_an_answered_challenge_cannot_be_withdrawn(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    accepted = (await challenge(gql, f, clock))["challenge"]["id"]
    await answer(gql, f, accepted, "ACCEPT")
    declined = (await challenge(gql, f, clock, hours=72))["challenge"]["id"]
    await answer(gql, f, declined, "DECLINE")
    before = await snapshot(session)

    results = [await withdraw(gql, f, accepted), await withdraw(gql, f, declined)]

    assert [(r["code"], r["status"]) for r in results] == [
        ("CHALLENGE_NOT_PENDING", "ACCEPTED"),
        ("CHALLENGE_NOT_PENDING", "DECLINED"),
    ]
    assert await snapshot(session) == before
