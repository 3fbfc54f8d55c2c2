"""Without a key every flow answers AiUnavailable at once; the rest works as usual."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.models import AiCall
from tests.ai.test_team_concept import GENERATE
from tests.factories import create_playground, create_user
from tests.fixtures.app import GQL

ANALYZE = """
mutation Analyze($input: AnalyzePlaygroundInput!) {
  analyzePlayground(input: $input) { __typename ... on AiUnavailable { code message } }
}
"""


async def test_every_flow_is_unavailable_without_a_key(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    playground = await create_playground(session)

    concept = await gql(GENERATE, {"input": {"idea": "Команда друзей"}}, as_user=user)
    analysis = await gql(ANALYZE, {"input": {"playgroundId": str(playground.id)}}, as_user=user)
    catalogue = await gql("{ aiFlows { available flows { name } } me { id } }", as_user=user)

    assert concept.data["generateTeamConcept"]["__typename"] == "AiUnavailable"
    assert analysis.data["analyzePlayground"] == {
        "__typename": "AiUnavailable",
        "code": "AI_UNAVAILABLE",
        "message": "ИИ-помощник сейчас недоступен",
    }
    assert catalogue.data["aiFlows"]["available"] is False
    assert catalogue.data["me"] == {"id": str(user.id)}
    assert await session.scalar(select(func.count()).select_from(AiCall)) == 0


async def test_a_refused_caller_learns_nothing_from_unavailability(
    gql: GQL, session: AsyncSession
) -> None:
    user = await create_user(session)

    unknown = await gql(ANALYZE, {"input": {"playgroundId": str(user.id)}}, as_user=user)

    assert unknown.data["analyzePlayground"]["__typename"] == "NotFound"
