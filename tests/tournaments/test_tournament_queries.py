from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.tournaments.loaders import ANNOUNCEMENTS_SHOWN
from app.tournaments.models import (
    EntryStatus,
    TournamentAnnouncement,
    TournamentFormat,
    TournamentStatus,
)
from tests.factories import create_user
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter
from tests.tournaments.helpers import create_entry, create_tournament, mutate

BRACKET = """
query($id: ID!) {
  tournament(id: $id) {
    name status champion { id }
    participants { seed team { id name } }
    bracket {
      stage group number
      matches {
        key state position
        home { seed bye source score team { id name } }
        away { seed bye source score team { id name } }
        winner { id }
        match { id status scheduledAt }
      }
    }
    standings { group rows { place points team { id } } }
    schedule { id }
  }
}
"""


async def started(session: AsyncSession, gql: GQL, teams: int, fmt: TournamentFormat) -> str:
    organizer = await create_user(session)
    t = await create_tournament(session, organizer=organizer, format=fmt, capacity=max(teams, 4))
    for _ in range(teams):
        await create_entry(session, t, status=EntryStatus.APPROVED)
    result = await mutate(gql, "startTournament", {"tournamentId": str(t.id)}, organizer)
    assert result["tournament"]["status"] == TournamentStatus.IN_PROGRESS.value
    return str(t.id)


async def test_the_bracket_of_64_teams_takes_as_many_statements_as_of_4(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await create_user(session)
    small = await started(session, gql, 4, TournamentFormat.DOUBLE_ELIMINATION)
    large = await started(session, gql, 64, TournamentFormat.DOUBLE_ELIMINATION)

    with count_statements() as few:
        await gql(BRACKET, {"id": small}, as_user=viewer)
    with count_statements() as many:
        response = await gql(BRACKET, {"id": large}, as_user=viewer)

    assert response.errors is None
    rounds = response.data["tournament"]["bracket"]
    assert sum(len(r["matches"]) for r in rounds) == 63 + 62 + 2
    first = [m for r in rounds if (r["stage"], r["number"]) == ("WINNERS", 1) for m in r["matches"]]
    assert {m["state"] for m in first} == {"READY"}
    assert all(m["match"]["status"] == "SCHEDULED" for m in first)
    assert [(m["home"]["seed"], m["away"]["seed"]) for m in first[:2]] == [(1, 64), (32, 33)]
    assert len(few) == len(many) == 6, str(many)


async def test_a_round_robin_shows_its_table_and_byes(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    tournament_id = await started(session, gql, 5, TournamentFormat.ROUND_ROBIN)

    response = await gql(BRACKET, {"id": tournament_id}, as_user=viewer)

    data = response.data["tournament"]
    assert [r["number"] for r in data["bracket"]] == [1, 2, 3, 4, 5]
    assert all(len(r["matches"]) == 2 for r in data["bracket"])
    assert len(data["schedule"]) == 10
    [table] = data["standings"]
    assert [row["place"] for row in table["rows"]] == [1, 2, 3, 4, 5]
    assert {row["points"] for row in table["rows"]} == {0}


async def test_a_draft_is_hidden_from_others_and_listed_for_its_organizer(
    gql: GQL, session: AsyncSession
) -> None:
    organizer = await create_user(session)
    stranger = await create_user(session)
    draft = await create_tournament(session, organizer=organizer, status=TournamentStatus.DRAFT)
    public = await create_tournament(session, status=TournamentStatus.REGISTRATION)
    listing = "query { tournaments(first: 10) { nodes { id } } }"

    seen_by_stranger = await gql(listing, as_user=stranger)
    seen_by_organizer = await gql(listing, as_user=organizer)
    hidden = await gql(BRACKET, {"id": str(draft.id)}, as_user=stranger)

    assert [n["id"] for n in seen_by_stranger.data["tournaments"]["nodes"]] == [str(public.id)]
    assert {n["id"] for n in seen_by_organizer.data["tournaments"]["nodes"]} == {
        str(public.id),
        str(draft.id),
    }
    assert hidden.data == {"tournament": None}


async def test_each_tournament_shows_its_newest_announcements_first_up_to_the_limit(
    gql: GQL, session: AsyncSession
) -> None:
    organizer = await create_user(session)
    busy, quiet = await create_tournament(session), await create_tournament(session)
    start = datetime(2026, 5, 1, tzinfo=UTC)
    for i in range(ANNOUNCEMENTS_SHOWN + 2):
        session.add(
            TournamentAnnouncement(
                tournament_id=busy.id,
                author_id=organizer.id,
                body=f"Новость {i}",
                created_at=start + timedelta(minutes=i),
            )
        )
    session.add(TournamentAnnouncement(tournament_id=quiet.id, author_id=organizer.id, body="Одна"))
    await session.flush()
    query = "query($id: ID!) { tournament(id: $id) { announcements { body } } }"

    shown = await gql(query, {"id": str(busy.id)}, as_user=organizer)
    other = await gql(query, {"id": str(quiet.id)}, as_user=organizer)

    bodies = [a["body"] for a in shown.data["tournament"]["announcements"]]
    newest = ANNOUNCEMENTS_SHOWN + 1
    assert bodies == [f"Новость {i}" for i in range(newest, newest - ANNOUNCEMENTS_SHOWN, -1)]
    assert other.data["tournament"]["announcements"] == [{"body": "Одна"}]
