"""The team page lists the tournaments the team plays or played in."""

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.tournaments.models import EntryStatus, TournamentStatus
from tests.factories import create_team, create_user
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter
from tests.tournaments.helpers import create_entry, create_tournament

TEAM_TOURNAMENTS = """
query TeamTournaments($id: ID!) {
  team(id: $id) {
    tournaments { status placement tournament { name status } }
  }
}
"""

TEAMS_TOURNAMENTS = """
query TeamsTournaments($first: Int!) {
  teams(first: $first) { nodes { name tournaments { tournament { name } } } }
}
"""


async def test_approved_entries_are_listed_newest_tournament_first(
    gql: GQL, session: AsyncSession
) -> None:
    viewer = await create_user(session)
    team = await create_team(session)
    now = datetime.now(UTC)
    spring = await create_tournament(
        session, name="Весенний кубок", starts_at=now - timedelta(days=60)
    )
    summer = await create_tournament(
        session, name="Летний кубок", starts_at=now + timedelta(days=3)
    )
    autumn = await create_tournament(session, name="Осенний кубок", starts_at=now)
    spring_entry = await create_entry(session, spring, team=team, status=EntryStatus.APPROVED)
    spring_entry.placement = 2
    spring.status = TournamentStatus.FINISHED
    await create_entry(session, summer, team=team, status=EntryStatus.APPROVED)
    await create_entry(session, autumn, team=team, status=EntryStatus.PENDING)
    for status in (EntryStatus.REJECTED, EntryStatus.WITHDRAWN, EntryStatus.CANCELLED):
        other = await create_tournament(session, name=f"Не {status}")
        await create_entry(session, other, team=team, status=status)
    await session.flush()

    response = await gql(TEAM_TOURNAMENTS, {"id": str(team.id)}, as_user=viewer)

    assert response.errors is None
    assert response.data["team"]["tournaments"] == [
        {
            "status": "APPROVED",
            "placement": None,
            "tournament": {"name": "Летний кубок", "status": "REGISTRATION"},
        },
        {
            "status": "APPROVED",
            "placement": 2,
            "tournament": {"name": "Весенний кубок", "status": "FINISHED"},
        },
    ]


async def test_tournaments_of_a_page_of_teams_load_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await create_user(session)
    for i in range(8):
        team = await create_team(session, name=f"Команда {i}")
        for _ in range(2):
            await create_entry(
                session, await create_tournament(session), team=team, status=EntryStatus.APPROVED
            )

    with count_statements() as small:
        await gql(TEAMS_TOURNAMENTS, {"first": 1}, as_user=viewer)
    with count_statements() as large:
        response = await gql(TEAMS_TOURNAMENTS, {"first": 8}, as_user=viewer)

    assert response.errors is None
    assert all(len(node["tournaments"]) == 2 for node in response.data["teams"]["nodes"])
    assert len(small) == len(large), str(large)
