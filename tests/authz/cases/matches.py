"""Matches: the owner is the captain of the home team (of the challenged team for answers,
of the challenging team for a withdrawal)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.envelope import Envelope
from app.matches.events import MatchCancelled
from app.matches.models import Challenge, Match, MatchReport, MatchStatus
from app.users.models import User
from tests.authz.matrix import (
    Actor,
    Case,
    Cast,
    Outcome,
    everyone_signed_in,
    over_websocket,
)
from tests.factories import create_playground, create_sport, create_team
from tests.matches.helpers import snapshot

CAPTAIN_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.FORBIDDEN,
}
CAPTAIN_OR_JUDGE = {**CAPTAIN_ONLY, Actor.MODERATOR: Outcome.ALLOWED}
JUDGE_ONLY = {**CAPTAIN_ONLY, Actor.OWNER: Outcome.FORBIDDEN, Actor.MODERATOR: Outcome.ALLOWED}


async def _match(session: AsyncSession, cast: Cast, status: MatchStatus) -> tuple[Match, Any, Any]:
    sport = await create_sport(session)
    home = await create_team(session, captain=cast.owner, sport=sport)
    away = await create_team(session, sport=sport)
    match = Match(
        sport_id=sport.id,
        home_team_id=home.id,
        away_team_id=away.id,
        scheduled_at=datetime.now(UTC) + timedelta(minutes=30),
        status=status,
    )
    session.add(match)
    await session.flush()
    return match, home, away


def owned_match(status: MatchStatus, **values: Any) -> Any:
    async def arrange(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        match, home, _ = await _match(session, cast, status)
        extra = {k: str(home.id) if v == "HOME" else v for k, v in values.items()}
        return {"matchId": str(match.id), **extra}

    return arrange


async def reported_by_the_opponent(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    match, _, away = await _match(session, cast, MatchStatus.AWAITING_CONFIRMATION)
    session.add(
        MatchReport(
            match_id=match.id,
            team_id=away.id,
            home_score=0,
            away_score=1,
            reported_by_id=cast.owner.id,
            reported_at=datetime.now(UTC),
        )
    )
    await session.flush()
    return {"matchId": str(match.id), "reason": "Счёт сообщён неверно, было 2:1"}


async def lineup_of_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    match, _, _ = await _match(session, cast, MatchStatus.SCHEDULED)
    return {"matchId": str(match.id), "playerIds": [str(cast.owner.id)]}


async def challenge_from_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    sport = await create_sport(session)
    ours = await create_team(session, captain=cast.owner, sport=sport)
    theirs = await create_team(session, sport=sport)
    playground = await create_playground(session)
    return {
        "fromTeamId": str(ours.id),
        "toTeamId": str(theirs.id),
        "proposedAt": (datetime.now(UTC) + timedelta(days=2)).isoformat(),
        "playgroundId": str(playground.id),
    }


async def challenge_to_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    sport = await create_sport(session)
    theirs = await create_team(session, sport=sport)
    ours = await create_team(session, captain=cast.owner, sport=sport)
    challenge = Challenge(
        from_team_id=theirs.id,
        to_team_id=ours.id,
        sport_id=sport.id,
        playground_id=(await create_playground(session)).id,
        proposed_at=datetime.now(UTC) + timedelta(days=2),
        awaiting_team_id=ours.id,
        created_by_id=cast.stranger.id,
    )
    session.add(challenge)
    await session.flush()
    return {"challengeId": str(challenge.id), "answer": "DECLINE"}


async def challenge_by_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    sport = await create_sport(session)
    ours = await create_team(session, captain=cast.owner, sport=sport)
    theirs = await create_team(session, sport=sport)
    challenge = Challenge(
        from_team_id=ours.id,
        to_team_id=theirs.id,
        sport_id=sport.id,
        playground_id=(await create_playground(session)).id,
        proposed_at=datetime.now(UTC) + timedelta(days=2),
        awaiting_team_id=theirs.id,
        created_by_id=cast.owner.id,
    )
    session.add(challenge)
    await session.flush()
    return {"challengeId": str(challenge.id)}


async def owners_team(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    match, home, _ = await _match(session, cast, MatchStatus.SCHEDULED)
    return {"teamId": str(home.id), "matchId": str(match.id), "userId": str(cast.owner.id)}


async def a_cancellation(session: AsyncSession, user: User, variables: dict[str, Any]) -> Envelope:
    """The subscribed match is cancelled."""
    match = await session.get_one(Match, uuid.UUID(variables["matchId"]))
    event = MatchCancelled(
        match_id=match.id,
        home_team_id=match.home_team_id,
        away_team_id=match.away_team_id,
        cancelled_by=user.id,
        reason="Гроза",
    )
    return Envelope.wrap(event, actor_id=user.id)


async def state(session: AsyncSession, cast: Cast) -> object:
    return await snapshot(session)


def mutation(name: str, expect: dict[Actor, Outcome], arrange: Any) -> Case:
    input_type = f"{name[0].upper()}{name[1:]}Input"
    document = f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename }} }}"

    async def wrapped(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        return {"v": await arrange(session, cast)}

    return Case(f"Mutation.{name}", document, expect, arrange=wrapped, snapshot=state)


S = MatchStatus
CASES = [
    Case(
        "Query.match",
        "query($matchId: ID!) { match(id: $matchId) { id } }",
        everyone_signed_in(),
        arrange=owners_team,
    ),
    Case("Query.matches", "query { matches(first: 5) { nodes { id } } }", everyone_signed_in()),
    Case(
        "Query.matchChallenges",
        "query($teamId: ID!) { matchChallenges(teamId: $teamId) { nodes { id } } }",
        everyone_signed_in(stranger=Outcome.HIDDEN),
        arrange=owners_team,
    ),
    Case(
        "Query.ratingHistory",
        "query($teamId: ID!) { ratingHistory(teamId: $teamId) { nodes { ordinal } } }",
        everyone_signed_in(),
        arrange=owners_team,
    ),
    Case(
        "Query.playerMatchStats",
        "query($userId: ID!) { playerMatchStats(userId: $userId) { matches } }",
        everyone_signed_in(),
        arrange=owners_team,
    ),
    Case(
        "Subscription.matchUpdated",
        "subscription($matchId: ID!) { matchUpdated(matchId: $matchId) { kind } }",
        everyone_signed_in(),
        arrange=owners_team,
        trigger=a_cancellation,
        send=over_websocket,
    ),
    mutation("challengeTeam", CAPTAIN_ONLY, challenge_from_owner),
    mutation(
        "respondToChallenge",
        {**CAPTAIN_ONLY, Actor.STRANGER: Outcome.HIDDEN},
        challenge_to_owner,
    ),
    mutation(
        "withdrawMatchChallenge",
        {**CAPTAIN_ONLY, Actor.STRANGER: Outcome.HIDDEN},
        challenge_by_owner,
    ),
    mutation("setMatchLineup", CAPTAIN_ONLY, lineup_of_owner),
    mutation("startMatch", CAPTAIN_OR_JUDGE, owned_match(S.SCHEDULED)),
    mutation(
        "recordMatchEvent",
        CAPTAIN_OR_JUDGE,
        owned_match(S.LIVE, type="GOAL", minute=3, teamId="HOME"),
    ),
    mutation("reportMatchResult", CAPTAIN_ONLY, owned_match(S.LIVE, ourScore=1, theirScore=0)),
    mutation("disputeMatchResult", CAPTAIN_ONLY, reported_by_the_opponent),
    mutation(
        "resolveMatchDispute",
        JUDGE_ONLY,
        owned_match(S.DISPUTED, homeScore=1, awayScore=1, resolution="Решение по протоколу матча"),
    ),
    mutation(
        "awardTechnicalResult",
        JUDGE_ONLY,
        owned_match(S.SCHEDULED, winnerTeamId="HOME", reason="Неявка гостей"),
    ),
    mutation("cancelMatch", CAPTAIN_OR_JUDGE, owned_match(S.SCHEDULED, reason="Поле занято")),
]
