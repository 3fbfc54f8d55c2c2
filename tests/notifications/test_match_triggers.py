"""Which match events notify whom: challenges (and their withdrawal), scheduling, results,
disputes, cancellations.

Each test makes the change through the API, then hands the resulting outbox events to the
notifications worker's handlers, as its consumer would (``after``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.db import Database
from app.matches.fixtures import schedule_tournament_match
from app.matches.models import MatchReport, MatchStatus
from app.notifications.catalogue import Channel
from app.notifications.triggers.matches import when
from tests.factories import create_user, set_lineup
from tests.fixtures.app import GQL, TestClock
from tests.matches.helpers import Fixture, outbox, two_teams
from tests.notifications.notices import after, mutation, notices
from tests.notifications.support import handle_outbox, outbox_position
from tests.tournaments.helpers import create_tournament

LINK = "/matches/{}"


def brief(found: list[dict[str, Any]]) -> list[tuple[Any, str, str]]:
    return [(n["to"], n["type"], n["title"]) for n in found]


def test_times_are_written_in_moscow_time() -> None:
    assert when(datetime(2026, 11, 28, 15, 0, tzinfo=UTC)) == "28.11 в 18:00 (МСК)"


async def test_a_challenge_and_its_answers_reach_the_captain_who_acts_next(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    first, second = clock.now() + timedelta(days=1), clock.now() + timedelta(days=2)
    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("challengeTeam"),
        {
            "fromTeamId": str(f.home.id),
            "toTeamId": str(f.away.id),
            "proposedAt": first.isoformat(),
            "playgroundId": str(f.playground.id),
            "message": "Сыграем?",
        },
        f.home_captain,
    )
    [challenge_id] = await _ids(session, "match.challenge_sent", "challenge_id")
    proposed = await after(
        gql,
        database,
        session,
        clock,
        mutation("respondToChallenge"),
        {"challengeId": challenge_id, "answer": "PROPOSE_TIME", "newTime": second.isoformat()},
        f.away_captain,
    )
    accepted = await after(
        gql,
        database,
        session,
        clock,
        mutation("respondToChallenge"),
        {"challengeId": challenge_id, "answer": "ACCEPT"},
        f.home_captain,
    )

    assert found == [
        {
            "to": f.away_captain.id,
            "type": "MATCH_CHALLENGE_RECEIVED",
            "title": "«Хозяева» вызывает вас на матч",
            "body": f"«Хозяева» предлагает сыграть с «Гости» {when(first)}. "
            "Примите вызов, отклоните его или предложите другое время.",
            "link": f"/teams/{f.away.slug}/manage",
            "in_app": True,
            "channels": [Channel.EMAIL],
        }
    ]
    assert proposed[1:] == [
        {
            "to": f.home_captain.id,
            "type": "MATCH_CHALLENGE_ANSWERED",
            "title": "«Гости» предлагает другое время",
            "body": f"«Гости» предлагает сыграть {when(second)}. "
            "Примите, отклоните или предложите своё время.",
            "link": f"/teams/{f.home.slug}/manage",
            "in_app": True,
            "channels": [Channel.EMAIL],
        }
    ]
    [match_id] = await _ids(session, "match.scheduled", "match_id")
    assert sorted((n["to"], n["type"], n["title"], n["body"]) for n in accepted[2:]) == sorted(
        [
            (
                f.away_captain.id,
                "MATCH_CHALLENGE_ANSWERED",
                "«Хозяева» принимает вызов",
                f"Матч с «Хозяева» назначен на {when(second)}.",
            ),
            *(
                (
                    player.id,
                    "MATCH_SCHEDULED",
                    "Матч «Хозяева» — «Гости» назначен",
                    f"Матч «Хозяева» — «Гости» пройдёт {when(second)}.",
                )
                for player in (f.home_player, f.away_player)
            ),
        ]
    )
    assert {n["link"] for n in accepted[2:]} == {LINK.format(match_id)}


async def test_a_withdrawn_challenge_reaches_the_challenged_captain(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    at = clock.now() + timedelta(days=1)
    values = {
        "fromTeamId": str(f.home.id),
        "toTeamId": str(f.away.id),
        "proposedAt": at.isoformat(),
        "playgroundId": str(f.playground.id),
    }
    await after(gql, database, session, clock, mutation("challengeTeam"), values, f.home_captain)
    [challenge_id] = await _ids(session, "match.challenge_sent", "challenge_id")

    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("withdrawMatchChallenge"),
        {"challengeId": challenge_id},
        f.home_captain,
    )

    assert found[1:] == [
        {
            "to": f.away_captain.id,
            "type": "MATCH_CHALLENGE_RECEIVED",
            "title": "«Хозяева» отзывает вызов",
            "body": f"Матча «Хозяева» — «Гости» {when(at)} не будет: вызов отозван.",
            "link": f"/teams/{f.away.slug}/manage",
            "in_app": True,
            "channels": [Channel.EMAIL],
        }
    ]


async def test_a_report_asks_the_other_captain_and_agreement_tells_everyone_who_played(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    match = await f.match(session, MatchStatus.LIVE)
    guest = await create_user(session, name="Легионер")
    await set_lineup(session, match=match, team=f.home, players=[f.home_captain, guest])
    report = mutation("reportMatchResult")
    m = {"matchId": str(match.id)}

    start = clock.now()
    reported = await after(
        gql, database, session, clock, report, {**m, "ourScore": 3, "theirScore": 1}, f.home_captain
    )
    confirmed = await after(
        gql, database, session, clock, report, {**m, "ourScore": 1, "theirScore": 3}, f.away_captain
    )

    deadline = start + timedelta(hours=48)
    assert reported == [
        {
            "to": f.away_captain.id,
            "type": "MATCH_RESULT_REPORTED",
            "title": "Подтвердите счёт матча",
            "body": "«Хозяева» сообщает счёт 3:1 (хозяева — гости). "
            f"Подтвердите его или оспорьте до {when(deadline)}, иначе он будет засчитан.",
            "link": LINK.format(match.id),
            "in_app": True,
            "channels": [Channel.EMAIL],
        }
    ]
    title = "Результат матча «Хозяева» — «Гости» подтверждён"
    assert sorted(brief(confirmed[1:])) == sorted(
        (user.id, "MATCH_RESULT_CONFIRMED", title)
        for user in (f.home_captain, f.home_player, f.away_captain, f.away_player, guest)
    )
    assert {n["body"] for n in confirmed[1:]} == {
        "Матч «Хозяева» — «Гости»: итоговый счёт 3:1. Победа «Хозяева»."
    }
    assert {tuple(n["channels"]) for n in confirmed[1:]} == {(Channel.EMAIL,)}


async def test_a_dispute_goes_to_the_captains_and_its_resolution_to_both_teams(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    match = await f.match(session, MatchStatus.AWAITING_CONFIRMATION)
    await _reported(session, f, match.id, clock)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    m = {"matchId": str(match.id)}

    disputed = await after(
        gql,
        database,
        session,
        clock,
        mutation("disputeMatchResult"),
        {**m, "reason": "Второй гол был из офсайда", "evidenceUrls": []},
        f.away_captain,
    )
    resolved = await after(
        gql,
        database,
        session,
        clock,
        mutation("resolveMatchDispute"),
        {**m, "homeScore": 1, "awayScore": 1, "resolution": "Гол отменён"},
        moderator,
    )

    assert brief(disputed) == [
        (f.home_captain.id, "MATCH_DISPUTED", "Спор по матчу «Хозяева» — «Гости»")
    ]
    assert disputed[0]["body"] == (
        "Результат оспорен: Второй гол был из офсайда. Спор решит судья или модератор."
    )
    assert sorted(brief(resolved[1:])) == sorted(
        (user.id, "MATCH_DISPUTE_RESOLVED", "Спор по матчу «Хозяева» — «Гости» решён")
        for user in (f.home_captain, f.home_player, f.away_captain, f.away_player)
    )
    assert {n["body"] for n in resolved[1:]} == {
        "Матч «Хозяева» — «Гости»: итоговый счёт 1:1. Ничья."
    }


async def test_different_reports_tell_both_captains(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    match = await f.match(session, MatchStatus.AWAITING_CONFIRMATION)
    await _reported(session, f, match.id, clock)

    found = await after(
        gql,
        database,
        session,
        clock,
        mutation("reportMatchResult"),
        {"matchId": str(match.id), "ourScore": 2, "theirScore": 2},
        f.away_captain,
    )

    assert sorted(brief(found)) == sorted(
        (captain.id, "MATCH_DISPUTED", "Спор по матчу «Хозяева» — «Гости»")
        for captain in (f.home_captain, f.away_captain)
    )
    assert {n["body"] for n in found} == {
        "Команды сообщили разный счёт. Результат определит судья или модератор."
    }


async def test_a_technical_result_and_a_cancellation(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    no_show = await f.match(session)
    called_off = await f.match(session, scheduled_at=clock.now() + timedelta(days=3))
    moderator = await create_user(session, roles=[Role.MODERATOR])

    technical = await after(
        gql,
        database,
        session,
        clock,
        mutation("awardTechnicalResult"),
        {"matchId": str(no_show.id), "winnerTeamId": str(f.away.id), "reason": "Неявка хозяев"},
        moderator,
    )
    cancelled = await after(
        gql,
        database,
        session,
        clock,
        mutation("cancelMatch"),
        {"matchId": str(called_off.id), "reason": "Поле занято"},
        f.home_captain,
    )

    everyone = (f.home_captain, f.home_player, f.away_captain, f.away_player)
    assert sorted(brief(technical)) == sorted(
        (user.id, "MATCH_TECHNICAL_RESULT", "Технический результат матча «Хозяева» — «Гости»")
        for user in everyone
    )
    assert {n["body"] for n in technical} == {
        "Матч «Хозяева» — «Гости»: итоговый счёт 0:3. Победа «Гости»."
    }
    assert sorted(brief(cancelled[4:])) == sorted(
        (user.id, "MATCH_CANCELLED", "Матч «Хозяева» — «Гости» отменён")
        for user in everyone
        if user != f.home_captain
    )
    assert {n["body"] for n in cancelled[4:]} == {"Причина: Поле занято"}
    assert {n["link"] for n in cancelled[4:]} == {LINK.format(called_off.id)}


async def _reported(session: AsyncSession, f: Fixture, match_id: Any, clock: TestClock) -> None:
    session.add(
        MatchReport(
            match_id=match_id,
            team_id=f.home.id,
            home_score=2,
            away_score=0,
            reported_by_id=f.home_captain.id,
            reported_at=clock.now(),
        )
    )
    await session.flush()


async def _ids(session: AsyncSession, event_type: str, key: str) -> list[str]:
    return [str(event.payload[key]) for event in await outbox(session, event_type)]


async def test_a_tournament_fixture_is_announced_to_both_teams(
    database: Database, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    tournament = await create_tournament(session, sport=f.sport)
    position = await outbox_position(session)
    at = clock.now() + timedelta(days=2)
    match = await schedule_tournament_match(
        session,
        tournament_id=tournament.id,
        sport_id=f.sport.id,
        home_team_id=f.home.id,
        away_team_id=f.away.id,
        scheduled_at=at,
        playground_id=None,
        scheduled_by=None,
        now=clock.now(),
    )
    await session.flush()

    await handle_outbox(database, session, clock, after=position)

    found = await notices(session)
    assert sorted(brief(found)) == sorted(
        (user.id, "MATCH_SCHEDULED", "Матч «Хозяева» — «Гости» назначен")
        for user in (f.home_captain, f.home_player, f.away_captain, f.away_player)
    )
    assert {(n["body"], n["link"]) for n in found} == {
        (f"Матч «Хозяева» — «Гости» пройдёт {when(at)}.", LINK.format(match.id))
    }


async def test_a_redelivered_result_notifies_nobody_twice(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    match = await f.match(session, MatchStatus.AWAITING_CONFIRMATION)
    await _reported(session, f, match.id, clock)
    position = await outbox_position(session)
    first = await after(
        gql,
        database,
        session,
        clock,
        mutation("reportMatchResult"),
        {"matchId": str(match.id), "ourScore": 0, "theirScore": 2},
        f.away_captain,
    )

    outcomes = await handle_outbox(database, session, clock, after=position)

    assert "duplicate" in outcomes
    assert "handled" not in outcomes
    assert await notices(session) == first
    assert len(first) == 4
