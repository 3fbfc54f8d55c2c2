"""The ``chat`` worker: a team's chat is opened with the team and follows its roster.

The team's own services make the changes; the worker's processor handles the events read
from the outbox, as the consumers do, in a really committing database.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.chat.events import ChatClosed, ChatMemberJoined, ChatMemberLeft, ChatOpened
from app.chat.handlers import WORKER
from app.chat.models import Chat, ChatKind, ChatMember
from app.clock import SystemClock
from app.db import Database
from app.events import Event
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.settings import Settings
from app.teams import roster
from app.teams import service as teams
from app.teams.models import Team, TeamRole
from app.users.models import User
from app.workers import all_workers
from tests.factories import create_sport, create_user

Change = Callable[[AsyncSession], Awaitable[object]]


class Cast:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.processor = EventProcessor(WORKER, db, settings.events, clock=SystemClock())
        self.position = 0

    async def change(self, change: Change) -> None:
        async with self.db.transaction() as session:
            await change(session)

    async def deliver_new(self) -> list[Outcome]:
        """Hand the worker every team event committed since the last call."""
        async with self.db.session() as session:
            stmt = (
                select(OutboxEvent)
                .where(OutboxEvent.seq > self.position, OutboxEvent.topic == "prodvor.teams")
                .order_by(OutboxEvent.seq)
            )
            rows = list((await session.scalars(stmt)).all())
        self.position = max([self.position, *(row.seq for row in rows)])
        return [await self.processor.process(to_envelope(row)) for row in rows]

    async def team_chat(self, team_id: uuid.UUID) -> tuple[Chat, list[uuid.UUID]]:
        async with self.db.session() as session:
            chat = await session.scalar(
                select(Chat).where(Chat.kind == ChatKind.TEAM, Chat.subject_id == team_id)
            )
            assert chat is not None
            stmt = select(ChatMember.user_id).where(ChatMember.chat_id == chat.id)
            return chat, sorted((await session.scalars(stmt)).all())

    async def chat_events(self) -> list[Event]:
        async with self.db.session() as session:
            stmt = select(OutboxEvent).where(OutboxEvent.topic == "prodvor.chat")
            rows = (await session.scalars(stmt.order_by(OutboxEvent.seq))).all()
            return [to_envelope(row).event() for row in rows]


def principal(user: User) -> Principal:
    return Principal(user_id=user.id, subject=user.subject, roles=frozenset())


async def people(db: Database, count: int) -> list[User]:
    async with db.transaction() as session:
        return [await create_user(session) for _ in range(count)]


async def new_team(cast: Cast, captain: User) -> Team:
    async with cast.db.transaction() as session:
        sport = await create_sport(session)
        return await teams.create_team(
            session,
            principal(captain),
            {
                "name": "Вымпел",
                "sport_id": sport.id,
                "city": "Москва",
                "motto": None,
                "description": None,
                "logo_url": None,
            },
            now=SystemClock().now(),
            max_captained=5,
        )


async def join(cast: Cast, team: Team, user: User, captain: User) -> None:
    async def change(session: AsyncSession) -> None:
        locked = await teams.lock_active_team(session, team.id)
        await roster.join(
            session,
            locked,
            user.id,
            TeamRole.PLAYER,
            via="INVITATION",
            actor_id=captain.id,
            now=SystemClock().now(),
        )

    await cast.change(change)


def test_the_chat_worker_is_registered() -> None:
    assert all_workers()["chat"] is WORKER


async def test_the_team_chat_follows_the_roster(
    committed_database: Database, settings: Settings
) -> None:
    cast = Cast(committed_database, settings)
    captain, player, other = await people(committed_database, 3)
    team = await new_team(cast, captain)
    now = SystemClock().now

    assert await cast.deliver_new() == [Outcome.HANDLED]
    chat, members = await cast.team_chat(team.id)
    assert members == [captain.id]

    await join(cast, team, player, captain)
    await join(cast, team, other, captain)
    await cast.deliver_new()
    assert (await cast.team_chat(team.id))[1] == sorted([captain.id, player.id, other.id])

    await cast.change(
        lambda s: roster.remove_member(s, principal(captain), team.id, other.id, now=now())
    )
    await cast.change(
        lambda s: roster.transfer_captaincy(
            s, principal(captain), team.id, player.id, now=now(), max_captained=5
        )
    )
    await cast.deliver_new()
    assert (await cast.team_chat(team.id))[1] == sorted([captain.id, player.id])

    await cast.change(lambda s: teams.disband_team(s, principal(player), team.id, now=now()))
    await cast.deliver_new()
    closed, members = await cast.team_chat(team.id)
    assert closed.closed_at is not None
    assert members == sorted([captain.id, player.id]), "the last roster keeps the history"
    assert await cast.chat_events() == [
        ChatOpened(chat_id=chat.id, member_ids=[captain.id], kind="TEAM", subject_id=team.id),
        *[
            ChatMemberJoined(chat_id=chat.id, user_id=joined)
            for joined in sorted([player.id, other.id])  # both on the roster by the first event
        ],
        ChatMemberLeft(chat_id=chat.id, user_id=other.id),
        ChatClosed(chat_id=chat.id, member_ids=sorted([captain.id, player.id])),
    ]


async def test_redelivered_team_events_change_nothing(
    committed_database: Database, settings: Settings
) -> None:
    cast = Cast(committed_database, settings)
    captain, player = await people(committed_database, 2)
    team = await new_team(cast, captain)
    await join(cast, team, player, captain)
    await cast.deliver_new()
    before = await state(cast, team)

    cast.position = 0
    outcomes = await cast.deliver_new()

    assert outcomes == [Outcome.DUPLICATE, Outcome.DUPLICATE]
    assert await state(cast, team) == before


async def test_a_team_older_than_its_chat_gets_one_at_its_next_change(
    committed_database: Database, settings: Settings
) -> None:
    cast = Cast(committed_database, settings)
    captain, player = await people(committed_database, 2)
    team = await new_team(cast, captain)
    cast.position = await _newest_outbox_seq(committed_database)  # team.created never handled

    await join(cast, team, player, captain)
    await cast.deliver_new()

    _, members = await cast.team_chat(team.id)
    assert members == sorted([captain.id, player.id])


async def state(cast: Cast, team: Team) -> object:
    chat, members = await cast.team_chat(team.id)
    return chat.id, chat.last_seq, chat.closed_at, members, await cast.chat_events()


async def _newest_outbox_seq(db: Database) -> int:
    async with db.session() as session:
        stmt = select(OutboxEvent.seq).order_by(OutboxEvent.seq.desc()).limit(1)
        return int(await session.scalar(stmt) or 0)
