"""Teams: creating, editing, disbanding and finding them.

Membership changes live in ``roster.py``, applications in ``applications.py`` and invitations in
``invitations.py``; all of them start from ``lock_active_team`` and ``require_captain`` here.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, FieldCode, NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.playgrounds import service as playgrounds
from app.sports import service as sports
from app.teams import slugs
from app.teams.errors import TeamDisbandBlockedError, TeamDisbandedError, TeamLimitReachedError
from app.teams.events import TeamCreated, TeamDisbanded, TeamHomePlaygroundsChanged, TeamUpdated
from app.teams.guards import disband_guards
from app.teams.models import Team, TeamMember, TeamRole
from app.teams.repository import (
    ApplicationRepository,
    InvitationRepository,
    MemberRepository,
    TeamFilter,
    TeamOrder,
    TeamRepository,
)
from app.validation import Validator

HAS_LETTER_OR_DIGIT = re.compile(r".*\w.*", re.DOTALL)


class NewTeam(TypedDict):
    name: str
    sport_id: uuid.UUID | None
    """``None`` when the client sent an id that cannot exist."""
    city: str
    motto: str | None
    description: str | None
    logo_url: str | None


class TeamChanges(TypedDict, total=False):
    """Only the keys present are changed; ``None`` clears an optional field."""

    name: str | None
    city: str | None
    motto: str | None
    description: str | None
    logo_url: str | None


async def get_team(session: AsyncSession, viewer: Principal, team_id: uuid.UUID) -> Team | None:
    """Any signed-in user sees any team, disbanded ones included (their page stays)."""
    return await TeamRepository(session).get(team_id)


async def teams_by_id(
    session: AsyncSession, team_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Team]:
    """For work done on nobody's behalf (notifications), disbanded teams included."""
    return {team.id: team for team in await TeamRepository(session).get_many(team_ids)}


async def captain_id(session: AsyncSession, team_id: uuid.UUID) -> uuid.UUID | None:
    """The captain; a disbanded team keeps its last one."""
    captains = await MemberRepository(session).captains_of([team_id])
    return captains[0].user_id if captains else None


async def get_team_by_slug(session: AsyncSession, viewer: Principal, slug: str) -> Team | None:
    return await TeamRepository(session).get_by_slug(slug.strip().lower())


async def list_teams(
    session: AsyncSession,
    viewer: Principal,
    *,
    sport_id: uuid.UUID | None,
    city: str | None,
    search: str | None,
    order: TeamOrder,
    page: PageRequest,
) -> Page[Team]:
    """Active teams; a sport also finds its sub-disciplines' teams."""
    sport_ids = await sports.discipline_ids(session, sport_id) if sport_id else None
    where = TeamFilter(
        sport_ids=sport_ids,
        city=(city or "").strip() or None,
        search=(search or "").strip() or None,
    )
    return await TeamRepository(session).page(where, order, page)


async def rating_leaderboard(
    session: AsyncSession,
    viewer: Principal,
    sport_id: uuid.UUID,
    *,
    city: str | None,
    page: PageRequest,
) -> Page[Team]:
    """Active teams of exactly this sport (not its sub-disciplines), highest rating first."""
    city = (city or "").strip() or None
    return await TeamRepository(session).leaderboard(sport_id, city, page)


async def create_team(
    session: AsyncSession, actor: Principal, fields: NewTeam, *, now: datetime, max_captained: int
) -> Team:
    """The creator becomes captain and first member; global roles are left alone."""
    cleaned = await _validate_new(session, fields)
    repo = TeamRepository(session)
    await ensure_may_captain(repo, actor.user_id, max_captained)
    team = Team(**cleaned, created_at=now, updated_at=now)
    team.slug = await _unique_slug(repo, team.name)
    session.add(team)
    await session.flush()
    await MemberRepository(session).add(team.id, actor.user_id, TeamRole.CAPTAIN, now)
    event = TeamCreated(
        team_id=team.id,
        captain_id=actor.user_id,
        sport_id=team.sport_id,
        name=team.name,
        slug=team.slug,
        city=team.city,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return team


async def update_team(
    session: AsyncSession,
    actor: Principal,
    team_id: uuid.UUID,
    changes: TeamChanges,
    *,
    regenerate_slug: bool,
    now: datetime,
) -> Team:
    """The slug survives renames unless ``regenerate_slug`` asks for one from the new name."""
    team = await lock_active_team(session, team_id)
    await require_captain(session, actor, team)
    cleaned = _validate_changes(changes)
    changed = sorted(name for name, value in cleaned.items() if getattr(team, name) != value)
    for name in changed:
        setattr(team, name, cleaned[name])
    if regenerate_slug:
        slug = await _unique_slug(TeamRepository(session), team.name, keep=team.slug)
        if slug != team.slug:
            team.slug = slug
            changed.append("slug")
    if not changed:
        return team
    team.updated_at = now
    await session.flush()
    event = TeamUpdated(team_id=team.id, changed_fields=changed, slug=team.slug)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return team


async def disband_team(
    session: AsyncSession, actor: Principal, team_id: uuid.UUID, *, now: datetime
) -> Team:
    """Close the team for good.

    Pending applications and invitations are cancelled, the last roster is kept for history,
    and no further change is accepted. Other domains can object through ``disband_guards``.
    """
    team = await lock_active_team(session, team_id)
    await require_captain(session, actor, team)
    reason = await disband_guards.objection(session, team.id)
    if reason is not None:
        raise TeamDisbandBlockedError(reason)
    team.disbanded_at = now
    event = TeamDisbanded(
        team_id=team.id,
        disbanded_by=actor.user_id,
        member_ids=await MemberRepository(session).user_ids(team.id),
        cancelled_application_ids=await ApplicationRepository(session).cancel_pending(team.id),
        cancelled_invitation_ids=await InvitationRepository(session).cancel_pending(team.id),
    )
    await session.flush()
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return team


async def member_ids(
    session: AsyncSession, team_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The current rosters of the teams, in one statement, for domains that mirror them (team
    and match chats, tournament notices)."""
    rosters: dict[uuid.UUID, list[uuid.UUID]] = {team_id: [] for team_id in team_ids}
    for member in await MemberRepository(session).of_teams(team_ids):
        rosters[member.team_id].append(member.user_id)
    return rosters


async def roster(session: AsyncSession, viewer: Principal, team_id: uuid.UUID) -> list[TeamMember]:
    """The members, as everyone signed in sees them on the team page."""
    return await MemberRepository(session).of_teams([team_id])


async def require_member(session: AsyncSession, actor: Principal, team: Team) -> TeamMember:
    """For what only the team's own people may see (its assistant, its internal state)."""
    member = await MemberRepository(session).get(team.id, actor.user_id)
    if member is None:
        raise AccessDeniedError("Это доступно только участникам команды")
    return member


async def teams_of_member(session: AsyncSession, actor: Principal) -> list[Team]:
    """The caller's own active teams."""
    return await TeamRepository(session).active_of_member(actor.user_id)


async def home_playground_ids(session: AsyncSession, team_id: uuid.UUID) -> list[uuid.UUID]:
    return [p for _, p in await TeamRepository(session).home_playground_ids([team_id])]


async def set_home_playgrounds(
    session: AsyncSession,
    actor: Principal,
    team_id: uuid.UUID,
    playground_ids: list[uuid.UUID | None],
    *,
    now: datetime,
    limit: int,
) -> tuple[Team, list[uuid.UUID]]:
    """Replace the team's home playgrounds (approved ones only, at most ``limit``, in order).

    ``None`` stands for an id that cannot exist. Pending, rejected and unknown playgrounds
    get the same answer, so the field tells nothing about playgrounds the captain cannot see.
    """
    team = await lock_active_team(session, team_id)
    await require_captain(session, actor, team)
    wanted = list(dict.fromkeys(playground_ids))
    v = Validator()
    if len(wanted) > limit:
        v.add("playgroundIds", FieldCode.TOO_LONG, f"Не больше {limit} домашних площадок")
    else:
        ids = [playground_id for playground_id in wanted if playground_id is not None]
        if len(await playgrounds.approved_playground_ids(session, ids)) != len(wanted):
            v.add("playgroundIds", FieldCode.NOT_FOUND, "Нет такой одобренной площадки")
    v.raise_if_any()
    chosen = [playground_id for playground_id in wanted if playground_id is not None]
    if await home_playground_ids(session, team.id) == chosen:
        return team, chosen
    await TeamRepository(session).replace_home_playgrounds(team.id, chosen)
    team.updated_at = now
    await session.flush()
    event = TeamHomePlaygroundsChanged(team_id=team.id, playground_ids=chosen)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return team, chosen


async def lock_active_team(session: AsyncSession, team_id: uuid.UUID) -> Team:
    """The team row locked for this transaction; every change to a team starts here."""
    team = await TeamRepository(session).get_for_update(team_id)
    if team is None:
        raise NotFoundError()
    if team.is_disbanded:
        raise TeamDisbandedError()
    return team


async def require_captain(session: AsyncSession, actor: Principal, team: Team) -> TeamMember:
    member = await MemberRepository(session).get(team.id, actor.user_id)
    if member is None or member.role is not TeamRole.CAPTAIN:
        raise AccessDeniedError("Это может сделать только капитан команды")
    return member


async def is_captain(session: AsyncSession, user_id: uuid.UUID, team_id: uuid.UUID) -> bool:
    member = await MemberRepository(session).get(team_id, user_id)
    return member is not None and member.role is TeamRole.CAPTAIN


async def member_roles(
    session: AsyncSession, team_id: uuid.UUID
) -> list[tuple[uuid.UUID, TeamRole]]:
    """``(user_id, role)`` of every member: captain first, then staff, then players (for other
    domains' own rules; no viewer needed)."""
    members = await MemberRepository(session).of_teams([team_id])
    return [(member.user_id, member.role) for member in members]


async def is_member(session: AsyncSession, user_id: uuid.UUID, team_id: uuid.UUID) -> bool:
    return await MemberRepository(session).get(team_id, user_id) is not None


async def ensure_may_captain(repo: TeamRepository, user_id: uuid.UUID, limit: int) -> None:
    """Serialised per user, so parallel requests cannot pass the limit together."""
    await repo.lock_name(f"teams.captain:{user_id}")
    if await repo.count_captained(user_id) >= limit:
        raise TeamLimitReachedError(limit=limit)


async def _unique_slug(repo: TeamRepository, name: str, *, keep: str | None = None) -> str:
    base = slugs.slug_base(name)
    if keep is not None and slugs.belongs_to(keep, base):
        return keep
    await repo.lock_name(f"teams.slug:{base}")
    return slugs.pick_unique(base, await repo.slugs_like(base))


async def _validate_new(session: AsyncSession, fields: NewTeam) -> dict[str, object]:
    v = Validator()
    out = _validate_texts(v, dict(fields), required=True)
    sport_id = fields["sport_id"]
    sport = await sports.get_sport(session, sport_id) if sport_id else None
    if sport is None:
        v.add("sportId", FieldCode.NOT_FOUND, "Нет такого вида спорта")
    elif not sport.teams_allowed:
        v.add("sportId", FieldCode.NOT_ALLOWED, "В этом виде спорта не бывает команд")
    v.raise_if_any()
    return {**out, "sport_id": sport_id}


def _validate_changes(changes: TeamChanges) -> dict[str, object]:
    v = Validator()
    out = _validate_texts(v, dict(changes), required=False)
    v.raise_if_any()
    return out


def _validate_texts(v: Validator, given: dict[str, object], *, required: bool) -> dict[str, object]:
    """Checks the keys present; ``name`` and ``city`` may never be cleared."""
    out: dict[str, object] = {}
    if required or "name" in given:
        name = v.text("name", _str(given.get("name")), min_len=2, max_len=60, required=True)
        v.pattern("name", name, HAS_LETTER_OR_DIGIT, "Название должно содержать буквы или цифры")
        out["name"] = name
    if required or "city" in given:
        out["city"] = v.text("city", _str(given.get("city")), min_len=2, max_len=100, required=True)
    if "motto" in given:
        out["motto"] = v.text("motto", _str(given["motto"]), max_len=100)
    if "description" in given:
        out["description"] = v.text("description", _str(given["description"]), max_len=350)
    if "logo_url" in given:
        out["logo_url"] = v.url("logoUrl", _str(given["logo_url"]))
    return out


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None
