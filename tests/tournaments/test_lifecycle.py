from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.matches.models import Match, MatchStatus
from app.tournaments.models import (
    EntryStatus,
    Tournament,
    TournamentEntry,
    TournamentJudge,
    TournamentStatus,
)
from tests.factories import create_sport, create_user
from tests.fixtures.app import GQL, TestClock
from tests.tournaments.helpers import (
    create_entry,
    create_tournament,
    mutate,
    settings,
)


async def statuses(session: AsyncSession) -> list[tuple[object, ...]]:
    session.expunge_all()
    rows = await session.execute(select(Tournament.status, Tournament.version))
    return [tuple(r) for r in rows.all()]


async def test_an_organizer_creates_a_draft_and_moves_it_to_registration(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    sport = await create_sport(session)

    created = await mutate(
        gql, "createTournament", {"settings": settings(sport, clock.now())}, organizer
    )
    tid = created["tournament"]["id"]
    early = await mutate(gql, "openRegistration", {"tournamentId": tid}, organizer)
    after_refusal = await statuses(session)
    announced = await mutate(gql, "announceTournament", {"tournamentId": tid}, organizer)
    opened = await mutate(gql, "openRegistration", {"tournamentId": tid}, organizer)
    edited = await mutate(
        gql,
        "updateTournament",
        {"tournamentId": tid, "settings": settings(sport, clock.now(), name="Другое")},
        organizer,
    )

    assert created["tournament"]["status"] == "DRAFT"
    assert early["__typename"] == "TournamentStateInvalid", "a draft is announced first"
    assert after_refusal == [(TournamentStatus.DRAFT, 0)]
    assert announced["tournament"]["status"] == "ANNOUNCED"
    assert opened["tournament"]["status"] == "REGISTRATION"
    assert (edited["__typename"], edited["code"]) == ("TournamentStateInvalid", "TOURNAMENT_STATE")
    assert await statuses(session) == [(TournamentStatus.REGISTRATION, 2)]


async def test_invalid_settings_write_nothing(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    sport = await create_sport(session)
    bad = settings(
        sport,
        clock.now(),
        capacity=200,
        startsAt=(clock.now() - timedelta(days=1)).isoformat(),
        format="SWISS",
        swissRounds=0,
    )

    result = await gql(
        "mutation($v: CreateTournamentInput!) { createTournament(input: $v) { __typename "
        "... on ValidationFailed { fields { path code } } } }",
        {"v": {"settings": bad}},
        as_user=organizer,
    )

    fields = {f["path"]: f["code"] for f in result.data["createTournament"]["fields"]}
    assert fields == {
        "capacity": "OUT_OF_RANGE",
        "startsAt": "OUT_OF_RANGE",
        "registrationClosesAt": "OUT_OF_RANGE",
        "swissRounds": "OUT_OF_RANGE",
    }
    assert await statuses(session) == []


async def test_a_start_needs_two_participants(gql: GQL, session: AsyncSession) -> None:
    organizer = await create_user(session)
    t = await create_tournament(session, organizer=organizer)
    await create_entry(session, t, status=EntryStatus.APPROVED)

    refused = await mutate(gql, "startTournament", {"tournamentId": str(t.id)}, organizer)

    assert refused["__typename"] == "NotEnoughParticipants"
    assert await statuses(session) == [(TournamentStatus.REGISTRATION, 0)]


async def test_cancelling_closes_entries_and_open_matches(gql: GQL, session: AsyncSession) -> None:
    organizer = await create_user(session)
    t = await create_tournament(session, organizer=organizer)
    for _ in range(4):
        await create_entry(session, t, status=EntryStatus.APPROVED)
    await mutate(gql, "startTournament", {"tournamentId": str(t.id)}, organizer)

    cancelled = await mutate(
        gql, "cancelTournament", {"tournamentId": str(t.id), "reason": "Ливень"}, organizer
    )

    assert cancelled["tournament"]["status"] == "CANCELLED"
    session.expunge_all()
    entries = (await session.scalars(select(TournamentEntry.status))).all()
    matches = (await session.scalars(select(Match.status).where(Match.tournament_id == t.id))).all()
    assert set(entries) == {EntryStatus.CANCELLED}
    assert list(matches) == [MatchStatus.CANCELLED, MatchStatus.CANCELLED]


async def test_suspend_and_resume(gql: GQL, session: AsyncSession) -> None:
    organizer = await create_user(session)
    t = await create_tournament(session, organizer=organizer, status=TournamentStatus.IN_PROGRESS)
    tid = {"tournamentId": str(t.id)}

    suspended = await mutate(gql, "suspendTournament", tid, organizer)
    resumed = await mutate(gql, "resumeTournament", tid, organizer)
    again = await mutate(gql, "resumeTournament", tid, organizer)

    assert suspended["tournament"]["status"] == "SUSPENDED"
    assert resumed["tournament"]["status"] == "IN_PROGRESS"
    assert again["__typename"] == "TournamentStateInvalid"


async def test_a_team_in_a_running_tournament_cannot_disband(
    gql: GQL, session: AsyncSession
) -> None:
    t = await create_tournament(session)
    captain = await create_user(session)
    entry = await create_entry(session, t, captain=captain, status=EntryStatus.APPROVED)

    result = await gql(
        "mutation($v: DisbandTeamInput!) { disbandTeam(input: $v) { __typename "
        "... on UserError { message } } }",
        {"v": {"teamId": str(entry.team_id)}},
        as_user=captain,
    )

    assert result.data["disbandTeam"]["__typename"] == "TeamDisbandBlocked"
    assert "Кубок двора" in result.data["disbandTeam"]["message"]


async def test_a_judge_of_the_tournament_may_judge_its_matches(
    gql: GQL, session: AsyncSession
) -> None:
    organizer = await create_user(session)
    judge = await create_user(session, roles=[Role.JUDGE])
    t = await create_tournament(session, organizer=organizer)
    for _ in range(2):
        await create_entry(session, t, status=EntryStatus.APPROVED)
    values = {"tournamentId": str(t.id), "userId": str(judge.id)}

    assigned = await mutate(gql, "assignJudge", values, organizer)
    twice = await mutate(gql, "assignJudge", values, organizer)
    await mutate(gql, "startTournament", {"tournamentId": str(t.id)}, organizer)
    match = (await session.scalars(select(Match).where(Match.tournament_id == t.id))).one()
    judged = await gql(
        "query($id: ID!) { match(id: $id) { judges { id } } }",
        {"id": str(match.id)},
        as_user=judge,
    )

    assert assigned["__typename"] == "TournamentPayload"
    assert twice["__typename"] == "JudgeAlreadyAssigned"
    assert judged.data["match"]["judges"] == [{"id": str(judge.id)}]
    assert len((await session.scalars(select(TournamentJudge))).all()) == 1
