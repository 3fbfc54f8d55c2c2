"""In a tournament match only the players of the team's approved entry play: a captain cannot
name anyone else, and the default lineups at the start leave everyone else out."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.matches.models import LineupPlayer, Match, MatchStatus
from app.tournaments.models import EntryStatus, Tournament
from app.users.models import User
from tests.factories import add_member, create_user
from tests.fixtures.app import GQL, TestClock
from tests.matches.helpers import Fixture, call, snapshot, two_teams
from tests.tournaments.helpers import create_entry, create_tournament


async def entered(
    session: AsyncSession, f: Fixture, *, home: list[User], away: list[User]
) -> Tournament:
    t = await create_tournament(session, sport=f.sport)
    for team, captain, roster in ((f.home, f.home_captain, home), (f.away, f.away_captain, away)):
        entry = await create_entry(
            session, t, team=team, captain=captain, status=EntryStatus.APPROVED
        )
        entry.roster_user_ids = [user.id for user in roster]
    await session.flush()
    return t


async def lineup_of(session: AsyncSession, match: Match) -> set[tuple[object, object]]:
    rows = await session.scalars(select(LineupPlayer).where(LineupPlayer.match_id == match.id))
    return {(row.team_id, row.user_id) for row in rows.all()}


@pytest.mark.parametrize("elsewhere", [False, True], ids=["not_entered", "entered_elsewhere"])
async def test_a_captain_cannot_field_a_member_outside_the_entry(
    gql: GQL, session: AsyncSession, elsewhere: bool
) -> None:
    f = await two_teams(session)
    t = await entered(session, f, home=[f.home_captain], away=[f.away_captain])
    outsider = f.home_player
    if elsewhere:
        outsider = await add_member(session, team=f.home, user=await create_user(session))
        other = await create_entry(session, t, status=EntryStatus.APPROVED)
        other.roster_user_ids = [*other.roster_user_ids, outsider.id]
    match = await f.match(session, tournament_id=t.id)
    await session.flush()
    before = await snapshot(session)

    result = await call(
        gql,
        "setMatchLineup",
        {"matchId": str(match.id), "playerIds": [str(f.home_captain.id), str(outsider.id)]},
        f.home_captain,
    )

    assert result["__typename"] == "ValidationFailed"
    assert result["fields"] == [{"path": "playerIds", "code": "NOT_ALLOWED"}]
    assert await snapshot(session) == before


async def test_entered_players_may_be_named(gql: GQL, session: AsyncSession) -> None:
    f = await two_teams(session)
    t = await entered(session, f, home=[f.home_captain, f.home_player], away=[f.away_captain])
    match = await f.match(session, tournament_id=t.id)
    players = [str(f.home_player.id), str(f.home_captain.id)]

    result = await call(
        gql, "setMatchLineup", {"matchId": str(match.id), "playerIds": players}, f.home_captain
    )

    assert result["__typename"] == "MatchPayload"
    assert await lineup_of(session, match) == {
        (f.home.id, f.home_player.id),
        (f.home.id, f.home_captain.id),
    }


async def test_default_lineups_of_a_tournament_match_are_the_entered_players(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    t = await entered(session, f, home=[f.home_captain], away=[f.away_captain, f.away_player])
    match = await f.match(session, scheduled_at=clock.now(), tournament_id=t.id)

    started = await call(gql, "startMatch", {"matchId": str(match.id)}, f.home_captain)

    assert started["match"]["status"] == MatchStatus.LIVE.value
    assert await lineup_of(session, match) == {
        (f.home.id, f.home_captain.id),
        (f.away.id, f.away_captain.id),
        (f.away.id, f.away_player.id),
    }


async def test_a_team_without_an_approved_entry_fields_nobody(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    t = await create_tournament(session, sport=f.sport)
    await create_entry(session, t, team=f.home, captain=f.home_captain, status=EntryStatus.PENDING)
    match = await f.match(session, scheduled_at=clock.now(), tournament_id=t.id)

    result = await call(
        gql,
        "setMatchLineup",
        {"matchId": str(match.id), "playerIds": [str(f.home_captain.id)]},
        f.home_captain,
    )
    started = await call(gql, "startMatch", {"matchId": str(match.id)}, f.home_captain)

    assert result["__typename"] == "ValidationFailed"
    assert started["match"]["status"] == MatchStatus.LIVE.value
    assert await lineup_of(session, match) == set()
