"""match, matches, team upcoming/recent matches, ratingHistory, playerMatchStats, challenges."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.matches.models import (
    Challenge,
    MatchEvent,
    MatchEventType,
    MatchReport,
    MatchStatus,
    PlayerMatchStats,
    SkillRatingChange,
    SubjectKind,
)
from tests.factories import add_member, create_match, create_team, create_user, set_lineup
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter
from tests.matches.helpers import Fixture, two_teams

MATCH_PAGE = """
query Match($id: ID!) {
  match(id: $id) {
    id status scheduledAt resultKind confirmBy
    score { home away } liveScore { home away }
    homeTeam { id name } awayTeam { id name } winner { id } sport { code } playground { id }
    lineups { team { id } players { id displayName } }
    events { number type minute team { id } player { id displayName } relatedPlayer { id } }
    reports { team { id } homeScore awayScore reportedBy { id } }
    dispute { reason openedBy { id } }
    judges { id }
  }
}
"""

MATCH_LIST = """
query Matches($teamId: ID, $status: [MatchStatus!], $from: DateTime, $order: MatchOrder!) {
  matches(teamId: $teamId, status: $status, from: $from, orderBy: $order, first: 20) {
    nodes { id status homeTeam { name } awayTeam { name } playground { name } sport { code } }
    pageInfo { hasNextPage }
  }
}
"""

TEAM_MATCHES = """
query Team($id: ID!) {
  team(id: $id) {
    upcomingMatches { id status awayTeam { name } }
    recentMatches { id score { home away } homeTeam { name } }
  }
}
"""


async def rich_match(session: AsyncSession, f: Fixture, players: int) -> uuid.UUID:
    """An awaiting-confirmation match with ``players`` per side, a goal each and a report."""
    match = await f.match(session, MatchStatus.AWAITING_CONFIRMATION)
    for team, captain in ((f.home, f.home_captain), (f.away, f.away_captain)):
        squad = [captain, *[await add_member(session, team=team) for _ in range(players - 1)]]
        await set_lineup(session, match=match, team=team, players=squad)
        for i, player in enumerate(squad):
            session.add(
                MatchEvent(
                    match_id=match.id,
                    number=len(squad) * (team is f.away) + i + 1,
                    type=MatchEventType.GOAL,
                    minute=i,
                    team_id=team.id,
                    player_id=player.id,
                    recorded_by_id=captain.id,
                )
            )
    session.add(
        MatchReport(
            match_id=match.id,
            team_id=f.home.id,
            home_score=players,
            away_score=players,
            reported_by_id=f.home_captain.id,
            reported_at=datetime.now(UTC),
        )
    )
    await session.flush()
    return match.id


async def test_the_match_page_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    small, large = await two_teams(session), await two_teams(session)
    small_id = await rich_match(session, small, 1)
    large_id = await rich_match(session, large, 6)
    viewer = await create_user(session)

    with count_statements() as first:
        one = await gql(MATCH_PAGE, {"id": str(small_id)}, as_user=viewer)
    with count_statements() as second:
        many = await gql(MATCH_PAGE, {"id": str(large_id)}, as_user=viewer)

    assert one.errors is None
    page = many.data["match"]  # type: ignore[index]
    assert page["liveScore"] == {"home": 6, "away": 6}
    assert [len(lineup["players"]) for lineup in page["lineups"]] == [6, 6]
    assert len(page["events"]) == 12
    assert page["reports"] == [
        {
            "team": {"id": str(large.home.id)},
            "homeScore": 6,
            "awayScore": 6,
            "reportedBy": {"id": str(large.home_captain.id)},
        }
    ]
    assert (page["dispute"], page["judges"], page["score"]) == (None, [], None)
    assert len(first) == len(second) == 9, str(second)


async def test_the_matches_list_filters_and_stays_constant(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    f = await two_teams(session)
    now = datetime.now(UTC)
    for day in range(5):
        await f.match(session, scheduled_at=now + timedelta(days=day))
    await f.match(session, MatchStatus.CONFIRMED, scheduled_at=now - timedelta(days=1))
    await create_match(session)
    viewer = await create_user(session)
    variables = {"teamId": str(f.home.id), "status": ["SCHEDULED"], "order": "SOONEST_FIRST"}

    with count_statements() as log:
        response = await gql(MATCH_LIST, variables, as_user=viewer)
    later = await gql(
        MATCH_LIST, {**variables, "from": (now + timedelta(days=3)).isoformat()}, as_user=viewer
    )

    nodes = response.data["matches"]["nodes"]  # type: ignore[index]
    assert len(nodes) == 5
    assert {node["homeTeam"]["name"] for node in nodes} == {"Хозяева"}
    assert len(later.data["matches"]["nodes"]) == 2  # type: ignore[index]
    assert len(log) == 5, str(log)


async def test_team_upcoming_and_recent_matches_without_n_plus_one(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    f = await two_teams(session)
    now = datetime.now(UTC)
    for day in range(7):
        await f.match(session, scheduled_at=now + timedelta(days=day + 1))
        await f.match(
            session,
            MatchStatus.CONFIRMED,
            scheduled_at=now - timedelta(days=day + 1),
            home_score=day,
            away_score=0,
        )
    await f.match(session, MatchStatus.CANCELLED, scheduled_at=now + timedelta(hours=2))
    viewer = await create_user(session)

    with count_statements() as log:
        response = await gql(TEAM_MATCHES, {"id": str(f.away.id)}, as_user=viewer)

    team = response.data["team"]  # type: ignore[index]
    assert len(team["upcomingMatches"]) == len(team["recentMatches"]) == 5
    assert [m["score"]["home"] for m in team["recentMatches"]] == [0, 1, 2, 3, 4]
    assert {m["status"] for m in team["upcomingMatches"]} == {"SCHEDULED"}
    assert len(log) == 5, str(log)


async def test_rating_history_and_player_stats(gql: GQL, session: AsyncSession) -> None:
    f = await two_teams(session)
    now = datetime.now(UTC)
    for day, ordinal in ((1, 2.5), (2, 4.0)):
        match = await f.match(
            session, MatchStatus.CONFIRMED, scheduled_at=now - timedelta(days=day)
        )
        for kind, subject in (
            (SubjectKind.TEAM, f.home.id),
            (SubjectKind.PLAYER, f.home_player.id),
        ):
            session.add(
                SkillRatingChange(
                    subject_kind=kind,
                    subject_id=subject,
                    sport_id=f.sport.id,
                    match_id=match.id,
                    mu_before=25,
                    sigma_before=8.3,
                    ordinal_before=0,
                    mu=26,
                    sigma=7,
                    ordinal=ordinal,
                    recorded_at=now - timedelta(days=3 - day),
                )
            )
        session.add(
            PlayerMatchStats(
                match_id=match.id,
                user_id=f.home_player.id,
                team_id=f.home.id,
                sport_id=f.sport.id,
                result="WIN",
                goals=day,
                assists=1,
                yellow_cards=0,
                red_cards=0,
                kills=0,
                deaths=0,
                recorded_at=now,
            )
        )
    viewer = await create_user(session)
    history = """
    query($teamId: ID, $userId: ID, $sportId: ID) {
      ratingHistory(teamId: $teamId, userId: $userId, sportId: $sportId) {
        nodes { ordinal match { id } }
      }
    }"""
    stats = """
    query($userId: ID!) { playerMatchStats(userId: $userId) {
      sport { id } matches wins draws losses goals assists
    } }"""

    team = await gql(history, {"teamId": str(f.home.id)}, as_user=viewer)
    player = await gql(
        history, {"userId": str(f.home_player.id), "sportId": str(f.sport.id)}, as_user=viewer
    )
    both = await gql(
        history, {"teamId": str(f.home.id), "userId": str(f.home_player.id)}, as_user=viewer
    )
    totals = await gql(stats, {"userId": str(f.home_player.id)}, as_user=viewer)

    assert [n["ordinal"] for n in team.data["ratingHistory"]["nodes"]] == [4.0, 2.5]  # type: ignore[index]
    assert len(player.data["ratingHistory"]["nodes"]) == 2  # type: ignore[index]
    assert both.error_codes == ["BAD_USER_INPUT"]
    assert totals.data == {
        "playerMatchStats": [
            {
                "sport": {"id": str(f.sport.id)},
                "matches": 2,
                "wins": 2,
                "draws": 0,
                "losses": 0,
                "goals": 3,
                "assists": 2,
            }
        ]
    }


async def test_challenges_are_for_the_teams_members(gql: GQL, session: AsyncSession) -> None:
    f = await two_teams(session)
    session.add(
        Challenge(
            from_team_id=f.home.id,
            to_team_id=f.away.id,
            sport_id=f.sport.id,
            playground_id=f.playground.id,
            proposed_at=datetime.now(UTC) + timedelta(days=1),
            awaiting_team_id=f.away.id,
            created_by_id=f.home_captain.id,
        )
    )
    await create_team(session, sport=f.sport)
    query = """query($teamId: ID!) { matchChallenges(teamId: $teamId) {
      nodes { status fromTeam { name } toTeam { name } awaitingTeam { name } }
    } }"""

    member = await gql(query, {"teamId": str(f.away.id)}, as_user=f.away_player)
    outsider = await gql(query, {"teamId": str(f.away.id)}, as_user=await create_user(session))

    assert member.data["matchChallenges"]["nodes"] == [  # type: ignore[index]
        {
            "status": "PENDING",
            "fromTeam": {"name": "Хозяева"},
            "toTeam": {"name": "Гости"},
            "awaitingTeam": {"name": "Гости"},
        }
    ]
    assert outsider.data == {"matchChallenges": None}
