"""Demo teams for ``prodvor seed``, built through the services like a user would build them.

Idempotent: a team whose slug already exists is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.db import utcnow
from app.settings import get_settings
from app.sports import service as sports
from app.teams import applications, invitations, service, slugs
from app.teams.invitations import Answer
from app.teams.models import TeamRole
from app.users.seed import demo_principal


@dataclass(frozen=True)
class DemoTeam:
    name: str
    sport: str
    city: str
    motto: str
    captain: str
    members: tuple[tuple[str, TeamRole], ...] = ()
    """Joined by accepting the captain's invitation."""
    invited: tuple[str, ...] = ()
    """Invited, not answered yet."""
    applicants: tuple[str, ...] = ()
    """Applied, not decided yet."""


DEMO_TEAMS = (
    DemoTeam(
        "Дворовые атлеты",
        "football",
        "Москва",
        "Играем в любую погоду",
        captain="alice",
        members=(("boris", TeamRole.PLAYER), ("fedor", TeamRole.COACH)),
    ),
    DemoTeam(
        "Соколы",
        "basketball",
        "Санкт-Петербург",
        "Выше, быстрее, точнее",
        captain="dmitry",
        applicants=("boris",),
    ),
    DemoTeam(
        "Уличные короли",
        "streetball-3x3",
        "Москва",
        "Три на три до победы",
        captain="olga",
        invited=("alice",),
    ),
    DemoTeam(
        "Вымпел",
        "volleyball",
        "Екатеринбург",
        "Один за всех",
        captain="fedor",
    ),
)


async def seed_teams(session: AsyncSession) -> None:
    for demo in DEMO_TEAMS:
        captain = await demo_principal(session, demo.captain)
        existing = await service.get_team_by_slug(session, captain, slugs.slug_base(demo.name))
        if existing is None:
            await _seed_team(session, captain, demo)
    await session.flush()


async def _seed_team(session: AsyncSession, captain: Principal, demo: DemoTeam) -> None:
    now = utcnow()
    sport = await sports.get_sport_by_code(session, demo.sport)
    if sport is None:
        raise RuntimeError(f"seed the sports before the teams: no {demo.sport}")
    team = await service.create_team(
        session,
        captain,
        service.NewTeam(
            name=demo.name,
            sport_id=sport.id,
            city=demo.city,
            motto=demo.motto,
            description=None,
            logo_url=None,
        ),
        now=now,
        max_captained=get_settings().teams.max_captained_teams,
    )
    for username, role in demo.members:
        member = await demo_principal(session, username)
        invitation = await invitations.invite_to_team(
            session, captain, team.id, member.user_id, role, now=now
        )
        await invitations.respond_to_invitation(
            session, member, invitation.id, Answer.ACCEPT, now=now
        )
    for username in demo.invited:
        invitee = await demo_principal(session, username)
        await invitations.invite_to_team(
            session, captain, team.id, invitee.user_id, TeamRole.PLAYER, now=now
        )
    for username in demo.applicants:
        applicant = await demo_principal(session, username)
        await applications.apply_to_team(
            session, applicant, team.id, "Возьмите в команду, играю каждые выходные!", now=now
        )
