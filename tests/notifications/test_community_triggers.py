"""Lobby and personal challenge events: who hears what."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.notifications.catalogue import Channel
from tests.challenges.helpers import create_duel
from tests.factories import create_user
from tests.fixtures.app import GQL, TestClock
from tests.lobbies.helpers import create_lobby
from tests.notifications.notices import after, mutation


async def test_the_last_player_fills_the_lobby_for_everyone(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    lobby = await create_lobby(session, now=clock.now(), players_needed=2)
    player = await create_user(session, name="Лёша Иванов")

    found = await after(
        gql, database, session, clock, mutation("joinLobby"), {"lobbyId": str(lobby.id)}, player
    )

    when = lobby.starts_at.strftime("%d.%m %H:%M UTC")
    link = f"/lfg/{lobby.id}"
    assert sorted((n["to"], n["type"], n["body"], n["link"]) for n in found) == sorted(
        [
            (
                lobby.creator_id,
                "LOBBY_JOINED",
                f"Лёша Иванов присоединился к игре {when}: 2 из 2.",
                link,
            ),
            (lobby.creator_id, "LOBBY_FULL", f"Все 2 игроков на месте, ждём вас {when}.", link),
            (player.id, "LOBBY_FULL", f"Все 2 игроков на месте, ждём вас {when}.", link),
        ]
    )
    assert {tuple(n["channels"]) for n in found} == {()}, "push only, and nobody subscribed"


async def test_a_cancelled_lobby_tells_the_others(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    creator = await create_user(session, name="Капитан Смирнов")
    lobby = await create_lobby(session, now=clock.now(), creator=creator, members=1)

    found = await after(
        gql, database, session, clock, mutation("cancelLobby"), {"lobbyId": str(lobby.id)}, creator
    )

    assert [(n["type"], n["title"]) for n in found] == [("LOBBY_CANCELLED", "Лобби отменено")]
    assert found[0]["to"] != creator.id


HELD = "Ставки обеих сторон заблокированы до итога."


async def test_a_challenge_is_announced_accepted_and_settled(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    duel = await create_duel(session, wager=100)
    ids = {"challengeId": str(duel.challenge.id)}

    await after(gql, database, session, clock, mutation("acceptChallenge"), ids, duel.opponent)
    await after(
        gql,
        database,
        session,
        clock,
        mutation("reportChallengeOutcome"),
        {**ids, "result": "WIN"},
        duel.creator,
    )
    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("reportChallengeOutcome"),
        {**ids, "result": "LOSS"},
        duel.opponent,
    )

    creator_name = duel.creator.display_name
    assert sorted((n["to"], n["type"], n["body"]) for n in found) == sorted(
        [
            (
                duel.creator.id,
                "PERSONAL_CHALLENGE_ACCEPTED",
                f"{duel.opponent.display_name} принял ваш вызов. {HELD}",
            ),
            (
                duel.creator.id,
                "PERSONAL_CHALLENGE_SETTLED",
                f"Победил {creator_name} и получает 200 PD.",
            ),
            (
                duel.opponent.id,
                "PERSONAL_CHALLENGE_SETTLED",
                f"Победил {creator_name} и получает 200 PD.",
            ),
        ]
    )


async def test_calling_off_an_accepted_challenge_asks_the_other_side_then_tells_the_first(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    duel = await create_duel(session, wager=100)
    ids = {"challengeId": str(duel.challenge.id)}
    await after(gql, database, session, clock, mutation("acceptChallenge"), ids, duel.opponent)

    asked = await after(
        gql, database, session, clock, mutation("cancelChallenge"), ids, duel.creator
    )
    agreed = await after(
        gql, database, session, clock, mutation("cancelChallenge"), ids, duel.opponent
    )

    assert [(n["to"], n["type"], n["title"], n["body"]) for n in asked[1:]] == [
        (
            duel.opponent.id,
            "PERSONAL_CHALLENGE_CANCELLATION",
            "Соперник предлагает отменить вызов",
            f"{duel.creator.display_name} предлагает отменить вызов. "
            "Если вы согласны, отмените его тоже: ставки вернутся обоим.",
        )
    ]
    assert [(n["to"], n["type"], n["title"], n["body"]) for n in agreed[2:]] == [
        (
            duel.creator.id,
            "PERSONAL_CHALLENGE_CANCELLATION",
            "Вызов отменён",
            f"{duel.opponent.display_name} отменяет вызов. Ставки возвращены.",
        )
    ]


async def test_the_opponent_hears_of_a_new_challenge(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    creator = await create_user(session, name="Дима Петров")
    opponent = await create_user(session)
    duel = await create_duel(session)
    values = {
        "opponentId": str(opponent.id),
        "sportId": str(duel.challenge.sport_id),
        "title": "Кто больше подтянется",
        "wager": 30,
    }

    found = await after(gql, database, session, clock, mutation("createChallenge"), values, creator)

    assert found == [
        {
            "to": opponent.id,
            "type": "PERSONAL_CHALLENGE_RECEIVED",
            "title": "Вам бросили вызов",
            "body": "Дима Петров: «Кто больше подтянется». Ставка: 30 PD.",
            "link": found[0]["link"],
            "in_app": True,
            "channels": [Channel.EMAIL],
        }
    ]
