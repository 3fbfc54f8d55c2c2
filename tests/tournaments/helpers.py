"""Shared arrangements of the tournament tests: an organizer, teams, a tournament via the API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.container import Container
from app.db import Database
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.matches.models import Match, MatchStatus
from app.sports.models import Sport
from app.teams.models import Team
from app.tournaments.handlers import TOURNAMENTS_WORKER
from app.tournaments.models import (
    EntryStatus,
    Tournament,
    TournamentEntry,
    TournamentFormat,
    TournamentStatus,
)
from app.users.models import User
from tests.factories import create_sport, create_team, create_user
from tests.fixtures.app import GQL, TestClock

ERRORS = "... on UserError { code message }"
FIELDS = "... on ValidationFailed { fields { path code } }"
TOURNAMENT = "tournament { id status }"
APPLICATION = "application { id status } tournament { id status }"


@dataclass
class Club:
    team: Team
    captain: User


@dataclass
class Setup:
    organizer: User
    sport: Sport
    clubs: list[Club] = field(default_factory=list)


async def mutate(
    gql: GQL, name: str, values: dict[str, Any], user: User | None, payload: str = TOURNAMENT
) -> dict[str, Any]:
    """Run mutation ``name``; returns its result, or ``{"errors": codes}`` for top-level errors."""
    payload_type = {
        "applyToTournament": "TournamentApplicationPayload",
        "decideTournamentApplication": "TournamentApplicationPayload",
        "withdrawFromTournament": "TournamentApplicationPayload",
        "checkInToTournament": "TournamentApplicationPayload",
        "postTournamentAnnouncement": "PostTournamentAnnouncementPayload",
    }.get(name, "TournamentPayload")
    input_type = f"{name[0].upper()}{name[1:]}Input"
    if name in (
        "announceTournament",
        "openRegistration",
        "closeRegistration",
        "suspendTournament",
        "resumeTournament",
    ):
        input_type = "TournamentIdInput"
    if name in ("withdrawFromTournament", "checkInToTournament"):
        input_type = "TournamentApplicationIdInput"
    if name in ("assignJudge", "removeJudge"):
        input_type = "TournamentJudgeInput"
    errors = ERRORS
    if name == "applyToTournament":
        errors += " ... on RequirementsNotMet { requirement }"
    document = (
        f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename "
        f"... on {payload_type} {{ {payload} }} {errors} }} }}"
    )
    response = await gql(document, {"v": values}, as_user=user)
    if response.errors:
        return {"errors": response.error_codes}
    assert response.data is not None
    result: dict[str, Any] = response.data[name]
    return result


async def arrange(session: AsyncSession, teams: int) -> Setup:
    """An organizer and ``teams`` teams of one sport with distinct ratings (team i is seed i+1)."""
    setup = Setup(await create_user(session, roles=[Role.ORGANIZER]), await create_sport(session))
    for i in range(teams):
        captain = await create_user(session, roles=[Role.CAPTAIN])
        team = await create_team(session, captain=captain, sport=setup.sport, rating=100.0 - i)
        setup.clubs.append(Club(team, captain))
    return setup


def settings(sport: Sport, now: datetime, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Кубок двора",
        "sportId": str(sport.id),
        "city": "Москва",
        "format": "DOUBLE_ELIMINATION",
        "capacity": 16,
        "registrationOpensAt": now.isoformat(),
        "registrationClosesAt": (now + timedelta(days=2)).isoformat(),
        "startsAt": (now + timedelta(days=3)).isoformat(),
    }
    return {**values, **overrides}


async def open_tournament(gql: GQL, setup: Setup, now: datetime, **overrides: Any) -> str:
    created = await mutate(
        gql,
        "createTournament",
        {"settings": settings(setup.sport, now, **overrides)},
        setup.organizer,
    )
    tournament_id: str = created["tournament"]["id"]
    await mutate(gql, "announceTournament", {"tournamentId": tournament_id}, setup.organizer)
    opened = await mutate(gql, "openRegistration", {"tournamentId": tournament_id}, setup.organizer)
    assert opened["tournament"]["status"] == "REGISTRATION"
    return tournament_id


async def register_all(gql: GQL, setup: Setup, tournament_id: str) -> None:
    for club in setup.clubs:
        applied = await mutate(
            gql,
            "applyToTournament",
            {
                "tournamentId": tournament_id,
                "teamId": str(club.team.id),
                "rosterUserIds": [str(club.captain.id)],
            },
            club.captain,
            APPLICATION,
        )
        decided = await mutate(
            gql,
            "decideTournamentApplication",
            {"applicationId": applied["application"]["id"], "approve": True},
            setup.organizer,
            APPLICATION,
        )
        assert decided["application"]["status"] == "APPROVED"


def processor(database: Database, container: Container, clock: TestClock) -> EventProcessor:
    settings = container.settings.events
    return EventProcessor(TOURNAMENTS_WORKER, database, settings, clock=clock, services=container)


async def scheduled_matches(session: AsyncSession, tournament_id: uuid.UUID) -> list[Match]:
    session.expunge_all()
    stmt = (
        select(Match)
        .where(Match.tournament_id == tournament_id, Match.status == MatchStatus.SCHEDULED)
        .order_by(Match.scheduled_at, Match.id)
    )
    return list((await session.scalars(stmt)).all())


async def confirmations_since(session: AsyncSession, seq: int) -> list[OutboxEvent]:
    await session.flush()
    stmt = (
        select(OutboxEvent)
        .where(OutboxEvent.type == "match.confirmed", OutboxEvent.seq > seq)
        .order_by(OutboxEvent.seq)
    )
    return list((await session.scalars(stmt)).all())


async def play_round(
    gql: GQL,
    session: AsyncSession,
    worker: EventProcessor,
    clock: TestClock,
    captains: dict[uuid.UUID, User],
    seed_of: dict[uuid.UUID, int],
    tournament_id: uuid.UUID,
    last_seq: int,
) -> tuple[int, int]:
    """Start and report every scheduled match (both captains agree, the better seed wins 2:0),
    then deliver the confirmations to the tournaments worker. Returns (matches played, seq)."""
    matches = await scheduled_matches(session, tournament_id)
    kick_off = max((m.scheduled_at for m in matches), default=clock.now())
    clock.advance(max(kick_off - clock.now(), timedelta(0)))
    for match in matches:
        home_wins = seed_of[match.home_team_id] < seed_of[match.away_team_id]
        started = await gql(
            "mutation($v: StartMatchInput!) { startMatch(input: $v) { __typename } }",
            {"v": {"matchId": str(match.id)}},
            as_user=captains[match.home_team_id],
        )
        assert started.data == {"startMatch": {"__typename": "MatchPayload"}}, started
        for team_id, ours, theirs in (
            (match.home_team_id, 2 if home_wins else 0, 0 if home_wins else 2),
            (match.away_team_id, 0 if home_wins else 2, 2 if home_wins else 0),
        ):
            reported = await gql(
                "mutation($v: ReportMatchResultInput!) { reportMatchResult(input: $v) "
                "{ __typename } }",
                {"v": {"matchId": str(match.id), "ourScore": ours, "theirScore": theirs}},
                as_user=captains[team_id],
            )
            assert reported.data == {"reportMatchResult": {"__typename": "MatchPayload"}}
    rows = await confirmations_since(session, last_seq)
    for row in rows:
        assert await worker.process(to_envelope(row)) == Outcome.HANDLED
    return len(matches), rows[-1].seq if rows else last_seq


async def create_tournament(
    session: AsyncSession,
    *,
    organizer: User | None = None,
    sport: Sport | None = None,
    status: TournamentStatus = TournamentStatus.REGISTRATION,
    **fields: Any,
) -> Tournament:
    """A tournament written directly (registration open now, start in three days)."""
    organizer = organizer or await create_user(session, roles=[Role.ORGANIZER])
    sport = sport or await create_sport(session)
    now = datetime.now(UTC)
    values: dict[str, Any] = {
        "slug": f"cup-{uuid.uuid4().hex[:10]}",
        "name": "Кубок двора",
        "sport_id": sport.id,
        "organizer_id": organizer.id,
        "city": "Москва",
        "status": status,
        "format": TournamentFormat.SINGLE_ELIMINATION,
        "capacity": 16,
        "registration_opens_at": now - timedelta(hours=1),
        "registration_closes_at": now + timedelta(days=2),
        "starts_at": now + timedelta(days=3),
        "created_at": now,
        "updated_at": now,
    }
    tournament = Tournament(**{**values, **fields})
    session.add(tournament)
    await session.flush()
    return tournament


async def create_entry(
    session: AsyncSession,
    tournament: Tournament,
    *,
    team: Team | None = None,
    captain: User | None = None,
    status: EntryStatus = EntryStatus.PENDING,
) -> TournamentEntry:
    captain = captain or await create_user(session)
    if team is None:
        sport = await session.get_one(Sport, tournament.sport_id)
        team = await create_team(session, captain=captain, sport=sport)
    entry = TournamentEntry(
        tournament_id=tournament.id,
        team_id=team.id,
        roster_user_ids=[captain.id],
        applied_by_id=captain.id,
        status=status,
        created_at=datetime.now(UTC),
    )
    session.add(entry)
    await session.flush()
    return entry
