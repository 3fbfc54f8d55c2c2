"""Tournament decisions, announcements, start and finish, and chat mentions notify the right
people. Each change goes through the API; the notifications worker handles its events
(``after``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.chat import service as chat
from app.chat.models import ChatKind
from app.container import Container
from app.db import Database
from app.sports.models import Sport
from app.teams.models import Team
from app.tournaments.models import Tournament, TournamentEntry
from app.users.models import User
from tests.factories import add_member, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.notifications.notices import after, mutation, notices
from tests.notifications.support import handle_outbox, outbox_position
from tests.tournaments.helpers import APPLICATION, create_tournament, mutate, play_round, processor


def brief(found: list[dict[str, Any]], kind: str) -> list[tuple[Any, str, str]]:
    return [(n["to"], n["title"], n["link"]) for n in found if n["type"] == kind]


async def applied(gql: GQL, t: Tournament, team: Team, captain: User) -> str:
    values = {"tournamentId": str(t.id), "teamId": str(team.id), "rosterUserIds": [str(captain.id)]}
    result = await mutate(gql, "applyToTournament", values, captain, APPLICATION)
    application_id: str = result["application"]["id"]
    return application_id


@dataclass
class Cup:
    tournament: Tournament
    organizer: User
    captains: list[User]
    clubs: list[Team]
    bench: User
    """A second member of the first club."""
    entries: list[str]
    """The three clubs' application ids, pending."""


async def cup_with_three_applicants(gql: GQL, session: AsyncSession) -> Cup:
    t = await create_tournament(session, capacity=4, name="Кубок района")
    organizer = await session.get_one(User, t.organizer_id)
    sport = await session.get_one(Sport, t.sport_id)
    captains = [await create_user(session) for _ in range(3)]
    clubs = [
        await create_team(session, captain=c, sport=sport, name=n)
        for c, n in zip(captains, ("Вымпел", "Заря", "Искра"), strict=True)
    ]
    bench = await add_member(session, team=clubs[0])
    entries = [await applied(gql, t, team, c) for c, team in zip(captains, clubs, strict=True)]
    return Cup(t, organizer, captains, clubs, bench, entries)


async def test_a_tournament_notifies_captains_of_decisions_and_participants_of_its_news(
    gql: GQL,
    database: Database,
    session: AsyncSession,
    clock: TestClock,
    container: Container,
) -> None:
    cup = await cup_with_three_applicants(gql, session)
    t, organizer, captains, clubs, bench, entries = (
        cup.tournament,
        cup.organizer,
        cup.captains,
        cup.clubs,
        cup.bench,
        cup.entries,
    )
    decide = mutation("decideTournamentApplication")
    link = f"/tournaments/{t.slug}"

    for entry, approve in zip(entries, (True, False, True), strict=True):
        found = await after(
            gql,
            database,
            session,
            clock,
            decide,
            {"applicationId": entry, "approve": approve},
            organizer,
        )
    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("postTournamentAnnouncement"),
        {"tournamentId": str(t.id), "body": "Старт в субботу в 10:00, не опаздывайте."},
        organizer,
    )
    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("startTournament"),
        {"tournamentId": str(t.id)},
        organizer,
    )

    assert brief(found, "TOURNAMENT_APPLICATION_DECIDED") == [
        (captains[0].id, "Заявка на турнир «Кубок района» одобрена", link),
        (captains[1].id, "Заявка на турнир «Кубок района» отклонена", link),
        (captains[2].id, "Заявка на турнир «Кубок района» одобрена", link),
    ]
    participants = {captains[0].id, bench.id, captains[2].id}
    announced = [n for n in found if n["type"] == "TOURNAMENT_ANNOUNCEMENT"]
    assert {n["to"] for n in announced} == participants
    assert {(n["title"], n["body"]) for n in announced} == {
        ("Объявление турнира «Кубок района»", "Старт в субботу в 10:00, не опаздывайте.")
    }
    started = brief(found, "TOURNAMENT_STARTED")
    assert sorted(started) == sorted(
        (u, "Турнир «Кубок района» начался", link) for u in participants
    )

    seeds = (
        await session.scalars(select(TournamentEntry).where(TournamentEntry.seed.is_not(None)))
    ).all()
    seed_of = {e.team_id: e.seed or 0 for e in seeds}
    by_team = {team.id: c for c, team in zip(captains, clubs, strict=True)}
    position = await outbox_position(session)
    worker = processor(database, container, clock)
    await play_round(gql, session, worker, clock, by_team, seed_of, t.id, 0)
    await handle_outbox(database, session, clock, after=position)

    finished = [n for n in await notices(session) if n["type"] == "TOURNAMENT_FINISHED"]
    champion = next(team.name for team in clubs if seed_of.get(team.id) == 1)
    assert {n["to"] for n in finished} == participants
    assert {(n["title"], n["body"]) for n in finished} == {
        ("Турнир «Кубок района» завершён", f"Победитель — «{champion}».")
    }


SEND = """
mutation($input: SendChatMessageInput!) {
  sendChatMessage(input: $input) { ... on SendChatMessagePayload { chatMessage { id } } }
}
"""


async def test_a_mention_reaches_a_member_but_not_outsiders_or_the_sender(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    sender = await create_user(session, nickname="vasya")
    friend = await create_user(session, nickname="Petya.K")
    outsider = await create_user(session, nickname="stranger")
    team = await create_team(session, captain=sender, name="Вымпел")
    room = await chat.open_chat(
        session, ChatKind.TEAM, team.id, member_ids=[sender.id, friend.id], now=clock.now()
    )
    text = "@petya.k, @stranger и @vasya: @ai, кто берёт мяч? Пиши @Petya.K. @nobody"

    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("sendChatMessage"),
        {"chatId": str(room.id), "text": text, "clientMessageId": "m-1"},
        sender,
    )

    assert [(n["to"], n["type"], n["title"], n["body"], n["link"]) for n in found] == [
        (
            friend.id,
            "CHAT_MENTION",
            f"{sender.display_name} упоминает вас в чате «Вымпел»",
            text,
            f"/chats/{room.id}",
        )
    ]
    assert outsider.id not in {n["to"] for n in found}


async def test_an_edit_notifies_only_the_members_it_adds_a_mention_of(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    sender = await create_user(session, nickname="vasya")
    petya = await create_user(session, nickname="petya")
    kolya = await create_user(session, nickname="kolya")
    team = await create_team(session, captain=sender, name="Вымпел")
    members = [sender.id, petya.id, kolya.id]
    room = await chat.open_chat(
        session, ChatKind.TEAM, team.id, member_ids=members, now=clock.now()
    )
    sent = await gql(
        SEND,
        {"input": {"chatId": str(room.id), "text": "@petya, мяч?", "clientMessageId": "m-1"}},
        as_user=sender,
    )
    message_id = sent.data["sendChatMessage"]["chatMessage"]["id"]
    edit = mutation("editChatMessage")

    first = await after(
        gql,
        database,
        session,
        clock,
        edit,
        {"messageId": message_id, "text": "@petya и @kolya, мяч?"},
        sender,
    )
    second = await after(
        gql,
        database,
        session,
        clock,
        edit,
        {"messageId": message_id, "text": "@kolya и @petya, мяч? Жду."},
        sender,
    )

    assert [(n["to"], n["type"], n["body"]) for n in first] == [
        (kolya.id, "CHAT_MENTION", "@petya и @kolya, мяч?")
    ]
    assert second == first, "the second edit mentions nobody new"


async def test_a_cancelled_tournament_tells_every_member_of_its_live_entries_why(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    cup = await cup_with_three_applicants(gql, session)
    t, captains = cup.tournament, cup.captains
    decide = mutation("decideTournamentApplication")
    for entry, approve in ((cup.entries[0], True), (cup.entries[2], False)):
        values = {"applicationId": entry, "approve": approve}
        await after(gql, database, session, clock, decide, values, cup.organizer)

    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("cancelTournament"),
        {"tournamentId": str(t.id), "reason": "Площадку закрыли на ремонт"},
        cup.organizer,
    )

    cancelled = [n for n in found if n["type"] == "TOURNAMENT_CANCELLED"]
    assert sorted(n["to"] for n in cancelled) == sorted(
        [captains[0].id, cup.bench.id, captains[1].id]
    )
    assert {(n["title"], n["body"], n["link"]) for n in cancelled} == {
        (
            "Турнир «Кубок района» отменён",
            "Причина: Площадку закрыли на ремонт",
            f"/tournaments/{t.slug}",
        )
    }
    decisions = brief(found, "TOURNAMENT_APPLICATION_DECIDED")
    assert len(decisions) == 2, "the two decisions; the cancellation is its own notice"


async def test_the_start_tells_the_captains_of_dropped_entries_why(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    t = await create_tournament(session, capacity=8, name="Кубок района", check_in_required=True)
    organizer = await session.get_one(User, t.organizer_id)
    sport = await session.get_one(Sport, t.sport_id)
    captains = [await create_user(session) for _ in range(4)]
    clubs = [await create_team(session, captain=c, sport=sport) for c in captains]
    entries = [await applied(gql, t, team, c) for c, team in zip(captains, clubs, strict=True)]
    for entry in entries[:3]:
        values = {"applicationId": entry, "approve": True}
        await mutate(gql, "decideTournamentApplication", values, organizer, APPLICATION)
    for captain, entry in zip(captains[:2], entries[:2], strict=True):
        await mutate(gql, "checkInToTournament", {"applicationId": entry}, captain, APPLICATION)
    before = len(await notices(session))

    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("startTournament"),
        {"tournamentId": str(t.id)},
        organizer,
    )

    dropped = [
        (n["to"], n["title"], n["body"])
        for n in found[before:]
        if n["type"] == "TOURNAMENT_APPLICATION_DECIDED"
    ]
    title = "Заявка на турнир «Кубок района» снята"
    assert sorted(dropped) == sorted(
        [
            (
                captains[2].id,
                title,
                f"Команда «{clubs[2].name}» не участвует. "
                "Команда не отметилась перед началом турнира",
            ),
            (
                captains[3].id,
                title,
                f"Команда «{clubs[3].name}» не участвует. "
                "Организатор не рассмотрел заявку до начала турнира",
            ),
        ]
    )
    started = {n["to"] for n in found[before:] if n["type"] == "TOURNAMENT_STARTED"}
    assert started == {captains[0].id, captains[1].id}
