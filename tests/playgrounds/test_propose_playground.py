"""proposePlayground: anyone signed in proposes; the playground waits for a moderator."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds.models import Playground, PlaygroundSport, PlaygroundStatus
from tests.factories import create_sport, create_user
from tests.fixtures.app import GQL
from tests.playgrounds.helpers import events, snapshot

PROPOSE = """
mutation Propose($input: ProposePlaygroundInput!) {
  proposePlayground(input: $input) {
    __typename
    ... on ProposePlaygroundPayload {
      playground {
        id name address city latitude longitude type surface features photoUrls status
        rating reviewCount checkInCount sports { code } proposedBy { id }
      }
    }
    ... on ValidationFailed { fields { path code } }
  }
}
"""


def proposal(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Коробка у школы № 5",
        "address": "Москва, ул. Ленина, д. 12",
        "city": "Москва",
        "latitude": 55.7512,
        "longitude": 37.6184,
        "type": "FOOTBALL",
        "surface": "ARTIFICIAL_TURF",
        "sportIds": [],
        "features": ["LIGHTING", "GOALS", "LIGHTING"],
        "photoUrls": ["https://img.example/1.jpg"],
        **overrides,
    }


async def test_a_proposal_waits_for_moderation(gql: GQL, session: AsyncSession) -> None:
    football = await create_sport(session, code="football")
    street = await create_sport(session, code="street-football", parent=football)
    user = await create_user(session)

    response = await gql(
        PROPOSE,
        {"input": proposal(sportIds=[str(street.id), str(football.id), str(street.id)])},
        as_user=user,
    )

    result = response.data["proposePlayground"]
    assert result["__typename"] == "ProposePlaygroundPayload"
    playground = result["playground"]
    assert playground["status"] == "PENDING"
    assert playground["features"] == ["GOALS", "LIGHTING"]
    assert (playground["rating"], playground["reviewCount"], playground["checkInCount"]) == (
        None,
        0,
        0,
    )
    assert sorted(s["code"] for s in playground["sports"]) == ["football", "street-football"]
    assert playground["proposedBy"]["id"] == str(user.id)
    stored = await session.get(Playground, playground["id"])
    assert stored is not None
    assert (stored.status, stored.proposed_by_id, stored.latitude) == (
        PlaygroundStatus.PENDING,
        user.id,
        55.7512,
    )
    links = (await session.scalars(select(PlaygroundSport.sport_id))).all()
    assert sorted(links) == sorted([football.id, street.id])
    [event] = await events(session)
    assert event.type == "playground.proposed"
    assert event.key == playground["id"]
    assert event.payload["proposed_by"] == str(user.id)


async def test_invalid_proposals_change_nothing(gql: GQL, session: AsyncSession) -> None:
    sport = await create_sport(session)
    user = await create_user(session)
    before = await snapshot(session)
    cases = [
        ({"latitude": 90.5}, [("latitude", "OUT_OF_RANGE")]),
        ({"longitude": -180.01}, [("longitude", "OUT_OF_RANGE")]),
        ({"name": "Ко", "address": "ул. 1"}, [("name", "TOO_SHORT"), ("address", "TOO_SHORT")]),
        ({"city": "  "}, [("city", "REQUIRED")]),
        ({"sportIds": []}, [("sportIds", "REQUIRED")]),
        ({"sportIds": ["football"]}, [("sportIds", "NOT_FOUND")]),
        ({"photoUrls": ["javascript:alert(1)"]}, [("photoUrls.0", "INVALID_FORMAT")]),
        (
            {"photoUrls": [f"https://img.example/{i}.jpg" for i in range(11)]},
            [("photoUrls", "TOO_LONG")],
        ),
    ]

    for overrides, expected in cases:
        variables = {"input": proposal(sportIds=[str(sport.id)]) | overrides}
        response = await gql(PROPOSE, variables, as_user=user)
        result = response.data["proposePlayground"]
        assert result["__typename"] == "ValidationFailed", overrides
        assert [(f["path"], f["code"]) for f in result["fields"]] == expected

    assert await snapshot(session) == before


async def test_proposing_needs_a_signed_in_user(gql: GQL, session: AsyncSession) -> None:
    sport = await create_sport(session)

    response = await gql(PROPOSE, {"input": proposal(sportIds=[str(sport.id)])})

    assert response.error_codes == ["UNAUTHENTICATED"]
    assert (await session.scalars(select(Playground))).all() == []
