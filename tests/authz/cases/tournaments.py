"""Tournaments: the owner is the organizer, or the captain of the entered team where it says.

Staff (moderators) may run any tournament like its organizer; creating one needs the
ORGANIZER role (the case's owner is given it).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.events.envelope import Envelope
from app.sports.models import Sport
from app.tournaments.events import TournamentUpdated
from app.tournaments.models import (
    EntryStatus,
    Tournament,
    TournamentAnnouncement,
    TournamentEntry,
    TournamentJudge,
    TournamentStatus,
)
from app.users.models import User
from tests.authz.matrix import (
    Actor,
    Case,
    Cast,
    Outcome,
    everyone_signed_in,
    over_websocket,
)
from tests.factories import create_sport, create_user
from tests.tournaments.helpers import create_entry, create_tournament, settings

ORGANIZER_OR_STAFF = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.ALLOWED,
}
DRAFT_ORGANIZER_OR_STAFF = {**ORGANIZER_OR_STAFF, Actor.STRANGER: Outcome.HIDDEN}
CAPTAIN_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.FORBIDDEN,
}


def organized(status: TournamentStatus) -> Any:
    async def arrange(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        t = await create_tournament(session, organizer=cast.owner, status=status)
        return {"tournamentId": str(t.id)}

    return arrange


async def an_organizer_and_a_sport(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    cast.owner.roles = [Role.PLAYER.value, Role.ORGANIZER.value]
    sport = await create_sport(session)
    return {"settings": settings(sport, datetime.now(UTC))}


async def announced_settings(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    t = await create_tournament(session, organizer=cast.owner, status=TournamentStatus.ANNOUNCED)
    sport = await session.get_one(Sport, t.sport_id)
    return {"tournamentId": str(t.id), "settings": settings(sport, datetime.now(UTC))}


async def ready_to_start(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    t = await create_tournament(session, organizer=cast.owner)
    for _ in range(4):
        await create_entry(session, t, status=EntryStatus.APPROVED)
    return {"tournamentId": str(t.id)}


async def open_for_owners_team(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    t = await create_tournament(session)
    entry = await create_entry(session, t, captain=cast.owner)
    await session.delete(entry)
    await session.flush()
    return {
        "tournamentId": str(t.id),
        "teamId": str(entry.team_id),
        "rosterUserIds": [str(cast.owner.id)],
    }


async def pending_application_to_owners_tournament(
    session: AsyncSession, cast: Cast
) -> dict[str, Any]:
    t = await create_tournament(session, organizer=cast.owner)
    entry = await create_entry(session, t)
    return {"applicationId": str(entry.id), "approve": True}


async def owners_approved_entry(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    t = await create_tournament(session, check_in_required=True)
    entry = await create_entry(session, t, captain=cast.owner, status=EntryStatus.APPROVED)
    return {"applicationId": str(entry.id)}


async def a_judge_candidate(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    t = await create_tournament(session, organizer=cast.owner)
    judge = await create_user(session, roles=[Role.JUDGE])
    return {"tournamentId": str(t.id), "userId": str(judge.id)}


async def an_assigned_judge(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    values = await a_judge_candidate(session, cast)
    session.add(
        TournamentJudge(
            tournament_id=uuid.UUID(values["tournamentId"]),
            user_id=uuid.UUID(values["userId"]),
            assigned_by_id=cast.owner.id,
            assigned_at=datetime.now(UTC),
        )
    )
    await session.flush()
    return values


async def announcement(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {
        **await organized(TournamentStatus.REGISTRATION)(session, cast),
        "body": "Старт в 10:00",
    }


async def cancellation(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {**await organized(TournamentStatus.REGISTRATION)(session, cast), "reason": "Ливень"}


async def state(session: AsyncSession, cast: Cast) -> object:
    tournaments = (
        await session.execute(select(Tournament.id, Tournament.status, Tournament.version))
    ).all()
    entries = (await session.execute(select(TournamentEntry.id, TournamentEntry.status))).all()
    judges = (await session.execute(select(TournamentJudge.user_id))).all()
    notes = await session.scalar(select(func.count()).select_from(TournamentAnnouncement))
    return sorted(map(str, tournaments)), sorted(map(str, entries)), judges, notes


def mutation(name: str, expect: dict[Actor, Outcome], arrange: Any, input_type: str = "") -> Case:
    input_type = input_type or f"{name[0].upper()}{name[1:]}Input"
    document = f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename }} }}"

    async def wrapped(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        return {"v": await arrange(session, cast)}

    return Case(f"Mutation.{name}", document, expect, arrange=wrapped, snapshot=state)


async def an_update(session: AsyncSession, user: User, variables: dict[str, Any]) -> Envelope:
    """The subscribed tournament changes."""
    t = await session.get_one(Tournament, variables["tournamentId"])
    event = TournamentUpdated(tournament_id=t.id, status=t.status.value, changed_fields=[])
    return Envelope.wrap(event, actor_id=user.id)


S = TournamentStatus
CASES = [
    Case(
        "Query.tournament",
        "query($tournamentId: ID!) { tournament(id: $tournamentId) { id } }",
        everyone_signed_in(),
        arrange=organized(S.ANNOUNCED),
    ),
    Case(
        "Query.tournament",
        "query($tournamentId: ID!) { tournament(id: $tournamentId) { id } }",
        DRAFT_ORGANIZER_OR_STAFF,
        arrange=organized(S.DRAFT),
        name="draft",
    ),
    Case(
        "Query.tournaments",
        "query { tournaments(first: 5) { nodes { id } } }",
        everyone_signed_in(),
    ),
    Case(
        "Subscription.tournamentUpdated",
        "subscription($tournamentId: ID!) { tournamentUpdated(tournamentId: $tournamentId) "
        "{ id } }",
        everyone_signed_in(),
        arrange=organized(S.ANNOUNCED),
        trigger=an_update,
        send=over_websocket,
    ),
    mutation("createTournament", ORGANIZER_OR_STAFF, an_organizer_and_a_sport),
    mutation("updateTournament", ORGANIZER_OR_STAFF, announced_settings),
    mutation(
        "announceTournament", DRAFT_ORGANIZER_OR_STAFF, organized(S.DRAFT), "TournamentIdInput"
    ),
    mutation("openRegistration", ORGANIZER_OR_STAFF, organized(S.ANNOUNCED), "TournamentIdInput"),
    mutation(
        "closeRegistration", ORGANIZER_OR_STAFF, organized(S.REGISTRATION), "TournamentIdInput"
    ),
    mutation("startTournament", ORGANIZER_OR_STAFF, ready_to_start),
    mutation(
        "suspendTournament", ORGANIZER_OR_STAFF, organized(S.IN_PROGRESS), "TournamentIdInput"
    ),
    mutation("resumeTournament", ORGANIZER_OR_STAFF, organized(S.SUSPENDED), "TournamentIdInput"),
    mutation("cancelTournament", ORGANIZER_OR_STAFF, cancellation),
    mutation("applyToTournament", CAPTAIN_ONLY, open_for_owners_team),
    mutation(
        "decideTournamentApplication",
        ORGANIZER_OR_STAFF,
        pending_application_to_owners_tournament,
    ),
    mutation(
        "withdrawFromTournament",
        CAPTAIN_ONLY,
        owners_approved_entry,
        "TournamentApplicationIdInput",
    ),
    mutation(
        "checkInToTournament", CAPTAIN_ONLY, owners_approved_entry, "TournamentApplicationIdInput"
    ),
    mutation("assignJudge", ORGANIZER_OR_STAFF, a_judge_candidate, "TournamentJudgeInput"),
    mutation("removeJudge", ORGANIZER_OR_STAFF, an_assigned_judge, "TournamentJudgeInput"),
    mutation("postTournamentAnnouncement", ORGANIZER_OR_STAFF, announcement),
]
