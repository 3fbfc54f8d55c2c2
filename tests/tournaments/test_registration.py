from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.sports.models import Sport
from app.teams.models import Team
from app.tournaments.models import EntryStatus, Tournament, TournamentEntry, TournamentStatus
from app.users.models import User
from tests.factories import add_member, create_team, create_user
from tests.fixtures.app import GQL
from tests.fixtures.configured import Configure
from tests.tournaments.helpers import APPLICATION, create_entry, create_tournament, mutate


async def entries(session: AsyncSession) -> list[tuple[object, ...]]:
    session.expunge_all()
    rows = await session.execute(
        select(TournamentEntry.team_id, TournamentEntry.status).order_by(TournamentEntry.created_at)
    )
    return [tuple(r) for r in rows.all()]


def apply_values(t: Tournament, team: Team, *players: User) -> dict[str, object]:
    return {
        "tournamentId": str(t.id),
        "teamId": str(team.id),
        "rosterUserIds": [str(p.id) for p in players],
    }


async def test_a_captain_applies_with_a_roster_and_the_organizer_approves(
    gql: GQL, session: AsyncSession
) -> None:
    t = await create_tournament(session)
    sport_team_captain = await create_user(session)
    team = await create_team(session, captain=sport_team_captain, sport=await _sport(session, t))
    player = await add_member(session, team=team)

    applied = await mutate(
        gql,
        "applyToTournament",
        apply_values(t, team, sport_team_captain, player),
        sport_team_captain,
        APPLICATION,
    )

    assert applied["__typename"] == "TournamentApplicationPayload"
    assert applied["application"]["status"] == "PENDING"
    organizer = await session.get_one(User, t.organizer_id)
    decided = await mutate(
        gql,
        "decideTournamentApplication",
        {"applicationId": applied["application"]["id"], "approve": True},
        organizer,
        APPLICATION,
    )
    assert decided["application"]["status"] == "APPROVED"
    assert await entries(session) == [(team.id, EntryStatus.APPROVED)]


async def _sport(session: AsyncSession, t: Tournament) -> Sport:
    return await session.get_one(Sport, t.sport_id)


async def test_requirements_refuse_and_write_nothing(gql: GQL, session: AsyncSession) -> None:
    t = await create_tournament(session, roster_min=2, rating_max=50.0, age_min=18, age_max=35)
    sport = await _sport(session, t)
    captain = await create_user(session, birth_date=date(2000, 1, 1))
    team = await create_team(session, captain=captain, sport=sport, rating=10.0)
    young = await add_member(
        session, team=team, user=await create_user(session, birth_date=date(2015, 1, 1))
    )
    outsider = await create_user(session)
    strong_captain = await create_user(session)
    strong = await create_team(session, captain=strong_captain, sport=sport, rating=90.0)
    elsewhere_captain = await create_user(session)
    other_sport = await create_team(session, captain=elsewhere_captain)

    too_small = await mutate(gql, "applyToTournament", apply_values(t, team, captain), captain)
    stranger_in = await mutate(
        gql, "applyToTournament", apply_values(t, team, captain, outsider), captain
    )
    too_young = await mutate(
        gql, "applyToTournament", apply_values(t, team, captain, young), captain
    )
    too_strong = await mutate(
        gql,
        "applyToTournament",
        apply_values(t, strong, strong_captain, await add_member(session, team=strong)),
        strong_captain,
    )
    wrong_sport = await mutate(
        gql,
        "applyToTournament",
        apply_values(
            t, other_sport, elsewhere_captain, await add_member(session, team=other_sport)
        ),
        elsewhere_captain,
    )
    not_captain = await mutate(
        gql, "applyToTournament", apply_values(t, strong, strong_captain), captain
    )

    assert too_small["__typename"] == "ValidationFailed"
    assert stranger_in["__typename"] == "ValidationFailed"
    assert (too_young["__typename"], too_young["code"]) == (
        "RequirementsNotMet",
        "REQUIREMENTS_NOT_MET",
    )
    assert too_strong["__typename"] == "RequirementsNotMet"
    assert (wrong_sport["__typename"], wrong_sport["requirement"]) == (
        "RequirementsNotMet",
        "SPORT",
    )
    assert not_captain == {"errors": ["FORBIDDEN"]}
    assert await entries(session) == []


async def test_one_team_per_player_and_capacity(gql: GQL, session: AsyncSession) -> None:
    t = await create_tournament(session, capacity=4)
    sport = await _sport(session, t)
    shared = await create_user(session)
    captain = await create_user(session)
    team = await create_team(session, captain=captain, sport=sport)
    await add_member(session, team=team, user=shared)
    first = await create_entry(session, t, status=EntryStatus.PENDING)
    first.roster_user_ids = [*first.roster_user_ids, shared.id]
    await session.flush()

    twice = await mutate(gql, "applyToTournament", apply_values(t, team, captain, shared), captain)
    for _ in range(4):
        await create_entry(session, t, status=EntryStatus.APPROVED)
    full = await mutate(gql, "applyToTournament", apply_values(t, team, captain), captain)

    assert twice["__typename"] == "PlayerAlreadyEntered"
    assert full["__typename"] == "TournamentFull"
    assert len(await entries(session)) == 5


async def test_applications_only_while_registration_is_open(
    gql: GQL, session: AsyncSession
) -> None:
    t = await create_tournament(session, status=TournamentStatus.ANNOUNCED)
    captain = await create_user(session)
    team = await create_team(session, captain=captain, sport=await _sport(session, t))

    refused = await mutate(gql, "applyToTournament", apply_values(t, team, captain), captain)

    assert refused["__typename"] == "RegistrationClosed"
    assert await entries(session) == []


async def test_withdrawal_before_the_start(gql: GQL, session: AsyncSession) -> None:
    t = await create_tournament(session)
    captain = await create_user(session)
    entry = await create_entry(session, t, captain=captain, status=EntryStatus.APPROVED)

    withdrawn = await mutate(
        gql, "withdrawFromTournament", {"applicationId": str(entry.id)}, captain, APPLICATION
    )
    again = await mutate(
        gql, "withdrawFromTournament", {"applicationId": str(entry.id)}, captain, APPLICATION
    )

    assert withdrawn["application"]["status"] == "WITHDRAWN"
    assert again["__typename"] == "TournamentApplicationNotPending"
    assert await entries(session) == [(entry.team_id, EntryStatus.WITHDRAWN)]


async def test_applying_is_rate_limited_per_user(
    configure: Configure, session: AsyncSession
) -> None:
    gql = configure(rate_limit={"overrides": {"tournaments.apply:user": 1}})
    t = await create_tournament(session)
    captain = await create_user(session)
    team = await create_team(session, captain=captain, sport=await _sport(session, t))
    player = await add_member(session, team=team)
    values = apply_values(t, team, captain, player)

    first = await mutate(gql, "applyToTournament", values, captain, APPLICATION)
    second = await mutate(gql, "applyToTournament", values, captain, APPLICATION)

    assert (first["__typename"], second["__typename"]) == (
        "TournamentApplicationPayload",
        "RateLimited",
    )
    assert await entries(session) == [(team.id, EntryStatus.PENDING)]
