"""Every state transition of a match, and the forbidden ones, which leave nothing behind."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.matches import scoring
from app.matches.models import LineupPlayer, Match, MatchReport, MatchStatus
from app.teams.models import TeamRole
from app.tournaments.models import TournamentJudge
from tests.factories import add_member, create_user, set_lineup
from tests.fixtures.app import GQL, TestClock
from tests.matches.helpers import Fixture, call, outbox, snapshot, two_teams
from tests.tournaments.helpers import create_tournament


async def test_a_match_from_start_to_agreed_confirmation(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    match = await f.match(session, scheduled_at=clock.now() + timedelta(minutes=30))
    coach = await add_member(session, team=f.home, role=TeamRole.COACH)
    m = {"matchId": str(match.id)}

    started = await call(gql, "startMatch", m, f.home_captain)
    goal = await call(
        gql,
        "recordMatchEvent",
        {
            **m,
            "type": "GOAL",
            "minute": 12,
            "teamId": str(f.away.id),
            "playerId": str(f.away_player.id),
            "relatedPlayerId": str(f.away_captain.id),
        },
        f.away_captain,
        "event { number type minute player { id } relatedPlayer { id } } "
        "match { liveScore { home away } }",
    )
    reported = await call(
        gql, "reportMatchResult", {**m, "ourScore": 0, "theirScore": 1}, f.home_captain
    )
    confirmed = await call(
        gql, "reportMatchResult", {**m, "ourScore": 1, "theirScore": 0}, f.away_captain
    )

    assert started["match"]["status"] == "LIVE"
    assert goal["event"] == {
        "number": 1,
        "type": "GOAL",
        "minute": 12,
        "player": {"id": str(f.away_player.id)},
        "relatedPlayer": {"id": str(f.away_captain.id)},
    }
    assert goal["match"]["liveScore"] == {"home": 0, "away": 1}
    assert reported["match"]["status"] == "AWAITING_CONFIRMATION"
    assert confirmed["match"] == {
        "id": str(match.id),
        "status": "CONFIRMED",
        "score": {"home": 0, "away": 1},
        "resultKind": "AGREED",
    }
    lineup = {(p.team_id, p.user_id) for p in (await session.scalars(select(LineupPlayer))).all()}
    assert lineup == {
        (f.home.id, f.home_captain.id),
        (f.home.id, f.home_player.id),
        (f.away.id, f.away_captain.id),
        (f.away.id, f.away_player.id),
    }, "roster players by default, not the coach"
    assert coach.id not in {user for _, user in lineup}
    [event] = await outbox(session, "match.confirmed")
    assert event.payload["winner_team_id"] == str(f.away.id)
    assert event.payload["home_player_ids"] == [str(f.home_captain.id), str(f.home_player.id)]
    assert event.payload["technical"] is False


async def test_different_reports_dispute_and_a_moderator_resolves(
    gql: GQL, session: AsyncSession
) -> None:
    f = await two_teams(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    match = await f.match(session, MatchStatus.LIVE)
    m = {"matchId": str(match.id)}

    await call(gql, "reportMatchResult", {**m, "ourScore": 2, "theirScore": 1}, f.home_captain)
    disputed = await call(
        gql, "reportMatchResult", {**m, "ourScore": 2, "theirScore": 1}, f.away_captain
    )
    resolved = await call(
        gql,
        "resolveMatchDispute",
        {**m, "homeScore": 2, "awayScore": 2, "resolution": "По видеозаписи счёт равный, ничья."},
        moderator,
        "match { status score { home away } winner { id } "
        "dispute { reason resolution resolvedBy { id } } }",
    )

    assert disputed["match"]["status"] == "DISPUTED"
    assert resolved["match"] == {
        "status": "CONFIRMED",
        "score": {"home": 2, "away": 2},
        "winner": None,
        "dispute": {
            "reason": scoring.REPORTS_DIFFER,
            "resolution": "По видеозаписи счёт равный, ничья.",
            "resolvedBy": {"id": str(moderator.id)},
        },
    }


async def test_an_explicit_dispute_and_a_tournament_judge(gql: GQL, session: AsyncSession) -> None:
    f = await two_teams(session)
    judge = await create_user(session, roles=[Role.JUDGE])
    tournament = await create_tournament(session, sport=f.sport)
    session.add(
        TournamentJudge(
            tournament_id=tournament.id,
            user_id=judge.id,
            assigned_by_id=tournament.organizer_id,
            assigned_at=tournament.created_at,
        )
    )
    match = await f.match(session, MatchStatus.LIVE, tournament_id=tournament.id)
    m = {"matchId": str(match.id)}
    await call(gql, "reportMatchResult", {**m, "ourScore": 3, "theirScore": 0}, f.home_captain)
    disputed = await call(
        gql,
        "disputeMatchResult",
        {
            **m,
            "reason": "Соперник не явился в полном составе",
            "evidenceUrls": ["https://example.org/v.mp4"],
        },
        f.away_captain,
        "match { status dispute { reason evidenceUrls openedBy { id } } judges { id } }",
    )
    resolved = await call(
        gql,
        "resolveMatchDispute",
        {**m, "homeScore": 3, "awayScore": 1, "resolution": "Судья засчитал гол гостей."},
        judge,
    )

    assert disputed["match"] == {
        "status": "DISPUTED",
        "dispute": {
            "reason": "Соперник не явился в полном составе",
            "evidenceUrls": ["https://example.org/v.mp4"],
            "openedBy": {"id": str(f.away_captain.id)},
        },
        "judges": [{"id": str(judge.id)}],
    }
    assert resolved["match"]["resultKind"] == "RESOLVED"


async def test_technical_results_and_cancellations(gql: GQL, session: AsyncSession) -> None:
    f = await two_teams(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    no_show = await f.match(session)
    called_off = await f.match(session, scheduled_at=no_show.scheduled_at + timedelta(days=1))
    rained_off = await f.match(session, MatchStatus.LIVE)

    technical = await call(
        gql,
        "awardTechnicalResult",
        {"matchId": str(no_show.id), "winnerTeamId": str(f.away.id), "reason": "Неявка хозяев"},
        moderator,
    )
    by_captain = await call(
        gql, "cancelMatch", {"matchId": str(called_off.id), "reason": "Поле занято"}, f.away_captain
    )
    by_moderator = await call(
        gql, "cancelMatch", {"matchId": str(rained_off.id), "reason": "Гроза"}, moderator
    )

    assert technical["match"] == {
        "id": str(no_show.id),
        "status": "CONFIRMED",
        "score": {"home": 0, "away": 3},
        "resultKind": "TECHNICAL",
    }
    assert by_captain["match"]["status"] == "CANCELLED"
    assert by_moderator["match"]["status"] == "CANCELLED"
    [event] = await outbox(session, "match.confirmed")
    assert event.payload["technical"] is True


async def test_an_unanswered_report_is_confirmed_after_48_hours(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    match = await f.match(session, MatchStatus.LIVE)
    await call(
        gql,
        "reportMatchResult",
        {"matchId": str(match.id), "ourScore": 1, "theirScore": 0},
        f.home_captain,
    )

    clock.advance(timedelta(hours=47, minutes=59))
    early = await scoring.confirm_overdue(session, now=clock.now(), limit=10)
    clock.advance(timedelta(minutes=1))
    due = await scoring.confirm_overdue(session, now=clock.now(), limit=10)
    again = await scoring.confirm_overdue(session, now=clock.now(), limit=10)

    assert (early, [m.id for m in due], again) == ([], [match.id], [])
    confirmed = await session.get(Match, match.id)
    assert confirmed is not None
    assert (confirmed.status, confirmed.home_score, confirmed.away_score) == (
        MatchStatus.CONFIRMED,
        1,
        0,
    )
    assert len(await outbox(session, "match.confirmed")) == 1


Arrange = Callable[[AsyncSession, Fixture, Any], Awaitable[tuple[str, dict[str, Any], Any]]]


async def stranger_starts(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    return "startMatch", {}, await create_user(session)


async def too_early(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.scheduled_at += timedelta(days=2)
    return "startMatch", {}, f.home_captain


async def live_starts_again(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.status = MatchStatus.LIVE
    return "startMatch", {}, f.away_captain


async def player_reports(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.status = MatchStatus.LIVE
    return "reportMatchResult", {"ourScore": 1, "theirScore": 0}, f.home_player


async def reports_twice(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.status = MatchStatus.AWAITING_CONFIRMATION
    session.add(
        MatchReport(
            match_id=m.id,
            team_id=f.home.id,
            home_score=1,
            away_score=0,
            reported_by_id=f.home_captain.id,
            reported_at=m.scheduled_at,
        )
    )
    return "reportMatchResult", {"ourScore": 2, "theirScore": 0}, f.home_captain


async def reports_cancelled(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.status = MatchStatus.CANCELLED
    return "reportMatchResult", {"ourScore": 1, "theirScore": 0}, f.away_captain


async def reports_scheduled(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    return "reportMatchResult", {"ourScore": 1, "theirScore": 0}, f.away_captain


async def captain_resolves(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.status = MatchStatus.DISPUTED
    values = {"homeScore": 1, "awayScore": 0, "resolution": "Решили сами, без судьи."}
    return "resolveMatchDispute", values, f.home_captain


async def judge_of_nothing_resolves(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.status = MatchStatus.DISPUTED
    values = {"homeScore": 1, "awayScore": 0, "resolution": "Решение судьи без турнира."}
    return "resolveMatchDispute", values, await create_user(session, roles=[Role.JUDGE])


async def resolves_undisputed(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.status = MatchStatus.LIVE
    values = {"homeScore": 1, "awayScore": 0, "resolution": "Спора не было вовсе."}
    return "resolveMatchDispute", values, await create_user(session, roles=[Role.MODERATOR])


async def event_before_start(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    return (
        "recordMatchEvent",
        {"type": "GOAL", "minute": 1, "teamId": str(f.home.id)},
        f.home_captain,
    )


async def event_for_the_opponent(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.status = MatchStatus.LIVE
    return (
        "recordMatchEvent",
        {"type": "GOAL", "minute": 1, "teamId": str(f.away.id)},
        f.home_captain,
    )


async def event_of_an_outsider(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.status = MatchStatus.LIVE
    await set_lineup(session, match=m, team=f.home, players=[f.home_captain])
    values = {
        "type": "GOAL",
        "minute": 1,
        "teamId": str(f.home.id),
        "playerId": str(f.home_player.id),
    }
    return "recordMatchEvent", values, f.home_captain


async def disputes_own_report(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    await reports_twice(session, f, m)
    return "disputeMatchResult", {"reason": "Мы ошиблись со счётом, пересмотрите"}, f.home_captain


async def captain_cancels_live(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.status = MatchStatus.LIVE
    return "cancelMatch", {"reason": "Устали"}, f.home_captain


async def captain_cancels_tournament_match(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    m.tournament_id = (await create_tournament(session, sport=f.sport)).id
    return "cancelMatch", {"reason": "Не хотим играть"}, f.home_captain


async def captain_awards_himself(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    return (
        "awardTechnicalResult",
        {"winnerTeamId": str(f.home.id), "reason": "Неявка"},
        f.home_captain,
    )


async def lineup_with_the_opponents_player(session: AsyncSession, f: Fixture, m: Match) -> tuple:
    await add_member(session, team=f.home, user=f.away_player)
    await set_lineup(session, match=m, team=f.away, players=[f.away_player])
    return "setMatchLineup", {"playerIds": [str(f.away_player.id)]}, f.home_captain


FORBIDDEN: list[tuple[Arrange, str]] = [
    (stranger_starts, "FORBIDDEN"),
    (too_early, "MATCH_TOO_EARLY"),
    (live_starts_again, "MATCH_STATUS"),
    (player_reports, "FORBIDDEN"),
    (reports_twice, "ALREADY_REPORTED"),
    (reports_cancelled, "MATCH_STATUS"),
    (reports_scheduled, "MATCH_STATUS"),
    (captain_resolves, "FORBIDDEN"),
    (judge_of_nothing_resolves, "FORBIDDEN"),
    (resolves_undisputed, "MATCH_STATUS"),
    (event_before_start, "MATCH_STATUS"),
    (event_for_the_opponent, "FORBIDDEN"),
    (event_of_an_outsider, "VALIDATION_FAILED"),
    (disputes_own_report, "OWN_REPORT_DISPUTE"),
    (captain_cancels_live, "MATCH_STATUS"),
    (captain_cancels_tournament_match, "FORBIDDEN"),
    (captain_awards_himself, "FORBIDDEN"),
    (lineup_with_the_opponents_player, "LINEUP_CONFLICT"),
]


@pytest.mark.parametrize(("arrange", "code"), FORBIDDEN, ids=[a.__name__ for a, _ in FORBIDDEN])
async def test_forbidden_transitions_change_nothing(
    gql: GQL, session: AsyncSession, arrange: Arrange, code: str
) -> None:
    f = await two_teams(session)
    match = await f.match(session)
    name, values, user = await arrange(session, f, match)
    await session.flush()
    before = await snapshot(session)

    result = await call(gql, name, {"matchId": str(match.id), **values}, user)

    assert result.get("errors", [result.get("code")]) == [code]
    assert await snapshot(session) == before


async def test_a_team_with_an_unfinished_match_cannot_disband(
    gql: GQL, session: AsyncSession
) -> None:
    f = await two_teams(session)
    match = await f.match(session, MatchStatus.DISPUTED)
    disband = "mutation($v: DisbandTeamInput!) { disbandTeam(input: $v) { __typename } }"

    blocked = await gql(disband, {"v": {"teamId": str(f.away.id)}}, as_user=f.away_captain)
    stored = await session.get(Match, match.id)
    assert stored is not None
    stored.status = MatchStatus.CONFIRMED
    await session.flush()
    allowed = await gql(disband, {"v": {"teamId": str(f.away.id)}}, as_user=f.away_captain)

    assert blocked.data == {"disbandTeam": {"__typename": "TeamDisbandBlocked"}}
    assert allowed.data == {"disbandTeam": {"__typename": "DisbandTeamPayload"}}
