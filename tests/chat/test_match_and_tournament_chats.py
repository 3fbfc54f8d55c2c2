"""The ``chat`` worker opens a tournament's chat for its organizer, judges and approved players,
a match's chat for both rosters (and keeps it in step with them until the game), and closes
both some time after the game; redelivered events change nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.chat.handlers import WORKER, close_due_chats
from app.chat.models import Chat, ChatKind, ChatMember
from app.container import Container
from app.db import Database
from app.events.envelope import Envelope
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.matches.events import MatchScheduled
from app.matches.models import MatchStatus
from app.sports.models import Sport
from app.teams.events import TeamMemberJoined, TeamMemberLeft
from app.teams.models import Team, TeamMember
from app.tournaments.models import TournamentEntry
from app.users.models import User
from tests.factories import add_member, create_match, create_team, create_user
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


async def test_the_chats_of_matches_ahead_follow_the_rosters_and_played_ones_keep_theirs(
    session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    ahead = await create_match(session)
    home = await session.get_one(Team, ahead.home_team_id)
    away = await session.get_one(Team, ahead.away_team_id)
    played = await create_match(session, home=home, away=away, status=MatchStatus.CONFIRMED)
    chat = EventProcessor(
        WORKER, database, container.settings.events, clock=clock, services=container
    )
    for match in (ahead, played):
        scheduled = MatchScheduled(
            match_id=match.id,
            sport_id=match.sport_id,
            home_team_id=home.id,
            away_team_id=away.id,
            playground_id=None,
            tournament_id=None,
            scheduled_at=match.scheduled_at,
            challenge_id=None,
        )
        await chat.process(Envelope.wrap(scheduled, actor_id=None))
    before = await match_chat_members(session)
    newcomer = await add_member(session, team=away)
    leaver = await add_member(session, team=home)
    await chat.process(Envelope.wrap(joined(away.id, newcomer.id), actor_id=None))
    await chat.process(Envelope.wrap(joined(home.id, leaver.id), actor_id=None))
    with_both = await match_chat_members(session)
    await session.execute(delete(TeamMember).where(TeamMember.user_id == leaver.id))
    left = TeamMemberLeft(team_id=home.id, user_id=leaver.id, reason="LEFT")
    await chat.process(Envelope.wrap(left, actor_id=leaver.id))

    after = await match_chat_members(session)
    assert newcomer.id not in before[ahead.id]
    assert {newcomer.id, leaver.id} <= with_both[ahead.id]
    assert newcomer.id in after[ahead.id]
    assert leaver.id not in after[ahead.id]
    assert after[played.id] == before[played.id]


def joined(team_id: uuid.UUID, user_id: uuid.UUID) -> TeamMemberJoined:
    return TeamMemberJoined(team_id=team_id, user_id=user_id, role="PLAYER", via="INVITATION")


async def match_chat_members(session: AsyncSession) -> dict[uuid.UUID, set[uuid.UUID]]:
    await session.flush()
    found = await chats_of(session, ChatKind.MATCH)
    return {chat.subject_id: people for chat, people in found}


async def chats_of(session: AsyncSession, kind: ChatKind) -> list[tuple[Chat, set[uuid.UUID]]]:
    session.expunge_all()
    found = []
    for chat in (await session.scalars(select(Chat).where(Chat.kind == kind))).all():
        stmt = select(ChatMember.user_id).where(ChatMember.chat_id == chat.id)
        found.append((chat, set((await session.scalars(stmt)).all())))
    return found
