from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.utils.await_maybe import AwaitableOrValue

from app.graphql.context import Info
from app.graphql.ids import to_id
from app.graphql.loading import known, selects
from app.playgrounds.types import Playground
from app.sports.types import Sport
from app.teams import models
from app.teams.enums import ApplicationStatus, FormResult, InvitationStatus, TeamRole
from app.users.prefetch import prefetch_users
from app.users.types import User

if TYPE_CHECKING:
    from app.matches.types import Match

LazyMatch = Annotated["Match", strawberry.lazy("app.matches.types")]


async def _user(info: Info, user_id: uuid.UUID) -> User:
    user = await info.context.loaders.user_by_id.load(user_id)
    if user is None:
        raise RuntimeError(f"dangling user reference {user_id}")
    return User.from_model(user)


async def _team(info: Info, team_id: uuid.UUID) -> Team:
    team = await info.context.loaders.team_by_id.load(team_id)
    if team is None:
        raise RuntimeError(f"dangling team reference {team_id}")
    return Team.from_model(team)


@strawberry.type
class TeamMember:
    role: TeamRole
    joined_at: datetime
    model: strawberry.Private[models.TeamMember]

    @classmethod
    def from_model(cls, member: models.TeamMember) -> TeamMember:
        return cls(role=member.role, joined_at=member.joined_at, model=member)

    @strawberry.field(graphql_type=User)
    def user(self, info: Info) -> AwaitableOrValue[User]:
        return known(info.context.loaders.user_by_id, self.model.user_id, User.from_model)


@strawberry.type(description="Команда.")
class Team:
    id: strawberry.ID
    slug: str = strawberry.field(description="Уникальный адрес страницы команды.")
    name: str
    city: str
    motto: str | None
    description: str | None
    logo_url: str | None
    rating: float = strawberry.field(
        description="Рейтинг команды в её виде спорта (ordinal OpenSkill: mu − 3·sigma); "
        "0, пока нет подтверждённых матчей."
    )
    wins: int
    draws: int
    losses: int
    created_at: datetime
    disbanded_at: datetime | None
    model: strawberry.Private[models.Team]

    @classmethod
    def from_model(cls, team: models.Team) -> Team:
        return cls(
            id=to_id(team.id),
            slug=team.slug,
            name=team.name,
            city=team.city,
            motto=team.motto,
            description=team.description,
            logo_url=team.logo_url,
            rating=team.rating,
            wins=team.wins,
            draws=team.draws,
            losses=team.losses,
            created_at=team.created_at,
            disbanded_at=team.disbanded_at,
            model=team,
        )

    @strawberry.field(description="Последние (до пяти) подтверждённые матчи, новые первыми.")
    def form(self) -> list[FormResult]:
        return [FormResult(result) for result in self.model.form]

    @strawberry.field
    async def sport(self, info: Info) -> Sport:
        sport = await info.context.loaders.sport_by_id.load(self.model.sport_id)
        if sport is None:
            raise RuntimeError(f"team {self.model.id} without its sport")
        return Sport.from_model(sport)

    @strawberry.field
    async def captain(self, info: Info) -> User:
        captain = await info.context.loaders.captain_by_team_id.load(self.model.id)
        if captain is None:
            raise RuntimeError(f"team {self.model.id} without a captain")
        return await _user(info, captain.user_id)

    @strawberry.field(description="Состав: капитан, тренеры и менеджеры, затем игроки.")
    async def members(self, info: Info) -> list[TeamMember]:
        members = await info.context.loaders.members_by_team_id.load(self.model.id)
        if selects(info, "user"):
            await prefetch_users(info, [m.user_id for m in members], under="user")
        return [TeamMember.from_model(member) for member in members]

    @strawberry.field
    async def member_count(self, info: Info) -> int:
        return await info.context.loaders.member_count_by_team_id.load(self.model.id)

    @strawberry.field(description="Домашние площадки команды, в порядке, заданном капитаном.")
    async def home_playgrounds(self, info: Info) -> list[Playground]:
        loaders = info.context.loaders
        ids = await loaders.home_playground_ids_by_team_id.load(self.model.id)
        playgrounds = await loaders.playground_by_id.load_many(ids)
        return [Playground.from_model(p) for p in playgrounds if p is not None]

    @strawberry.field(description="Ближайшие (до пяти) назначенные и идущие матчи.")
    async def upcoming_matches(self, info: Info) -> list[LazyMatch]:
        from app.matches.types import Match  # the matches domain builds on teams

        matches = await info.context.loaders.upcoming_matches_by_team_id.load(self.model.id)
        return await Match.list_of(info, matches)

    @strawberry.field(description="Последние (до пяти) сыгранные матчи, новые первыми.")
    async def recent_matches(self, info: Info) -> list[LazyMatch]:
        from app.matches.types import Match

        matches = await info.context.loaders.recent_matches_by_team_id.load(self.model.id)
        return await Match.list_of(info, matches)


@strawberry.type(description="Заявка игрока на вступление в команду.")
class TeamApplication:
    id: strawberry.ID
    status: ApplicationStatus
    message: str | None
    decision_reason: str | None
    created_at: datetime
    decided_at: datetime | None
    model: strawberry.Private[models.TeamApplication]

    @classmethod
    def from_model(cls, application: models.TeamApplication) -> TeamApplication:
        return cls(
            id=to_id(application.id),
            status=application.status,
            message=application.message,
            decision_reason=application.decision_reason,
            created_at=application.created_at,
            decided_at=application.decided_at,
            model=application,
        )

    @strawberry.field
    async def team(self, info: Info) -> Team:
        return await _team(info, self.model.team_id)

    @strawberry.field
    async def applicant(self, info: Info) -> User:
        return await _user(info, self.model.user_id)


@strawberry.type(description="Приглашение пользователя в команду от её капитана.")
class TeamInvitation:
    id: strawberry.ID
    role: TeamRole
    status: InvitationStatus
    created_at: datetime
    answered_at: datetime | None
    model: strawberry.Private[models.TeamInvitation]

    @classmethod
    def from_model(cls, invitation: models.TeamInvitation) -> TeamInvitation:
        return cls(
            id=to_id(invitation.id),
            role=invitation.role,
            status=invitation.status,
            created_at=invitation.created_at,
            answered_at=invitation.answered_at,
            model=invitation,
        )

    @strawberry.field
    async def team(self, info: Info) -> Team:
        return await _team(info, self.model.team_id)

    @strawberry.field
    async def invitee(self, info: Info) -> User:
        return await _user(info, self.model.user_id)

    @strawberry.field
    async def invited_by(self, info: Info) -> User:
        return await _user(info, self.model.invited_by_id)
