"""playground(id): the playground page in a fixed number of statements."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds.court import record_confirmed_win
from app.playgrounds.models import ConditionReport, Playground, PlaygroundReview
from app.playgrounds.values import ConditionCategory
from tests.factories import create_match, create_playground, create_sport, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter

PAGE = """
query PlaygroundPage($id: ID!) {
  playground(id: $id) {
    id name address city latitude longitude type surface features photoUrls status
    rating reviewCount checkInCount createdAt
    sports { id name icon }
    proposedBy { id displayName avatarUrl }
    recentReviews { id rating comment createdAt author { id displayName avatarUrl } }
    myReview { id rating }
    condition { category comment severity summary createdAt }
    kingOfTheCourt { wins team { id name slug logoUrl } }
  }
}
"""


async def playground_with(
    session: AsyncSession, clock: TestClock, *, reviews: int, sports: int
) -> Playground:
    playground = await create_playground(
        session, sports=[await create_sport(session) for _ in range(sports)]
    )
    for i in range(reviews):
        author = await create_user(session)
        session.add(
            PlaygroundReview(
                playground_id=playground.id,
                author_id=author.id,
                rating=i % 5 + 1,
                comment=f"Отзыв номер {i} о площадке",
                created_at=clock.now() - timedelta(minutes=i),
            )
        )
    playground.review_count = reviews
    playground.rating_sum = sum(i % 5 + 1 for i in range(reviews))
    reporter = await create_user(session)
    session.add(
        ConditionReport(
            playground_id=playground.id,
            reporter_id=reporter.id,
            category=ConditionCategory.LITTER,
            comment="Мусор у входа на площадку",
        )
    )
    team = await create_team(session)
    await record_confirmed_win(
        session,
        playground_id=playground.id,
        team_id=team.id,
        match_id=(await create_match(session, home=team, away=await create_team(session))).id,
        now=clock.now(),
    )
    await session.flush()
    return playground


async def test_the_page_shows_the_last_ten_reviews_newest_first(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    playground = await playground_with(session, clock, reviews=12, sports=2)

    response = await gql(PAGE, {"id": str(playground.id)}, as_user=await create_user(session))

    page = response.data["playground"]
    assert [r["comment"] for r in page["recentReviews"]] == [
        f"Отзыв номер {i} о площадке" for i in range(10)
    ]
    assert page["reviewCount"] == 12
    assert page["rating"] == sum(i % 5 + 1 for i in range(12)) / 12
    assert len(page["sports"]) == 2
    assert page["condition"]["category"] == "LITTER"
    assert page["kingOfTheCourt"]["wins"] == 1
    assert page["myReview"] is None


async def test_the_page_runs_in_constant_statements(
    gql: GQL, session: AsyncSession, clock: TestClock, count_statements: StatementCounter
) -> None:
    """Viewer, playground, sport ids, sports, proposer, reviews, their authors, my review,
    condition, king, his team.

    The proposer and the reviews' authors are loaded at different depths of the query, so in
    separate batches; a playground with one review shows the same count as one with 30.
    """
    viewer = await create_user(session)
    small = await playground_with(session, clock, reviews=1, sports=1)
    large = await playground_with(session, clock, reviews=30, sports=5)

    with count_statements() as few:
        await gql(PAGE, {"id": str(small.id)}, as_user=viewer)
    with count_statements() as many:
        response = await gql(PAGE, {"id": str(large.id)}, as_user=viewer)

    assert response.errors is None
    assert len(response.data["playground"]["recentReviews"]) == 10
    assert len(few) == len(many) == 11, str(many)


NEARBY = """
query Nearby($first: Int!) {
  playgroundsNear(latitude: 55.7558, longitude: 37.6173, first: $first) {
    nodes {
      distanceMeters
      playground {
        name rating sports { name } proposedBy { displayName }
        condition { category } kingOfTheCourt { wins }
      }
    }
  }
}
"""


async def test_the_nearby_list_runs_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await create_user(session)
    sport = await create_sport(session)
    for i in range(30):
        await create_playground(session, latitude=55.75 + i / 1000, sports=[sport])

    with count_statements() as few:
        await gql(NEARBY, {"first": 2}, as_user=viewer)
    with count_statements() as many:
        response = await gql(NEARBY, {"first": 30}, as_user=viewer)

    assert len(response.data["playgroundsNear"]["nodes"]) == 30
    assert len(few) == len(many), str(many)
