"""Matches for the match flows' tests: a confirmed one with a protocol, a disputed one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.models import AiCall
from app.matches.models import (
    Match,
    MatchEvent,
    MatchEventType,
    MatchReport,
    MatchStatus,
    ResultKind,
)
from app.teams.models import Team
from app.users.models import User
from tests.factories import create_match, create_sport, create_team, create_user, set_lineup


@dataclass
class Played:
    match: Match
    home: Team
    away: Team
    home_captain: User
    away_captain: User
    scorer: User


async def two_sides(session: AsyncSession) -> tuple[Team, Team, User, User]:
    sport = await create_sport(session)
    home_captain = await create_user(session, display_name="Алиса")
    away_captain = await create_user(session, display_name="Борис")
    home = await create_team(session, captain=home_captain, sport=sport, name="Северные")
    away = await create_team(session, captain=away_captain, sport=sport, name="Южные")
    return home, away, home_captain, away_captain


async def played(session: AsyncSession, status: MatchStatus = MatchStatus.CONFIRMED) -> Played:
    """Северные 2:1 Южные; both goals of the home side by Алиса, one with an assist."""
    home, away, home_captain, away_captain = await two_sides(session)
    now = datetime.now(UTC)
    confirmed = status is MatchStatus.CONFIRMED
    match = await create_match(
        session,
        home=home,
        away=away,
        status=status,
        scheduled_at=now - timedelta(days=1),
        home_score=2 if confirmed else None,
        away_score=1 if confirmed else None,
        winner_team_id=home.id if confirmed else None,
        result_kind=ResultKind.AGREED if confirmed else None,
        confirmed_at=now if confirmed else None,
    )
    scorer = await create_user(session, display_name="Вера Голеадор")
    await set_lineup(session, match=match, team=home, players=[home_captain, scorer])
    await set_lineup(session, match=match, team=away, players=[away_captain])
    goals = [(12, home, scorer), (30, away, away_captain), (77, home, scorer)]
    for number, (minute, team, player) in enumerate(goals, start=1):
        session.add(
            MatchEvent(
                match_id=match.id,
                number=number,
                type=MatchEventType.GOAL,
                minute=minute,
                team_id=team.id,
                player_id=player.id,
                recorded_by_id=home_captain.id,
            )
        )
    await session.flush()
    return Played(match, home, away, home_captain, away_captain, scorer)


async def disputed(session: AsyncSession) -> Played:
    """The captains reported 2:1 and 1:1; the protocol has 2:1."""
    game = await played(session, MatchStatus.DISPUTED)
    game.match.disputed_at = datetime.now(UTC)
    game.match.dispute_reason = "Счёт не совпал"
    for team, captain, score, comment in (
        (game.home, game.home_captain, (2, 1), "Второй гол был чистым"),
        (game.away, game.away_captain, (1, 1), "Второй гол из офсайда"),
    ):
        session.add(
            MatchReport(
                match_id=game.match.id,
                team_id=team.id,
                home_score=score[0],
                away_score=score[1],
                comment=comment,
                reported_by_id=captain.id,
                reported_at=datetime.now(UTC),
            )
        )
    await session.flush()
    return game


async def audit_rows(session: AsyncSession) -> int:
    return (await session.scalar(select(func.count()).select_from(AiCall))) or 0


def payload(name: str, fields: str) -> str:
    """A flow's mutation with its payload, typed errors and validation failures."""
    title = name[0].upper() + name[1:]
    return (
        f"mutation($input: {title}Input!) {{ {name}(input: $input) {{ __typename "
        f"... on {title}Payload {{ cached output {{ {fields} }} }} "
        "... on AiFailed { reason retryable } ... on QuotaExceeded { retryAfter } "
        "... on ValidationFailed { fields { path code } } } }"
    )


def match_input(match: Match, **extra: Any) -> dict[str, Any]:
    return {"input": {"matchId": str(match.id), **extra}}


def prompt_data(sent: Any) -> dict[str, Any]:
    """The JSON inside the prompt's ``<data>`` block."""
    [text] = [p["text"] for p in sent.body["contents"][0]["parts"]]
    inner = text.removeprefix("<data>\n").removesuffix("\n</data>")
    parsed: dict[str, Any] = json.loads(inner)
    return parsed
