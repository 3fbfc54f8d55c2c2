"""reviewPlayground, deleteMyReview and playgroundReviews."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds.models import Playground, PlaygroundReview, PlaygroundStatus
from tests.factories import create_playground, create_user
from tests.fixtures.app import GQL, TestClock
from tests.playgrounds.helpers import events, fresh, snapshot

REVIEW = """
mutation Review($input: ReviewPlaygroundInput!) {
  reviewPlayground(input: $input) {
    __typename
    ... on ReviewPlaygroundPayload {
      review { id rating comment author { id } }
      playground { rating reviewCount myReview { rating } }
    }
    ... on ValidationFailed { fields { path code } }
    ... on UserError { code }
  }
}
"""

DELETE = """
mutation Delete($input: DeleteMyReviewInput!) {
  deleteMyReview(input: $input) {
    __typename
    ... on DeleteMyReviewPayload { playground { rating reviewCount } }
  }
}
"""

REVIEWS = """
query Reviews($id: ID!, $first: Int, $after: String) {
  playgroundReviews(playgroundId: $id, first: $first, after: $after) {
    nodes { rating comment author { id } } pageInfo { hasNextPage endCursor }
  }
}
"""


def review(playground: Playground, rating: int, comment: str | None = None) -> dict[str, object]:
    return {"input": {"playgroundId": str(playground.id), "rating": rating, "comment": comment}}


async def test_one_review_per_user_edited_in_place(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    playground = await create_playground(session)
    alice, boris = await create_user(session), await create_user(session)

    first = await gql(REVIEW, review(playground, 5, "Отличное покрытие и свет"), as_user=alice)
    await gql(REVIEW, review(playground, 2), as_user=boris)
    clock.advance(timedelta(minutes=5))
    edited = await gql(REVIEW, review(playground, 3, "Покрытие стало хуже"), as_user=alice)

    assert first.data["reviewPlayground"]["playground"] == {
        "rating": 5.0,
        "reviewCount": 1,
        "myReview": {"rating": 5},
    }
    payload = edited.data["reviewPlayground"]
    assert payload["review"]["id"] == first.data["reviewPlayground"]["review"]["id"]
    assert payload["playground"] == {"rating": 2.5, "reviewCount": 2, "myReview": {"rating": 3}}
    stored = (await session.scalars(select(PlaygroundReview))).all()
    assert sorted((r.author_id, r.rating) for r in stored) == sorted([(alice.id, 3), (boris.id, 2)])
    counted = await fresh(session, Playground, playground.id)
    assert (counted.review_count, counted.rating_sum) == (2, 5)
    reviewed = [e.payload for e in await events(session)]
    assert [(e["rating"], e["previous_rating"]) for e in reviewed] == [(5, None), (2, None), (3, 5)]
    assert reviewed[-1]["average_rating"] == 2.5


async def test_invalid_reviews_change_nothing(gql: GQL, session: AsyncSession) -> None:
    playground = await create_playground(session)
    user = await create_user(session)
    before = await snapshot(session)

    for rating, comment, expected in (
        (0, None, [("rating", "OUT_OF_RANGE")]),
        (6, None, [("rating", "OUT_OF_RANGE")]),
        (4, "Класс", [("comment", "TOO_SHORT")]),
        (4, "я" * 2001, [("comment", "TOO_LONG")]),
    ):
        response = await gql(REVIEW, review(playground, rating, comment), as_user=user)
        result = response.data["reviewPlayground"]
        assert result["__typename"] == "ValidationFailed"
        assert [(f["path"], f["code"]) for f in result["fields"]] == expected

    assert await snapshot(session) == before


async def test_only_approved_playgrounds_take_reviews(gql: GQL, session: AsyncSession) -> None:
    proposer = await create_user(session)
    pending = await create_playground(session, proposer=proposer, status=PlaygroundStatus.PENDING)
    stranger = await create_user(session)
    before = await snapshot(session)

    own = await gql(REVIEW, review(pending, 5), as_user=proposer)
    other = await gql(REVIEW, review(pending, 5), as_user=stranger)
    missing = await gql(
        REVIEW,
        {"input": {"playgroundId": "00000000-0000-0000-0000-000000000000", "rating": 5}},
        as_user=stranger,
    )

    assert own.data["reviewPlayground"]["__typename"] == "PlaygroundNotApproved"
    assert other.data["reviewPlayground"]["__typename"] == "NotFound"
    assert missing.data["reviewPlayground"]["__typename"] == "NotFound"
    assert await snapshot(session) == before


async def test_deleting_my_review_recounts(gql: GQL, session: AsyncSession) -> None:
    playground = await create_playground(session)
    alice, boris = await create_user(session), await create_user(session)
    await gql(REVIEW, review(playground, 5), as_user=alice)
    await gql(REVIEW, review(playground, 2), as_user=boris)

    response = await gql(DELETE, {"input": {"playgroundId": str(playground.id)}}, as_user=alice)
    again = await gql(DELETE, {"input": {"playgroundId": str(playground.id)}}, as_user=alice)

    assert response.data["deleteMyReview"] == {
        "__typename": "DeleteMyReviewPayload",
        "playground": {"rating": 2.0, "reviewCount": 1},
    }
    assert again.data["deleteMyReview"]["__typename"] == "NotFound"
    [remaining] = (await session.scalars(select(PlaygroundReview))).all()
    assert remaining.author_id == boris.id
    deleted = (await events(session))[-1]
    assert (deleted.type, deleted.payload["review_count"]) == ("playground.review_deleted", 1)


async def test_reviews_page_newest_first(gql: GQL, session: AsyncSession, clock: TestClock) -> None:
    playground = await create_playground(session)
    authors = [await create_user(session) for _ in range(3)]
    for rating, author in enumerate(authors, start=1):
        clock.advance(timedelta(minutes=1))
        await gql(REVIEW, review(playground, rating), as_user=author)
    viewer = await create_user(session)

    first = await gql(REVIEWS, {"id": str(playground.id), "first": 2}, as_user=viewer)
    connection = first.data["playgroundReviews"]
    rest = await gql(
        REVIEWS,
        {"id": str(playground.id), "first": 2, "after": connection["pageInfo"]["endCursor"]},
        as_user=viewer,
    )

    assert [n["rating"] for n in connection["nodes"]] == [3, 2]
    assert [n["rating"] for n in rest.data["playgroundReviews"]["nodes"]] == [1]
    hidden = await create_playground(session, status=PlaygroundStatus.PENDING)
    assert (await gql(REVIEWS, {"id": str(hidden.id)}, as_user=viewer)).data == {
        "playgroundReviews": None
    }
