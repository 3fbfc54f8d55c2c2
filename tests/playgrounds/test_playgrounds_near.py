"""playgroundsNear: approved playgrounds nearest first, by great-circle distance."""

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds import geo
from app.playgrounds.models import PlaygroundStatus
from app.playgrounds.values import Surface
from tests.factories import create_playground, create_sport, create_user
from tests.fixtures.app import GQL

NEAR = """
query Near($lat: Float!, $lon: Float!, $radiusKm: Float, $sportId: ID,
           $surface: PlaygroundSurface, $first: Int, $after: String) {
  playgroundsNear(latitude: $lat, longitude: $lon, radiusKm: $radiusKm, sportId: $sportId,
                  surface: $surface, first: $first, after: $after) {
    nodes { distanceMeters playground { name } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

KREMLIN = (55.7520, 37.6175)


async def near(gql: GQL, viewer: object, **variables: object) -> list[tuple[str, float]]:
    response = await gql(NEAR, {"lat": KREMLIN[0], "lon": KREMLIN[1], **variables}, as_user=viewer)
    assert response.errors is None, response.errors
    nodes = response.data["playgroundsNear"]["nodes"]
    return [(node["playground"]["name"], node["distanceMeters"]) for node in nodes]


async def test_nearest_first_with_distances(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    places = {
        "Красная площадь": (55.7539, 37.6208),
        "Лужники": (55.7158, 37.5537),
        "Сокольники": (55.7925, 37.6747),
        "Химки": (55.8970, 37.4297),
    }
    for name, (lat, lon) in places.items():
        await create_playground(session, name=name, latitude=lat, longitude=lon)
    await create_playground(session, name="Ждёт", status=PlaygroundStatus.PENDING)
    await create_playground(session, name="Отклонена", status=PlaygroundStatus.REJECTED)

    found = await near(gql, viewer, radiusKm=10)

    assert [name for name, _ in found] == ["Красная площадь", "Лужники", "Сокольники"]
    for name, distance in found:
        assert distance == pytest.approx(geo.distance_m(*KREMLIN, *places[name]), abs=1e-6)
    assert 5_600 < found[1][1] < 5_700
    assert [name for name, _ in await near(gql, viewer, radiusKm=25)][-1] == "Химки"


async def test_sport_and_surface_filters(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    football = await create_sport(session)
    street = await create_sport(session, parent=football)
    hockey = await create_sport(session)
    await create_playground(session, name="Уличная", sports=[street], surface=Surface.ASPHALT)
    await create_playground(session, name="Футбольная", sports=[football, hockey])
    await create_playground(session, name="Хоккейная", sports=[hockey], surface=Surface.ICE)

    by_football = await near(gql, viewer, sportId=str(football.id))
    by_street = await near(gql, viewer, sportId=str(street.id))
    on_ice = await near(gql, viewer, surface="ICE")

    assert sorted(name for name, _ in by_football) == ["Уличная", "Футбольная"]
    assert [name for name, _ in by_street] == ["Уличная"]
    assert [name for name, _ in on_ice] == ["Хоккейная"]


async def test_a_circle_across_the_antimeridian(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    await create_playground(session, name="Запад", latitude=65.0, longitude=179.99)
    await create_playground(session, name="Восток", latitude=65.0, longitude=-179.97)
    await create_playground(session, name="Далеко", latitude=65.0, longitude=-179.5)

    found = await near(gql, viewer, lat=65.0, lon=179.995, radiusKm=5)

    assert [name for name, _ in found] == ["Запад", "Восток"]
    assert found[1][1] == pytest.approx(geo.distance_m(65.0, 179.995, 65.0, -179.97))


async def test_pages_continue_after_equal_distances(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    for i in range(5):
        await create_playground(session, name=f"Точка {i}", latitude=55.76, longitude=37.62)

    seen, after = [], None
    while True:
        response = await gql(
            NEAR,
            {"lat": KREMLIN[0], "lon": KREMLIN[1], "first": 2, "after": after},
            as_user=viewer,
        )
        connection = response.data["playgroundsNear"]
        seen += [node["playground"]["name"] for node in connection["nodes"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]

    assert sorted(seen) == [f"Точка {i}" for i in range(5)]
    assert len(set(seen)) == 5


@pytest.mark.parametrize(
    "variables",
    [
        {"lat": 91.0},
        {"lon": -181.0},
        {"radiusKm": 0.0},
        {"radiusKm": 50.5},
        {"first": 101},
        {"sportId": "football"},
    ],
)
async def test_bad_arguments_are_bad_requests(
    gql: GQL, session: AsyncSession, variables: dict[str, object]
) -> None:
    viewer = await create_user(session)

    response = await gql(NEAR, {"lat": 55.75, "lon": 37.61, **variables}, as_user=viewer)

    assert response.error_codes == ["BAD_USER_INPUT"]
