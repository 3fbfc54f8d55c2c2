from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.auth.roles import Role
from app.graphql.context import Info
from app.graphql.errors import UserError, maps
from app.graphql.ids import parse_id, to_id
from app.sports.types import Sport
from app.users import models, service
from app.users.errors import NicknameCooldownError, NicknameTakenError
from app.users.models import Audience

if TYPE_CHECKING:
    from app.teams.types import Team

LazyTeam = Annotated["Team", strawberry.lazy("app.teams.types")]

strawberry.enum(Role, name="Role", description="Роль пользователя в системе.")
strawberry.enum(Audience, name="Audience", description="Кому разрешено: всем, друзьям, никому.")


@strawberry.type
class Contacts:
    telegram: str | None
    discord: str | None


@strawberry.type
class PrivacySettings:
    teams_visibility: Audience
    contacts_visibility: Audience
    message_permission: Audience
    invite_permission: Audience


@strawberry.type
class User:
    id: strawberry.ID
    display_name: str
    nickname: str | None
    avatar_url: str | None
    banner_url: str | None
    city: str | None
    bio: str | None
    created_at: datetime
    model: strawberry.Private[models.User]

    @classmethod
    def from_model(cls, user: models.User) -> User:
        return cls(
            id=to_id(user.id),
            display_name=user.display_name,
            nickname=user.nickname,
            avatar_url=user.avatar_url,
            banner_url=user.banner_url,
            city=user.city,
            bio=user.bio,
            created_at=user.created_at,
            model=user,
        )

    def _relation(self, info: Info) -> service.Relation:
        return service.relation(info.context.principal, self.model)

    @strawberry.field
    def roles(self) -> list[Role]:
        return sorted(Role(role) for role in self.model.roles)

    @strawberry.field(description="Только для самого пользователя и модераторов.")
    def email(self, info: Info) -> str | None:
        return self.model.email if self._relation(info) is not service.Relation.OTHER else None

    @strawberry.field(description="Только для самого пользователя и модераторов.")
    def birth_date(self, info: Info) -> date | None:
        visible = self._relation(info) is not service.Relation.OTHER
        return self.model.birth_date if visible else None

    @strawberry.field
    def age(self, info: Info) -> int | None:
        if self.model.birth_date is None:
            return None
        return service.age_on(self.model.birth_date, info.context.now().date())

    async def _admits(self, info: Info, audience: Audience) -> bool:
        """Whether the audience includes the viewer, asking the social graph only when the
        answer turns on friendship."""
        relation = self._relation(info)
        if audience is not Audience.FRIENDS or relation is not service.Relation.OTHER:
            return service.audience_allows(audience, relation)
        if info.context.principal is None:
            return False
        pair = (info.context.principal.user_id, self.model.id)
        return await info.context.loaders.friendship_by_pair.load(pair)

    @strawberry.field(description="Видны согласно настройке приватности contactsVisibility.")
    async def contacts(self, info: Info) -> Contacts | None:
        if not await self._admits(info, self.model.contacts_visibility):
            return None
        return Contacts(telegram=self.model.telegram, discord=self.model.discord)

    @strawberry.field(
        description="Действующие команды пользователя, по названию; видны согласно настройке "
        "teamsVisibility (скрытые: null). Состав команды на её странице открыт всем."
    )
    async def teams(self, info: Info) -> list[LazyTeam] | None:
        from app.teams.types import Team  # the teams domain builds on users

        if not await self._admits(info, self.model.teams_visibility):
            return None
        teams = await info.context.loaders.teams_by_member_id.load(self.model.id)
        return [Team.from_model(team) for team in teams]

    @strawberry.field(description="Любимые виды спорта, в порядке пользователя.")
    async def favourite_sports(self, info: Info) -> list[Sport]:
        found = await info.context.loaders.sport_by_id.load_many(self.model.favourite_sport_ids)
        return [Sport.from_model(sport) for sport in found if sport is not None]

    @strawberry.field(description="Только для самого пользователя.")
    def privacy(self, info: Info) -> PrivacySettings | None:
        if self._relation(info) is not service.Relation.SELF:
            return None
        return PrivacySettings(
            teams_visibility=self.model.teams_visibility,
            contacts_visibility=self.model.contacts_visibility,
            message_permission=self.model.message_permission,
            invite_permission=self.model.invite_permission,
        )

    @strawberry.field(
        description="Дата окончания блокировки; видна самому пользователю и модераторам."
    )
    def banned_until(self, info: Info) -> datetime | None:
        if self._relation(info) is service.Relation.OTHER:
            return None
        return self.model.banned_until


@strawberry.input
class ContactsInput:
    telegram: str | None = strawberry.UNSET
    discord: str | None = strawberry.UNSET


@strawberry.input
class PrivacySettingsInput:
    teams_visibility: Audience | None = strawberry.UNSET
    contacts_visibility: Audience | None = strawberry.UNSET
    message_permission: Audience | None = strawberry.UNSET
    invite_permission: Audience | None = strawberry.UNSET


@strawberry.input(
    description="Изменяются только переданные поля; null очищает необязательное поле."
)
class UpdateProfileInput:
    display_name: str | None = strawberry.UNSET
    nickname: str | None = strawberry.UNSET
    avatar_url: str | None = strawberry.UNSET
    banner_url: str | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    birth_date: date | None = strawberry.UNSET
    bio: str | None = strawberry.UNSET
    contacts: ContactsInput | None = strawberry.UNSET
    privacy: PrivacySettingsInput | None = strawberry.UNSET
    favourite_sport_ids: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET,
        description=f"Любимые виды спорта по порядку, до {service.MAX_FAVOURITE_SPORTS}; "
        "список заменяет прежний.",
    )

    def to_changes(self) -> service.ProfileChanges:
        changes: dict[str, object] = {}
        for name in ("display_name", "nickname", "avatar_url", "banner_url", "city", "bio"):
            _copy(changes, name, getattr(self, name))
        _copy(changes, "birth_date", self.birth_date)
        if self.favourite_sport_ids is not strawberry.UNSET:
            given = self.favourite_sport_ids or []
            changes["favourite_sport_ids"] = [parse_id(sport_id) for sport_id in given]
        if self.contacts:
            _copy(changes, "telegram", self.contacts.telegram)
            _copy(changes, "discord", self.contacts.discord)
        if self.privacy:
            for name in (
                "teams_visibility",
                "contacts_visibility",
                "message_permission",
                "invite_permission",
            ):
                value = getattr(self.privacy, name)
                if value is not None:
                    _copy(changes, name, value)
        return changes  # type: ignore[return-value]


def _copy(changes: dict[str, object], name: str, value: object) -> None:
    if value is not strawberry.UNSET:
        changes[name] = value


@strawberry.type
class UpdateProfilePayload:
    user: User


@maps(NicknameTakenError)
@strawberry.type
class NicknameTaken(UserError):
    pass


@maps(NicknameCooldownError)
@strawberry.type
class NicknameCooldown(UserError):
    available_at: datetime
