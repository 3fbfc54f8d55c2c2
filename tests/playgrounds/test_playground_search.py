"""playgrounds(search, city, sport, surface): Russian text search and the alphabetical list."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds.models import PlaygroundStatus
from app.playgrounds.values import Surface
from tests.factories import create_playground, create_sport, create_user
from tests.fixtures.app import GQL

SEARCH = """
query Search($search: String, $city: String, $sportId: ID, $surface: PlaygroundSurface,
             $first: Int, $after: String) {
  playgrounds(search: $search, city: $city, sportId: $sportId, surface: $surface,
              first: $first, after: $after) {
    nodes { name } pageInfo { hasNextPage endCursor }
  }
}
"""


async def names(gql: GQL, viewer: Any, **variables: Any) -> list[str]:
    response = await gql(SEARCH, {"first": 50, **variables}, as_user=viewer)
    assert response.errors is None, response.errors
    return [node["name"] for node in response.data["playgrounds"]["nodes"]]


async def test_search_by_name_and_address_in_any_word_form(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    await create_playground(
        session, name="Коробка в Лужниках", address="Москва, Лужнецкая наб., д. 24"
    )
    await create_playground(session, name="Площадка у школы", address="Москва, ул. Ленина, д. 12")
    await create_playground(
        session, name="Стритбольные площадки", address="Казань, ул. Ершова, д. 1"
    )
    await create_playground(
        session,
        name="Ленинская коробка",
        address="Москва, ул. Мира, д. 1",
        status=PlaygroundStatus.PENDING,
    )

    assert await names(gql, viewer, search="лужники") == ["Коробка в Лужниках"]
    assert await names(gql, viewer, search="ЛЕНИНА") == ["Площадка у школы"]
    assert sorted(await names(gql, viewer, search="площадка")) == [
        "Площадка у школы",
        "Стритбольные площадки",
    ]
    assert await names(gql, viewer, search="стритбол") == ["Стритбольные площадки"]
    assert await names(gql, viewer, search="лужнецкой") == ["Коробка в Лужниках"]
    assert await names(gql, viewer, search="хоккей") == []


async def test_search_tolerates_a_typo(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    await create_playground(
        session, name="Коробка в Сокольниках", address="Москва, ул. Сокольнический Вал, д. 1"
    )
    await create_playground(session, name="Площадка у школы", address="Москва, ул. Ленина, д. 12")

    assert await names(gql, viewer, search="сокольнеки") == ["Коробка в Сокольниках"]


async def test_the_best_match_comes_first(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    await create_playground(session, name="Каток", address="Москва, Парковая ул., д. 3, у пруда")
    await create_playground(session, name="Парковая площадка", address="Москва, ул. Мира, д. 5")

    found = await names(gql, viewer, search="парковая площадка")

    assert found[0] == "Парковая площадка"


async def test_filters_and_alphabetical_pages(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    basketball = await create_sport(session)
    streetball = await create_sport(session, parent=basketball)
    await create_playground(session, name="Бета", city="Казань", sports=[basketball])
    await create_playground(session, name="альфа", city="казань", sports=[streetball])
    await create_playground(session, name="Гамма", city="Москва", surface=Surface.ICE)
    await create_playground(session, name="Дельта", city="Казань", status=PlaygroundStatus.REJECTED)

    assert await names(gql, viewer, city=" КАЗАНЬ ") == ["альфа", "Бета"]
    assert await names(gql, viewer, sportId=str(basketball.id)) == ["альфа", "Бета"]
    assert await names(gql, viewer, sportId=str(streetball.id)) == ["альфа"]
    assert await names(gql, viewer, surface="ICE") == ["Гамма"]
    seen, after = [], None
    while True:
        response = await gql(SEARCH, {"first": 1, "after": after}, as_user=viewer)
        connection = response.data["playgrounds"]
        seen += [node["name"] for node in connection["nodes"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert seen == ["альфа", "Бета", "Гамма"]


async def test_search_pages_by_relevance(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    for i in range(5):
        await create_playground(session, name=f"Площадка {i}", address=f"Москва, ул. Мира, д. {i}")

    seen, after = [], None
    while True:
        variables = {"search": "площадка", "first": 2, "after": after}
        connection = (await gql(SEARCH, variables, as_user=viewer)).data["playgrounds"]
        seen += [node["name"] for node in connection["nodes"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]

    assert sorted(seen) == [f"Площадка {i}" for i in range(5)]
