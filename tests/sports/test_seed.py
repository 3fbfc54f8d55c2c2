import re

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.sports.models import Sport, SportCategory
from app.sports.seed import CATALOGUE, seed_sports

CODE = r"^[a-z0-9]+(-[a-z0-9]+)*$"


async def all_sports(session: AsyncSession) -> dict[str, Sport]:
    return {sport.code: sport for sport in (await session.scalars(select(Sport))).all()}


async def test_the_catalogue_covers_the_inventory(session: AsyncSession) -> None:
    await seed_sports(session)

    sports = await all_sports(session)
    assert len(sports) >= 50
    top = [s for s in sports.values() if s.parent_id is None]
    categories = dict.fromkeys(SportCategory, 0)
    for sport in top:
        categories[sport.category] += 1
    assert categories[SportCategory.ESPORTS] == 3
    assert categories[SportCategory.TEAM] >= 13
    assert sports["streetball-3x3"].parent_id == sports["basketball"].id
    assert sports["street-football"].parent_id == sports["football"].id
    assert (sports["football"].roster_min, sports["football"].roster_max) == (11, 25)
    assert sports["team-chess"].teams_allowed
    assert not sports["chess"].teams_allowed
    assert all(re.fullmatch(CODE, code) for code in sports)
    assert all(
        sport.teams_allowed
        for sport in sports.values()
        if sport.category is not SportCategory.INDIVIDUAL
    )


async def test_seeding_again_keeps_ids_and_applies_changes(session: AsyncSession) -> None:
    await seed_sports(session)
    first = {code: sport.id for code, sport in (await all_sports(session)).items()}
    football = (await all_sports(session))["football"]
    football.icon = "changed"
    await session.flush()

    await seed_sports(session)

    again = await all_sports(session)
    assert {code: sport.id for code, sport in again.items()} == first
    assert again["football"].icon == "goal"
    assert len(again) == len(CATALOGUE) + sum(len(d.subdisciplines) for d in CATALOGUE)
