"""Shared arrangements and documents of the match tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.graphql.schema import create_schema
from app.matches.models import (
    Challenge,
    LineupPlayer,
    Match,
    MatchEvent,
    MatchReport,
    MatchStatus,
)
from app.playgrounds.models import Playground
from app.sports.models import Sport
from app.teams.models import Team
from app.users.models import User
from tests.factories import (
    add_member,
    create_match,
    create_playground,
    create_sport,
    create_team,
    create_user,
)
from tests.fixtures.app import GQL

ERRORS = "... on UserError { code message }"
FIELDS = "... on ValidationFailed { fields { path code } }"
MATCH_FIELDS = "match { id status score { home away } resultKind }"


def document(name: str, payload: str = MATCH_FIELDS, extra: str = "") -> str:
    """``extra``: more selections on the result, such as an error type's fields."""
    input_type = f"{name[0].upper()}{name[1:]}Input"
    errors = f"{ERRORS} {FIELDS}" if _validates(f"{input_type[:-5]}Result") else ERRORS
    return (
        f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename "
        f"... on {_payload_type(name)} {{ {payload} }} {extra} {errors} }} }}"
    )


@cache
def _validates(union: str) -> bool:
    members = create_schema()._schema.get_type(union).types  # type: ignore[union-attr]
    return any(member.name == "ValidationFailed" for member in members)


def _payload_type(name: str) -> str:
    special = {
        "challengeTeam": "ChallengeTeamPayload",
        "respondToChallenge": "RespondToChallengePayload",
        "withdrawMatchChallenge": "WithdrawMatchChallengePayload",
        "recordMatchEvent": "RecordMatchEventPayload",
    }
    return special.get(name, "MatchPayload")


async def call(
    gql: GQL,
    name: str,
    values: dict[str, Any],
    user: User | None,
    payload: str = MATCH_FIELDS,
    extra: str = "",
) -> dict[str, Any]:
    """Run mutation ``name``; returns its result, or ``{"errors": codes}`` for top-level errors."""
    response = await gql(document(name, payload, extra), {"v": values}, as_user=user)
    if response.errors:
        return {"errors": response.error_codes}
    assert response.data is not None
    result: dict[str, Any] = response.data[name]
    return result


@dataclass
class Fixture:
    """Two teams of one sport, each with a captain and a player, at a playground."""

    sport: Sport
    home: Team
    away: Team
    home_captain: User
    away_captain: User
    home_player: User
    away_player: User
    playground: Playground

    async def match(
        self, session: AsyncSession, status: MatchStatus = MatchStatus.SCHEDULED, **fields: Any
    ) -> Match:
        return await create_match(
            session,
            home=self.home,
            away=self.away,
            playground=self.playground,
            status=status,
            **fields,
        )


async def two_teams(session: AsyncSession) -> Fixture:
    sport = await create_sport(session)
    home_captain = await create_user(session, name="Капитан хозяев")
    away_captain = await create_user(session, name="Капитан гостей")
    home = await create_team(session, captain=home_captain, sport=sport, name="Хозяева")
    away = await create_team(session, captain=away_captain, sport=sport, name="Гости")
    return Fixture(
        sport=sport,
        home=home,
        away=away,
        home_captain=home_captain,
        away_captain=away_captain,
        home_player=await add_member(session, team=home),
        away_player=await add_member(session, team=away),
        playground=await create_playground(session, sports=[sport]),
    )


async def snapshot(session: AsyncSession) -> object:
    """Everything a match operation may change, to compare before and after a refusal."""
    session.expunge_all()
    rows: list[object] = []
    for model, order in (
        (Match, Match.id),
        (Challenge, Challenge.id),
        (MatchReport, MatchReport.team_id),
        (LineupPlayer, LineupPlayer.user_id),
        (MatchEvent, MatchEvent.id),
    ):
        for row in (await session.scalars(select(model).order_by(order))).all():
            rows.append({c.key: getattr(row, c.key) for c in model.__table__.columns})
    rows.append(len((await session.scalars(select(OutboxEvent.id))).all()))
    return rows


async def outbox(session: AsyncSession, event_type: str) -> list[OutboxEvent]:
    await session.flush()
    stmt = select(OutboxEvent).where(OutboxEvent.type == event_type).order_by(OutboxEvent.seq)
    return list((await session.scalars(stmt)).all())


def iso(moment: datetime) -> str:
    return moment.isoformat()
