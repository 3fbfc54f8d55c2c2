from sqlalchemy.ext.asyncio import AsyncSession

from app.sports.models import SportCategory
from tests.factories import create_sport, create_user
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter

SPORTS = """
query Sports($category: SportCategory) {
  sports(category: $category) {
    code name category icon rosterMin rosterMax teamsAllowed
    subdisciplines { code parent { code } }
  }
}
"""

SPORT = """
query Sport($id: ID, $code: String) { sport(id: $id, code: $code) { id code name parent { code } } }
"""


async def test_the_catalogue_is_public_and_nested(gql: GQL, session: AsyncSession) -> None:
    football = await create_sport(session, code="football", name="Футбол", roster=(11, 25))
    await create_sport(session, code="futsal", name="Футзал", parent=football, roster=(5, 14))
    await create_sport(session, code="chess", name="Шахматы", category=SportCategory.INDIVIDUAL)
    await create_sport(session, code="cs2", name="CS 2", category=SportCategory.ESPORTS)

    response = await gql(SPORTS)

    assert response.errors is None
    assert response.data["sports"] == [
        {
            "code": "cs2",
            "name": "CS 2",
            "category": "ESPORTS",
            "icon": "goal",
            "rosterMin": 2,
            "rosterMax": 30,
            "teamsAllowed": True,
            "subdisciplines": [],
        },
        {
            "code": "football",
            "name": "Футбол",
            "category": "TEAM",
            "icon": "goal",
            "rosterMin": 11,
            "rosterMax": 25,
            "teamsAllowed": True,
            "subdisciplines": [{"code": "futsal", "parent": {"code": "football"}}],
        },
        {
            "code": "chess",
            "name": "Шахматы",
            "category": "INDIVIDUAL",
            "icon": "goal",
            "rosterMin": None,
            "rosterMax": None,
            "teamsAllowed": False,
            "subdisciplines": [],
        },
    ]


async def test_filter_by_category(gql: GQL, session: AsyncSession) -> None:
    await create_sport(session, code="hockey")
    await create_sport(session, code="boxing", category=SportCategory.INDIVIDUAL)

    response = await gql(SPORTS, {"category": "INDIVIDUAL"})

    assert [sport["code"] for sport in response.data["sports"]] == ["boxing"]


async def test_sport_by_id_or_code(gql: GQL, session: AsyncSession) -> None:
    football = await create_sport(session, code="football")
    street = await create_sport(session, code="street-football", parent=football)

    by_id = await gql(SPORT, {"id": str(street.id)})
    by_code = await gql(SPORT, {"code": " Street-Football "})
    missing = await gql(SPORT, {"code": "quidditch"})
    malformed = await gql(SPORT, {"id": "football"})
    both = await gql(SPORT, {"id": str(street.id), "code": "street-football"})

    assert by_id.data == by_code.data
    assert by_id.data["sport"]["parent"] == {"code": "football"}
    assert missing.data == malformed.data == {"sport": None}
    assert both.error_codes == ["BAD_USER_INPUT"]


async def test_the_catalogue_runs_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await create_user(session)
    for i in range(10):
        parent = await create_sport(session, code=f"sport-{i}")
        await create_sport(session, code=f"sport-{i}-sub", parent=parent)

    with count_statements() as log:
        response = await gql(SPORTS, as_user=viewer)

    assert len(response.data["sports"]) == 10
    assert len(log) == 4, str(log)
