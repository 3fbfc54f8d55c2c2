from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds import geo
from app.playgrounds.models import (
    Playground,
    PlaygroundReview,
    PlaygroundSport,
    PlaygroundStatus,
)
from app.playgrounds.seed import CITIES, PER_CITY, seed_playgrounds
from app.sports.seed import seed_sports
from app.teams.models import TeamHomePlayground
from app.teams.seed import seed_teams
from app.users.seed import seed_users

COUNTED = (Playground, PlaygroundSport, PlaygroundReview, TeamHomePlayground)


async def seed(session: AsyncSession) -> None:
    await seed_users(session)
    await seed_sports(session)
    await seed_teams(session)
    await seed_playgrounds(session)


async def counts(session: AsyncSession) -> list[int]:
    return [
        int(await session.scalar(select(func.count()).select_from(model)) or 0) for model in COUNTED
    ]


async def test_demo_playgrounds_lie_in_their_cities(session: AsyncSession) -> None:
    await seed(session)

    playgrounds = (await session.scalars(select(Playground))).all()
    assert len(playgrounds) == len(CITIES) * PER_CITY == 200
    centres = {city.name: city.spots[0] for city in CITIES}
    for playground in playgrounds:
        centre = centres[playground.city]
        distance = geo.distance_m(
            centre.latitude, centre.longitude, playground.latitude, playground.longitude
        )
        assert distance < 30_000, playground.name
        assert playground.address.startswith(playground.city)
    statuses = {p.status for p in playgrounds}
    assert statuses == {PlaygroundStatus.APPROVED, PlaygroundStatus.PENDING}
    reviewed = [p for p in playgrounds if p.review_count]
    assert len(reviewed) == 6
    assert {(p.review_count, p.rating_sum) for p in reviewed} == {(3, 12)}
    assert await session.scalar(select(func.count()).select_from(TeamHomePlayground)) > 0


async def test_seeding_twice_adds_nothing(session: AsyncSession) -> None:
    await seed(session)
    first = await counts(session)

    await seed(session)

    assert await counts(session) == first
