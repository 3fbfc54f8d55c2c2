from __future__ import annotations

from typing import Annotated

import strawberry

from app.feed import service
from app.feed.limits import COMMENT_PER_USER, FEED_PER_USER, POST_STATUS_PER_USER
from app.feed.types import (
    Activity,
    ActivityComment,
    ActivityInput,
    ActivityPayload,
    CommentOnActivityInput,
    CommentOnActivityPayload,
    DeleteCommentInput,
    DeleteCommentPayload,
    PostStatusInput,
    PostStatusPayload,
)
from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import parse_id, require_id, to_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated
from app.graphql.ratelimit import Throttle
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.ratelimit.types import RateLimited

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]
PostStatusResult = Annotated[
    PostStatusPayload | ValidationFailed | RateLimited, strawberry.union("PostStatusResult")
]
LikeActivityResult = Annotated[ActivityPayload | NotFound, strawberry.union("LikeActivityResult")]
UnlikeActivityResult = Annotated[
    ActivityPayload | NotFound, strawberry.union("UnlikeActivityResult")
]
CommentOnActivityResult = Annotated[
    CommentOnActivityPayload | ValidationFailed | NotFound | RateLimited,
    strawberry.union("CommentOnActivityResult"),
]
DeleteCommentResult = Annotated[
    DeleteCommentPayload | NotFound, strawberry.union("DeleteCommentResult")
]


@strawberry.type
class FeedQuery:
    @strawberry.field(
        permission_classes=authenticated(),
        extensions=[Throttle(FEED_PER_USER)],
        description="Лента: мои события, события друзей, игроков и команд, на которых я подписан.",
    )
    async def feed(
        self, info: Info, first: First = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Activity]:
        context = info.context
        page = await service.feed(
            context.session, context.actor(), PageRequest(first=first, after=after)
        )
        return Connection.from_page(page, Activity.from_model)

    @strawberry.field(permission_classes=authenticated(), description="Комментарии к событию.")
    async def activity_comments(
        self,
        info: Info,
        activity_id: strawberry.ID,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[ActivityComment] | None:
        parsed = parse_id(activity_id)
        if parsed is None:
            return None
        context = info.context
        request = PageRequest(first=first, after=after)
        page = await service.comments(context.session, context.actor(), parsed, request)
        return Connection.from_page(page, ActivityComment.from_model) if page else None


@strawberry.type
class FeedMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[POST_STATUS_PER_USER],
        description="Опубликовать статус в ленте (до 500 символов).",
    )
    async def post_status(self, info: Info, input: PostStatusInput) -> PostStatusResult:
        context = info.context
        activity = await service.post_status(
            context.session, context.actor(), input.text, now=context.now()
        )
        return PostStatusPayload(activity=Activity.from_model(activity))

    @mutation(permission_classes=authenticated(), description="Отметить «нравится».")
    async def like_activity(self, info: Info, input: ActivityInput) -> LikeActivityResult:
        context = info.context
        activity = await service.like(
            context.session, context.actor(), require_id(input.activity_id), now=context.now()
        )
        return ActivityPayload(activity=Activity.from_model(activity))

    @mutation(permission_classes=authenticated(), description="Снять отметку «нравится».")
    async def unlike_activity(self, info: Info, input: ActivityInput) -> UnlikeActivityResult:
        context = info.context
        activity = await service.unlike(
            context.session, context.actor(), require_id(input.activity_id), now=context.now()
        )
        return ActivityPayload(activity=Activity.from_model(activity))

    @mutation(
        permission_classes=authenticated(),
        rate_limits=[COMMENT_PER_USER],
        description="Прокомментировать событие ленты.",
    )
    async def comment_on_activity(
        self, info: Info, input: CommentOnActivityInput
    ) -> CommentOnActivityResult:
        context = info.context
        comment = await service.comment(
            context.session,
            context.actor(),
            require_id(input.activity_id),
            input.text,
            now=context.now(),
        )
        return CommentOnActivityPayload(comment=ActivityComment.from_model(comment))

    @mutation(
        permission_classes=authenticated(),
        description="Удалить комментарий (автор или модератор).",
    )
    async def delete_comment(self, info: Info, input: DeleteCommentInput) -> DeleteCommentResult:
        context = info.context
        comment_id = require_id(input.comment_id)
        await service.delete_comment(
            context.session, context.actor(), comment_id, now=context.now()
        )
        return DeleteCommentPayload(comment_id=to_id(comment_id))
