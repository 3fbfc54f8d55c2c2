from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Annotated, Optional

import strawberry
from strawberry.utils.await_maybe import AwaitableOrValue

from app.chat import models
from app.chat.loaders import LISTED_MEMBERS
from app.chat.models import ChatKind
from app.errors import BadRequestError
from app.graphql.context import Info
from app.graphql.ids import to_id
from app.graphql.loading import known, known_if_any, selects
from app.teams.models import Team as TeamModel
from app.teams.types import Team
from app.users.prefetch import prefetch_users
from app.users.types import User

strawberry.enum(ChatKind, name="ChatKind", description="Вид чата.")


def _senders(messages: Iterable[models.ChatMessage]) -> list[uuid.UUID]:
    return list({m.sender_id for m in messages if m.sender_id is not None})


async def _user(info: Info, user_id: uuid.UUID) -> User:
    user = await info.context.loaders.user_by_id.load(user_id)
    if user is None:
        raise RuntimeError(f"dangling user reference {user_id}")
    return User.from_model(user)


@strawberry.type(description="Участник чата.")
class ChatMember:
    joined_at: datetime
    model: strawberry.Private[models.ChatMember]

    @classmethod
    def from_model(cls, member: models.ChatMember) -> ChatMember:
        return cls(joined_at=member.joined_at, model=member)

    @strawberry.field
    async def user(self, info: Info) -> User:
        return await _user(info, self.model.user_id)


@strawberry.type(description="Сообщение чата; у удалённого нет текста.")
class ChatMessage:
    id: strawberry.ID
    chat_id: strawberry.ID
    text: str | None = strawberry.field(description="null, если сообщение удалено.")
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    model: strawberry.Private[models.ChatMessage]

    @classmethod
    def from_model(cls, message: models.ChatMessage) -> ChatMessage:
        return cls(
            id=to_id(message.id),
            chat_id=to_id(message.chat_id),
            text=message.text,
            created_at=message.created_at,
            edited_at=message.edited_at,
            deleted_at=message.deleted_at,
            model=message,
        )

    @staticmethod
    async def prefetch(info: Info, messages: Sequence[models.ChatMessage], *, under: str) -> None:
        """Load the authors and replied-to messages that the selection at ``under`` asks for,
        one batch each, before the messages are built."""
        loaders = info.context.loaders
        authored: dict[str, list[models.ChatMessage]] = {}
        if selects(info, f"{under}.author"):
            authored[f"{under}.author"] = list(messages)
        if selects(info, f"{under}.replyTo"):
            keys = [(m.chat_id, m.reply_to_seq) for m in messages if m.reply_to_seq is not None]
            replies = [r for r in await loaders.chat_message_by_number.load_many(keys) if r]
            if selects(info, f"{under}.replyTo.author"):
                authored[f"{under}.replyTo.author"] = replies
        # Awaited together, so that both lists of authors make one batch of users.
        authors = (prefetch_users(info, _senders(ms), under=at) for at, ms in authored.items())
        await asyncio.gather(*authors)

    @strawberry.field(graphql_type=User | None, description="Автор; null у ответов ИИ-ассистента.")
    def author(self, info: Info) -> AwaitableOrValue[User | None]:
        sender_id = self.model.sender_id
        if sender_id is None:
            return None
        return known(info.context.loaders.user_by_id, sender_id, User.from_model)

    @strawberry.field(description="Ответ ИИ-ассистента команды (на сообщение с @ai).")
    def from_assistant(self) -> bool:
        return self.model.from_assistant

    @strawberry.field(
        graphql_type=Optional["ChatMessage"],
        description="Сообщение, на которое это отвечает (из того же чата).",
    )
    def reply_to(self, info: Info) -> AwaitableOrValue[ChatMessage | None]:
        seq = self.model.reply_to_seq
        if seq is None:
            return None
        loader = info.context.loaders.chat_message_by_number
        return known_if_any(loader, (self.model.chat_id, seq), ChatMessage.from_model)

    @strawberry.field(description="Идентификатор от клиента отправителя; виден только ему.")
    def client_message_id(self, info: Info) -> str | None:
        principal = info.context.principal
        mine = principal is not None and principal.user_id == self.model.sender_id
        return self.model.client_message_id if mine else None


MembersFirst = Annotated[
    int, strawberry.argument(description=f"Сколько участников показать (1–{LISTED_MEMBERS}).")
]


@strawberry.type(description="Чат: личный, командный, матча или турнира.")
class Chat:
    id: strawberry.ID
    kind: ChatKind
    subject_id: strawberry.ID | None = strawberry.field(
        description="Команда, матч или турнир чата; null у личного чата."
    )
    created_at: datetime
    last_activity_at: datetime = strawberry.field(
        description="Время последнего сообщения (или открытия чата)."
    )
    closed_at: datetime | None = strawberry.field(description="С этого момента только чтение.")
    model: strawberry.Private[models.Chat]

    @classmethod
    def from_model(cls, chat: models.Chat) -> Chat:
        return cls(
            id=to_id(chat.id),
            kind=chat.kind,
            subject_id=to_id(chat.subject_id) if chat.subject_id else None,
            created_at=chat.created_at,
            last_activity_at=chat.last_activity_at,
            closed_at=chat.closed_at,
            model=chat,
        )

    @strawberry.field(
        description="Название: команды, матча или турнира; у личного чата — имя собеседника."
    )
    async def title(self, info: Info) -> str | None:
        if self.model.kind is ChatKind.TEAM:
            team = await self._team(info)
            return team.name if team else self.model.title
        if self.model.kind is ChatKind.DIRECT:
            return await self._other_name(info)
        return self.model.title

    @strawberry.field(description="Команда командного чата.")
    async def team(self, info: Info) -> Team | None:
        team = await self._team(info)
        return Team.from_model(team) if team else None

    @strawberry.field
    async def last_message(self, info: Info) -> ChatMessage | None:
        if self.model.last_seq == 0:
            return None
        key = (self.model.id, self.model.last_seq)
        message = await info.context.loaders.chat_message_by_number.load(key)
        return ChatMessage.from_model(message) if message else None

    @strawberry.field(description="Непрочитанные чужие сообщения.")
    async def unread_count(self, info: Info) -> int:
        key = (self.model.id, info.context.actor().user_id)
        return (await info.context.loaders.chat_tally_by_member.load(key)).unread

    @strawberry.field(description="Участники, давние первыми.")
    async def members(self, info: Info, first: MembersFirst = 20) -> list[ChatMember]:
        if not 1 <= first <= LISTED_MEMBERS:
            raise BadRequestError(f"Параметр first должен быть от 1 до {LISTED_MEMBERS}")
        members = await info.context.loaders.chat_members_by_chat_id.load(self.model.id)
        return [ChatMember.from_model(member) for member in members[:first]]

    @strawberry.field
    async def member_count(self, info: Info) -> int:
        key = (self.model.id, info.context.actor().user_id)
        return (await info.context.loaders.chat_tally_by_member.load(key)).members

    async def _team(self, info: Info) -> TeamModel | None:
        if self.model.kind is not ChatKind.TEAM or self.model.subject_id is None:
            return None
        return await info.context.loaders.team_by_id.load(self.model.subject_id)

    async def _other_name(self, info: Info) -> str | None:
        viewer = info.context.actor().user_id
        members = await info.context.loaders.chat_members_by_chat_id.load(self.model.id)
        other = next((m.user_id for m in members if m.user_id != viewer), None)
        user = await info.context.loaders.user_by_id.load(other) if other else None
        return user.display_name if user else None
