"""Nobody judges a match they are a party to: not a tournament judge, not a moderator."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.matches.models import Match, MatchStatus
from app.teams.models import TeamRole
from app.tournaments.models import Tournament, TournamentJudge
from app.users.models import User
from tests.factories import add_member, create_user, set_lineup
from tests.fixtures.app import GQL
from tests.matches.helpers import Fixture, call, snapshot, two_teams
from tests.tournaments.helpers import create_tournament

RESOLVE = {"homeScore": 1, "awayScore": 0, "resolution": "Судья засчитал только один гол."}
AWARD = {"reason": "Неявка гостей"}


async def judge_of(session: AsyncSession, t: Tournament, user: User | None = None) -> User:
    judge = user or await create_user(session, roles=[Role.JUDGE])
    session.add(
        TournamentJudge(
            tournament_id=t.id,
            user_id=judge.id,
            assigned_by_id=t.organizer_id,
            assigned_at=t.created_at,
        )
    )
    await session.flush()
    return judge


Arrange = Callable[[AsyncSession, Fixture, Match], Awaitable[tuple[str, dict[str, Any], User]]]


async def judge_plays_for_the_home_side(
    session: AsyncSession, f: Fixture, match: Match
) -> tuple[str, dict[str, Any], User]:
    assert match.tournament_id is not None
    t = await session.get_one(Tournament, match.tournament_id)
    return "resolveMatchDispute", RESOLVE, await judge_of(session, t, f.home_player)


async def judge_played_for_the_away_side_and_left(
    session: AsyncSession, f: Fixture, match: Match
) -> tuple[str, dict[str, Any], User]:
    assert match.tournament_id is not None
    t = await session.get_one(Tournament, match.tournament_id)
    judge = await judge_of(session, t)
    await set_lineup(session, match=match, team=f.away, players=[f.away_captain, judge])
    return "awardTechnicalResult", {**AWARD, "winnerTeamId": str(f.home.id)}, judge


async def moderator_coaches_the_away_side(
    session: AsyncSession, f: Fixture, match: Match
) -> tuple[str, dict[str, Any], User]:
    moderator = await create_user(session, roles=[Role.MODERATOR])
    await add_member(session, team=f.away, user=moderator, role=TeamRole.COACH)
    return "resolveMatchDispute", RESOLVE, moderator


CASES: list[Arrange] = [
    judge_plays_for_the_home_side,
    judge_played_for_the_away_side_and_left,
    moderator_coaches_the_away_side,
]


@pytest.mark.parametrize("arrange", CASES, ids=[a.__name__ for a in CASES])
async def test_a_party_to_the_match_cannot_judge_it_and_nothing_changes(
    gql: GQL, session: AsyncSession, arrange: Arrange
) -> None:
    f = await two_teams(session)
    t = await create_tournament(session, sport=f.sport)
    match = await f.match(session, MatchStatus.DISPUTED, tournament_id=t.id)
    name, values, user = await arrange(session, f, match)
    before = await snapshot(session)

    result = await call(gql, name, {"matchId": str(match.id), **values}, user)

    assert (result["__typename"], result["code"]) == ("PartyToMatch", "PARTY_TO_MATCH")
    assert await snapshot(session) == before


async def test_a_judge_on_a_roster_keeps_no_judge_powers_in_that_match(
    gql: GQL, session: AsyncSession
) -> None:
    f = await two_teams(session)
    t = await create_tournament(session, sport=f.sport)
    judge = await judge_of(session, t, f.home_player)
    match = await f.match(session, MatchStatus.LIVE, tournament_id=t.id)
    await set_lineup(session, match=match, team=f.away, players=[f.away_captain])
    before = await snapshot(session)

    goal = await call(
        gql,
        "recordMatchEvent",
        {"matchId": str(match.id), "type": "GOAL", "minute": 3, "teamId": str(f.away.id)},
        judge,
        "match { id }",
    )
    cancel = await call(gql, "cancelMatch", {"matchId": str(match.id), "reason": "Гроза"}, judge)

    assert (goal, cancel) == ({"errors": ["FORBIDDEN"]}, {"errors": ["FORBIDDEN"]})
    assert await snapshot(session) == before


async def test_a_neutral_judge_of_the_tournament_still_judges(
    gql: GQL, session: AsyncSession
) -> None:
    f = await two_teams(session)
    t = await create_tournament(session, sport=f.sport)
    judge = await judge_of(session, t)
    match = await f.match(session, MatchStatus.DISPUTED, tournament_id=t.id)

    resolved = await call(gql, "resolveMatchDispute", {"matchId": str(match.id), **RESOLVE}, judge)

    assert resolved["match"]["status"] == "CONFIRMED"
    assert resolved["match"]["resultKind"] == "RESOLVED"


async def test_the_match_lists_only_the_judges_who_may_judge_it(
    gql: GQL, session: AsyncSession
) -> None:
    f = await two_teams(session)
    t = await create_tournament(session, sport=f.sport)
    neutral = await judge_of(session, t)
    await judge_of(session, t, f.home_player)
    former = await judge_of(session, t)
    match = await f.match(session, MatchStatus.DISPUTED, tournament_id=t.id)
    await set_lineup(session, match=match, team=f.away, players=[f.away_captain, former])

    response = await gql(
        "query($id: ID!) { match(id: $id) { judges { id } } }",
        {"id": str(match.id)},
        as_user=neutral,
    )

    assert response.data["match"]["judges"] == [{"id": str(neutral.id)}]
