"""N+1 guards: every page of bench/operations takes a pinned number of SQL statements, the same
for a handful of items as for a full page."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.chat.models import ChatKind
from app.container import Container
from app.db import utcnow
from app.economy import service as economy
from app.economy.rewards import award_xp
from app.matches.models import MatchEvent, MatchEventType, MatchStatus, SkillRatingChange
from app.matches.models import SubjectKind as RatedKind
from app.playgrounds.models import CourtStanding
from app.teams.models import TeamHomePlayground
from app.tournaments.models import EntryStatus, TournamentFormat, TournamentStatus
from app.users.models import User
from tests.factories import (
    add_member,
    create_chat,
    create_match,
    create_message,
    create_notification,
    create_playground,
    create_quest,
    create_sport,
    create_team,
    create_user,
    fund,
    set_lineup,
)
from tests.fixtures.app import GQL, GQLResponse
from tests.fixtures.statements import StatementCounter, StatementLog
from tests.matches.helpers import two_teams
from tests.tournaments.helpers import create_entry, create_tournament, mutate

OPERATIONS = Path(__file__).parents[2] / "bench" / "operations"

# The pinned counts; each page's statements, whatever the number of items.
DASHBOARD = 10
TEAM = 17
TOURNAMENT = 9
PLAYGROUNDS_NEAR = 7
"""Includes the rate limit's upsert (the tests run with rate limits on)."""
MATCH = 8
CHAT_HISTORY = 7
LEADERBOARD = 3


@pytest.fixture(autouse=True)
def built_every_time(container: Container) -> None:
    """The counts are those of building each page; a repeated request would be a cache hit."""
    container.responses.ttl_s = 0


async def measure(
    gql: GQL,
    count_statements: StatementCounter,
    name: str,
    variables: dict[str, Any],
    viewer: User,
) -> tuple[GQLResponse, StatementLog]:
    """The second run's count: the first one also records the viewer's first visit."""
    document = (OPERATIONS / f"{name}.graphql").read_text()
    await gql(document, variables, as_user=viewer)
    with count_statements() as log:
        response = await gql(document, variables, as_user=viewer)
    assert response.errors is None, response.errors
    return response, log


async def dashboard_of(session: AsyncSession, items: int) -> User:
    """A player in ``items`` teams with ``items`` upcoming matches each, quests, notifications."""
    me = await create_user(session)
    sport = await create_sport(session)
    rival = await create_team(session, sport=sport)
    for t in range(items):
        team = await create_team(session, sport=sport)
        await add_member(session, team=team, user=me)
        for m in range(items):
            playground = await create_playground(session)
            await create_match(
                session,
                home=team,
                away=rival,
                playground=playground,
                scheduled_at=datetime.now(UTC) + timedelta(days=t + m + 1),
            )
        await create_quest(session)
        await create_notification(session, recipient=me)
    await fund(session, user=me, amount=100 * items)
    return me


async def test_dashboard(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    small, large = await dashboard_of(session, 1), await dashboard_of(session, 4)

    _, few = await measure(gql, count_statements, "dashboard", {}, small)
    response, many = await measure(gql, count_statements, "dashboard", {}, large)

    page = response.data or {}
    assert [len(team["upcomingMatches"]) for team in page["myTeams"]] == [4, 4, 4, 4]
    assert (page["wallet"]["balance"], page["unreadNotificationCount"]) == (400, 4)
    assert (len(few), len(many)) == (DASHBOARD, DASHBOARD), str(many)


async def team_with(session: AsyncSession, items: int) -> uuid.UUID:
    """A team of ``items`` + 1 people with ``items`` played and upcoming matches, ratings, homes."""
    f = await two_teams(session)
    for _ in range(items - 1):
        await add_member(session, team=f.home)
    now = datetime.now(UTC)
    for day in range(1, items + 1):
        await f.match(session, scheduled_at=now + timedelta(days=day))
        played = await f.match(
            session,
            MatchStatus.CONFIRMED,
            scheduled_at=now - timedelta(days=day),
            home_score=day,
            away_score=0,
            winner_team_id=f.home.id,
        )
        session.add(
            SkillRatingChange(
                subject_kind=RatedKind.TEAM,
                subject_id=f.home.id,
                sport_id=f.sport.id,
                match_id=played.id,
                mu_before=25,
                sigma_before=8,
                ordinal_before=day,
                mu=26,
                sigma=7,
                ordinal=day + 1,
                recorded_at=now - timedelta(days=day),
            )
        )
        home = await create_playground(session)
        session.add(TeamHomePlayground(team_id=f.home.id, playground_id=home.id, position=day))
    await session.flush()
    return f.home.id


async def test_team_page(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    small, large = await team_with(session, 1), await team_with(session, 19)
    viewer = await create_user(session)

    _, few = await measure(gql, count_statements, "team", {"teamId": str(small)}, viewer)
    response, many = await measure(gql, count_statements, "team", {"teamId": str(large)}, viewer)

    page = response.data or {}
    team = page["team"]
    assert (len(team["members"]), len(team["homePlaygrounds"])) == (20, 19)
    assert (len(team["recentMatches"]), len(team["upcomingMatches"])) == (5, 5)
    assert len(page["ratingHistory"]["nodes"]) == 19
    assert (len(few), len(many)) == (TEAM, TEAM), str(many)


async def started_tournament(session: AsyncSession, gql: GQL, teams: int) -> str:
    organizer = await create_user(session)
    tournament = await create_tournament(
        session, organizer=organizer, format=TournamentFormat.DOUBLE_ELIMINATION, capacity=teams
    )
    for _ in range(teams):
        await create_entry(session, tournament, status=EntryStatus.APPROVED)
    result = await mutate(gql, "startTournament", {"tournamentId": str(tournament.id)}, organizer)
    assert result["tournament"]["status"] == TournamentStatus.IN_PROGRESS.value
    return str(tournament.id)


async def test_tournament_page(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    small, large = (
        await started_tournament(session, gql, 4),
        await started_tournament(session, gql, 16),
    )
    viewer = await create_user(session)

    _, few = await measure(gql, count_statements, "tournament", {"tournamentId": small}, viewer)
    response, many = await measure(
        gql, count_statements, "tournament", {"tournamentId": large}, viewer
    )

    page = (response.data or {})["tournament"]
    assert len(page["participants"]) == 16
    assert sum(len(r["matches"]) for r in page["bracket"]) == 2 * 16 - 1
    assert (len(few), len(many)) == (TOURNAMENT, TOURNAMENT), str(many)


async def courts_around(session: AsyncSession, latitude: float, items: int) -> None:
    """``items`` approved playgrounds within a few hundred metres, each with a king."""
    sport = await create_sport(session)
    for i in range(items):
        playground = await create_playground(
            session, latitude=latitude + i * 0.001, longitude=60.0, sports=[sport]
        )
        king = await create_team(session, sport=sport)
        session.add(
            CourtStanding(
                playground_id=playground.id, team_id=king.id, wins=i + 1, reached_at=utcnow()
            )
        )
    await session.flush()


async def test_playgrounds_near(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    await courts_around(session, 40.0, 2)
    await courts_around(session, 45.0, 20)
    viewer = await create_user(session)

    _, few = await measure(
        gql, count_statements, "playgrounds_near", {"latitude": 40.0, "longitude": 60.0}, viewer
    )
    response, many = await measure(
        gql, count_statements, "playgrounds_near", {"latitude": 45.0, "longitude": 60.0}, viewer
    )

    nodes = (response.data or {})["playgroundsNear"]["nodes"]
    assert len(nodes) == 20
    assert all(node["playground"]["kingOfTheCourt"] is not None for node in nodes)
    assert (len(few), len(many)) == (PLAYGROUNDS_NEAR, PLAYGROUNDS_NEAR), str(many)


async def played_match(session: AsyncSession, players: int) -> uuid.UUID:
    """A confirmed match with ``players`` per side in the lineups and two events per player."""
    f = await two_teams(session)
    match = await f.match(session, MatchStatus.CONFIRMED, home_score=players, away_score=0)
    number = 0
    for team, captain in ((f.home, f.home_captain), (f.away, f.away_captain)):
        squad = [captain, *[await add_member(session, team=team) for _ in range(players - 1)]]
        await set_lineup(session, match=match, team=team, players=squad)
        for i, player in enumerate(squad):
            for kind in (MatchEventType.GOAL, MatchEventType.YELLOW_CARD):
                number += 1
                session.add(
                    MatchEvent(
                        match_id=match.id,
                        number=number,
                        type=kind,
                        minute=i,
                        team_id=team.id,
                        player_id=player.id,
                        related_player_id=squad[0].id,
                        recorded_by_id=captain.id,
                    )
                )
    await session.flush()
    return match.id


async def test_match_page(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    small, large = await played_match(session, 1), await played_match(session, 8)
    viewer = await create_user(session)

    _, few = await measure(gql, count_statements, "match", {"matchId": str(small)}, viewer)
    response, many = await measure(gql, count_statements, "match", {"matchId": str(large)}, viewer)

    page = (response.data or {})["match"]
    assert [len(lineup["players"]) for lineup in page["lineups"]] == [8, 8]
    assert len(page["events"]) == 32
    assert (len(few), len(many)) == (MATCH, MATCH), str(many)


async def chat_with(session: AsyncSession, messages: int) -> tuple[uuid.UUID, User]:
    """A team chat of five people and ``messages`` messages, every other one a reply."""
    people = [await create_user(session) for _ in range(5)]
    chat = await create_chat(session, members=people, kind=ChatKind.TEAM, title="Команда")
    previous = None
    for n in range(messages):
        previous = await create_message(
            session, chat=chat, sender=people[n % 5], reply_to=previous if n % 2 else None
        )
    return chat.id, people[0]


async def test_chat_history(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    small, small_reader = await chat_with(session, 3)
    large, large_reader = await chat_with(session, 60)

    _, few = await measure(
        gql, count_statements, "chat_history", {"chatId": str(small)}, small_reader
    )
    response, many = await measure(
        gql, count_statements, "chat_history", {"chatId": str(large)}, large_reader
    )

    nodes = (response.data or {})["chatMessages"]["nodes"]
    assert len(nodes) == 50
    assert sum(node["replyTo"] is not None for node in nodes) == 25
    assert (len(few), len(many)) == (CHAT_HISTORY, CHAT_HISTORY), str(many)


async def players_of(session: AsyncSession, city: str, items: int) -> User:
    players = []
    for n in range(items):
        user = await create_user(session, city=city)
        await economy.sync_city(session, user.id, now=utcnow())
        await award_xp(
            session, user.id, 10 * (n + 1), reason="TEST", key=f"xp-{user.id}", now=utcnow()
        )
        players.append(user)
    return players[0]


async def test_leaderboard(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await players_of(session, "Малоград", 3)
    await players_of(session, "Многоград", 55)

    _, few = await measure(gql, count_statements, "leaderboard", {"city": "Малоград"}, viewer)
    response, many = await measure(
        gql, count_statements, "leaderboard", {"city": "Многоград"}, viewer
    )

    board = (response.data or {})["playerLeaderboard"]
    assert (len(board["nodes"]), board["pageInfo"]["hasNextPage"]) == (50, True)
    assert (len(few), len(many)) == (LEADERBOARD, LEADERBOARD), str(many)
