"""record_confirmed_win and the king of the court."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFoundError
from app.playgrounds.court import record_confirmed_win
from app.playgrounds.models import CourtStanding
from tests.factories import create_match, create_playground, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.playgrounds.helpers import events

KING = """
query King($id: ID!) {
  playground(id: $id) { kingOfTheCourt { wins team { id name } } }
}
"""


async def test_no_king_before_any_confirmed_win(gql: GQL, session: AsyncSession) -> None:
    playground = await create_playground(session)

    response = await gql(KING, {"id": str(playground.id)}, as_user=await create_user(session))

    assert response.data == {"playground": {"kingOfTheCourt": None}}


async def test_a_match_counts_once(session: AsyncSession, clock: TestClock) -> None:
    playground = await create_playground(session)
    team = await create_team(session)
    match_id = (await create_match(session, home=team)).id

    first = await record_confirmed_win(
        session, playground_id=playground.id, team_id=team.id, match_id=match_id, now=clock.now()
    )
    again = await record_confirmed_win(
        session, playground_id=playground.id, team_id=team.id, match_id=match_id, now=clock.now()
    )

    await session.flush()
    assert (first, again) == (True, False)
    wins = await session.scalar(select(func.sum(CourtStanding.wins)))
    assert wins == 1
    [event] = await events(session)
    assert (event.type, event.payload["wins"], event.payload["king_team_id"]) == (
        "playground.win_recorded",
        1,
        str(team.id),
    )


async def test_the_king_has_most_wins_and_keeps_the_crown_on_a_tie(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    playground = await create_playground(session)
    elsewhere = await create_playground(session)
    holder = await create_team(session, name="Чемпионы двора")
    challenger = await create_team(session, name="Претенденты")

    async def win(team: object, at: object = playground) -> None:
        clock.advance(timedelta(hours=1))
        await record_confirmed_win(
            session,
            playground_id=at.id,  # type: ignore[attr-defined]
            team_id=team.id,  # type: ignore[attr-defined]
            match_id=(await create_match(session, home=team)).id,  # type: ignore[arg-type]
            now=clock.now(),
        )

    await win(holder)
    await win(holder)
    await win(challenger)
    for _ in range(3):
        await win(challenger, elsewhere)
    await win(challenger)
    viewer = await create_user(session)

    tie = await gql(KING, {"id": str(playground.id)}, as_user=viewer)
    await win(challenger)
    overtaken = await gql(KING, {"id": str(playground.id)}, as_user=viewer)

    assert tie.data["playground"]["kingOfTheCourt"] == {
        "wins": 2,
        "team": {"id": str(holder.id), "name": "Чемпионы двора"},
    }
    assert overtaken.data["playground"]["kingOfTheCourt"]["team"]["name"] == "Претенденты"
    assert overtaken.data["playground"]["kingOfTheCourt"]["wins"] == 3
    kings = [
        e.payload["king_team_id"] for e in await events(session) if e.key == str(playground.id)
    ]
    assert kings == [str(holder.id)] * 4 + [str(challenger.id)]


async def test_an_unknown_playground_is_an_error(session: AsyncSession, clock: TestClock) -> None:
    team = await create_team(session)

    with pytest.raises(NotFoundError):
        await record_confirmed_win(
            session,
            playground_id=uuid.uuid4(),
            team_id=team.id,
            match_id=uuid.uuid4(),
            now=clock.now(),
        )
