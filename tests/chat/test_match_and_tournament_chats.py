"""The ``chat`` worker opens a tournament's chat for its organizer, judges and approved players,
a match's chat for both rosters, and closes both some time after the game; redelivered events
change nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.chat.handlers import WORKER, close_due_chats
from app.chat.models import Chat, ChatKind, ChatMember
from app.container import Container
from app.db import Database
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.sports.models import Sport
from app.tournaments.models import TournamentEntry
from app.users.models import User
from tests.factories import add_member, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.tournaments.helpers import (
    APPLICATION,
    create_tournament,
    mutate,
    play_round,
    processor,
)


async def deliver(session: AsyncSession, chat: EventProcessor, after: int = 0) -> list[Outcome]:
    await session.flush()
    rows = (
        await session.scalars(
            select(OutboxEvent).where(OutboxEvent.seq > after).order_by(OutboxEvent.seq)
        )
    ).all()
    return [await chat.process(to_envelope(row)) for row in rows]


async def chats(session: AsyncSession) -> dict[ChatKind, tuple[Chat, set[uuid.UUID]]]:
    session.expunge_all()
    found = {}
    for chat in (await session.scalars(select(Chat))).all():
        stmt = select(ChatMember.user_id).where(ChatMember.chat_id == chat.id)
        found[chat.kind] = (chat, set((await session.scalars(stmt)).all()))
    return found


async def test_tournament_and_match_chats_open_with_their_people_and_close_a_day_after(
    gql: GQL, session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    t = await create_tournament(session, capacity=4)
    organizer = await session.get_one(User, t.organizer_id)
    sport = await session.get_one(Sport, t.sport_id)
    captains, benches = [], []
    for _ in range(2):
        captain = await create_user(session)
        team = await create_team(session, captain=captain, sport=sport)
        benches.append(await add_member(session, team=team))
        captains.append(captain)
        values = {
            "tournamentId": str(t.id),
            "teamId": str(team.id),
            "rosterUserIds": [str(captain.id)],
        }
        applied = await mutate(gql, "applyToTournament", values, captain, APPLICATION)
        decision = {"applicationId": applied["application"]["id"], "approve": True}
        await mutate(gql, "decideTournamentApplication", decision, organizer, APPLICATION)
    await mutate(gql, "startTournament", {"tournamentId": str(t.id)}, organizer)
    chat = EventProcessor(
        WORKER, database, container.settings.events, clock=clock, services=container
    )

    first = await deliver(session, chat)

    assert Outcome.HANDLED in first
    opened = await chats(session)
    tournament_chat, tournament_people = opened[ChatKind.TOURNAMENT]
    match_chat, match_people = opened[ChatKind.MATCH]
    assert (tournament_chat.subject_id, tournament_chat.title) == (t.id, "Кубок двора")
    assert tournament_people == {organizer.id, *(c.id for c in captains)}
    assert " — " in (match_chat.title or "")
    assert match_people == {*(c.id for c in captains), *(b.id for b in benches)}
    assert set(await deliver(session, chat)) <= {Outcome.DUPLICATE, Outcome.IGNORED}
    again = await chats(session)
    assert {k: (c.id, c.last_seq, people) for k, (c, people) in again.items()} == {
        k: (c.id, c.last_seq, people) for k, (c, people) in opened.items()
    }

    entries = (await session.scalars(select(TournamentEntry))).all()
    seed_of = {e.team_id: e.seed or 0 for e in entries}
    by_team = {e.team_id: c for e in entries for c in captains if c.id == e.applied_by_id}
    last = max((await session.scalars(select(OutboxEvent.seq))).all())
    worker = processor(database, container, clock)
    await play_round(gql, session, worker, clock, by_team, seed_of, t.id, 0)
    await deliver(session, chat, after=last)
    finished_at = clock.now()

    after_game = await chats(session)
    day = timedelta(hours=container.settings.chat.close_after_hours)
    assert {kind: (c.closes_at, c.closed_at) for kind, (c, _) in after_game.items()} == {
        ChatKind.TOURNAMENT: (finished_at + day, None),
        ChatKind.MATCH: (finished_at + day, None),
    }
    assert (
        await close_due_chats(database, now=finished_at + day - timedelta(seconds=1), batch=1) == 0
    )
    assert await close_due_chats(database, now=finished_at + day, batch=1) == 2
    closed = await chats(session)
    assert {kind: c.closed_at for kind, (c, _) in closed.items()} == {
        ChatKind.TOURNAMENT: finished_at + day,
        ChatKind.MATCH: finished_at + day,
    }
    assert await close_due_chats(database, now=finished_at + 2 * day, batch=1) == 0
