from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.sports.seed import seed_sports
from app.teams.models import (
    ApplicationStatus,
    InvitationStatus,
    Team,
    TeamApplication,
    TeamInvitation,
)
from app.teams.seed import seed_teams
from app.users.models import User
from app.users.seed import seed_users
from tests.teams.helpers import roster


async def seed(session: AsyncSession) -> None:
    await seed_users(session)
    await seed_sports(session)
    await seed_teams(session)


async def usernames(session: AsyncSession) -> dict[str, str]:
    return {str(i): name for i, name in (await session.execute(select(User.id, User.username)))}


async def test_demo_teams_are_built_through_the_services(session: AsyncSession) -> None:
    await seed(session)

    names = await usernames(session)
    athletes = await session.scalar(select(Team).where(Team.slug == "dvorovye-atlety"))
    assert athletes is not None
    assert athletes.name == "Дворовые атлеты"
    assert {names[u]: role for u, role in (await roster(session, athletes)).items()} == {
        "alice": "CAPTAIN",
        "boris": "PLAYER",
        "fedor": "COACH",
    }
    [application] = (await session.scalars(select(TeamApplication))).all()
    assert (names[str(application.user_id)], application.status) == (
        "boris",
        ApplicationStatus.PENDING,
    )
    [invitation] = (
        await session.scalars(
            select(TeamInvitation).where(TeamInvitation.status == InvitationStatus.PENDING)
        )
    ).all()
    assert names[str(invitation.user_id)] == "alice"
    slugs = set((await session.scalars(select(Team.slug))).all())
    assert slugs == {"dvorovye-atlety", "sokoly", "ulichnye-koroli", "vympel"}


async def test_seeding_twice_adds_nothing(session: AsyncSession) -> None:
    await seed(session)
    counts = [
        await session.scalar(select(func.count()).select_from(m))
        for m in (Team, TeamApplication, TeamInvitation)
    ]

    await seed(session)

    again = [
        await session.scalar(select(func.count()).select_from(m))
        for m in (Team, TeamApplication, TeamInvitation)
    ]
    assert again == counts
