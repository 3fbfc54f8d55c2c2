from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.feed import models
from app.feed.models import ActivityType
from app.graphql.context import Info
from app.graphql.ids import to_id
from app.playgrounds.types import Playground
from app.social.types import user_of
from app.teams.enums import FormResult
from app.teams.types import Team
from app.users.types import User

if TYPE_CHECKING:
    from app.matches.types import Match
    from app.tournaments.types import Tournament

LazyMatch = Annotated["Match", strawberry.lazy("app.matches.types")]
LazyTournament = Annotated["Tournament", strawberry.lazy("app.tournaments.types")]

strawberry.enum(ActivityType, name="ActivityType", description="Вид события ленты.")


async def _team(info: Info, team_id: uuid.UUID | None) -> Team | None:
    found = await info.context.loaders.team_by_id.load(team_id) if team_id else None
    return Team.from_model(found) if found else None


@strawberry.type(description="Событие ленты активности.")
class Activity:
    id: strawberry.ID
    type: ActivityType
    created_at: datetime
    text: str | None = strawberry.field(description="Текст статуса (STATUS_POSTED).")
    model: strawberry.Private[models.Activity]

    @classmethod
    def from_model(cls, activity: models.Activity) -> Activity:
        return cls(
            id=to_id(activity.id),
            type=activity.type,
            created_at=activity.created_at,
            text=activity.text,
            model=activity,
        )

    @strawberry.field(description="Чьё это событие; null для событий команды.")
    async def actor(self, info: Info) -> User | None:
        if self.model.user_id is None:
            return None
        return await user_of(info, self.model.user_id)

    @strawberry.field(description="Команда: вступил в неё игрок, сыграла матч или турнир.")
    async def team(self, info: Info) -> Team | None:
        team_id = self.model.team_id or self.model.data.get("team_id")
        return await _team(info, uuid.UUID(str(team_id)) if team_id else None)

    @strawberry.field(description="Соперник в матче (MATCH_PLAYED).")
    async def opponent_team(self, info: Info) -> Team | None:
        team_id = self.model.data.get("opponent_team_id")
        return await _team(info, uuid.UUID(team_id) if team_id else None)

    @strawberry.field(description="Счёт со стороны своей команды, например 3:1.")
    def score(self) -> str | None:
        return self.model.data.get("score")

    @strawberry.field(description="Итог матча для своей команды.")
    def result(self) -> FormResult | None:
        value = self.model.data.get("result")
        return FormResult(value) if value else None

    @strawberry.field(description="Название достижения (ACHIEVEMENT_UNLOCKED).")
    def achievement_name(self) -> str | None:
        return self.model.data.get("name")

    @strawberry.field
    async def playground(self, info: Info) -> Playground | None:
        if self.model.playground_id is None:
            return None
        found = await info.context.loaders.playground_by_id.load(self.model.playground_id)
        return Playground.from_model(found) if found else None

    @strawberry.field(description="Матч (MATCH_PLAYED).")
    async def match(self, info: Info) -> LazyMatch | None:
        from app.matches.types import Match

        if self.model.type is not ActivityType.MATCH_PLAYED or self.model.subject_id is None:
            return None
        found = await info.context.loaders.match_by_id.load(self.model.subject_id)
        return Match.from_model(found) if found else None

    @strawberry.field(description="Турнир (TOURNAMENT_REGISTERED).")
    async def tournament(self, info: Info) -> LazyTournament | None:
        from app.tournaments.types import Tournament

        if self.model.type is not ActivityType.TOURNAMENT_REGISTERED or not self.model.subject_id:
            return None
        found = await info.context.loaders.tournament_by_id.load(self.model.subject_id)
        return Tournament.from_model(found) if found else None

    @strawberry.field
    async def likes_count(self, info: Info) -> int:
        return await info.context.loaders.like_count_by_activity_id.load(self.model.id)

    @strawberry.field
    async def comments_count(self, info: Info) -> int:
        return await info.context.loaders.comment_count_by_activity_id.load(self.model.id)

    @strawberry.field(description="Нравится ли событие мне.")
    async def liked_by_me(self, info: Info) -> bool:
        key = (self.model.id, info.context.actor().user_id)
        return await info.context.loaders.like_by_activity_user.load(key)


@strawberry.type(description="Комментарий к событию ленты.")
class ActivityComment:
    id: strawberry.ID
    text: str
    created_at: datetime
    model: strawberry.Private[models.ActivityComment]

    @classmethod
    def from_model(cls, comment: models.ActivityComment) -> ActivityComment:
        return cls(
            id=to_id(comment.id), text=comment.text, created_at=comment.created_at, model=comment
        )

    @strawberry.field
    async def author(self, info: Info) -> User:
        return await user_of(info, self.model.author_id)

    @strawberry.field
    def activity_id(self) -> strawberry.ID:
        return to_id(self.model.activity_id)


@strawberry.input
class PostStatusInput:
    text: str


@strawberry.input
class ActivityInput:
    activity_id: strawberry.ID


@strawberry.input
class CommentOnActivityInput:
    activity_id: strawberry.ID
    text: str


@strawberry.input
class DeleteCommentInput:
    comment_id: strawberry.ID


@strawberry.type
class PostStatusPayload:
    activity: Activity


@strawberry.type
class ActivityPayload:
    activity: Activity


@strawberry.type
class CommentOnActivityPayload:
    comment: ActivityComment


@strawberry.type
class DeleteCommentPayload:
    comment_id: strawberry.ID
