"""The remaining structured flows through the fake: playgrounds, onboarding, tip, news."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds.models import PlaygroundReview
from tests.ai.fake_gemini import FakeGemini, answer_json
from tests.factories import create_playground, create_team, create_user

ANALYSIS = {"title": "Коробка у школы", "vibe": "Шумно", "pros": ["Свет"], "cons": []}
ANSWER = {**ANALYSIS, "best_for": "Футбол вечером"}
"""The model answers in the schema's (pydantic) names; GraphQL shows them camelCased."""
SHOWN = {**ANALYSIS, "bestFor": "Футбол вечером"}


def mutation(name: str, fields: str) -> str:
    title = name[0].upper() + name[1:]
    return (
        f"mutation($input: {title}Input!) {{ {name}(input: $input) {{ __typename "
        f"... on {title}Payload {{ cached output {{ {fields} }} }} }} }}"
    )


async def test_playground_analysis_is_cached_for_identical_requests(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    playground = await create_playground(session, name="Коробка у школы")
    users = [await create_user(session), await create_user(session)]
    fake.reply(answer_json(ANSWER))
    document = mutation("analyzePlayground", "title vibe pros cons bestFor")
    variables = {"input": {"playgroundId": str(playground.id)}}

    first, second = [await ai_gql(document, variables, as_user=u) for u in users]

    assert first.data["analyzePlayground"] == {
        "__typename": "AnalyzePlaygroundPayload",
        "cached": False,
        "output": SHOWN,
    }
    assert second.data["analyzePlayground"]["cached"] is True
    assert second.data["analyzePlayground"]["output"] == SHOWN
    assert len(fake.calls()) == 1


async def test_reviews_summary_reads_the_reviews(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    playground = await create_playground(session)
    author = await create_user(session)
    session.add(
        PlaygroundReview(
            playground_id=playground.id, author_id=author.id, rating=2, comment="Сетки порваны"
        )
    )
    fake.reply(answer_json({"pros": [], "cons": ["Порванные сетки"]}))

    response = await ai_gql(
        mutation("summarizePlaygroundReviews", "pros cons"),
        {"input": {"playgroundId": str(playground.id)}},
        as_user=author,
    )

    assert response.data["summarizePlaygroundReviews"]["output"] == {
        "pros": [],
        "cons": ["Порванные сетки"],
    }
    assert "Сетки порваны" in fake.calls()[0].text


async def test_onboarding_steps_link_only_into_the_app(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    step = {"icon": "USERS", "title": "Команда", "description": "Найди команду", "href": "/teams"}
    plan = {"greeting": "Привет!", "main_suggestion": "Заполни профиль", "steps": [step]}
    fake.reply(
        answer_json({**plan, "steps": [{**step, "href": "https://evil.example"}]}),
        answer_json(plan),
    )

    response = await ai_gql(
        mutation(
            "suggestOnboardingSteps",
            "greeting mainSuggestion steps { icon title description href }",
        ),
        {"input": {}},
        as_user=user,
    )

    shown = {"greeting": "Привет!", "mainSuggestion": "Заполни профиль", "steps": [step]}
    assert response.data["suggestOnboardingSteps"]["output"] == shown
    assert len(fake.calls()) == 2, "the outside link was repaired"


async def test_dashboard_tip_knows_the_callers_teams(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    await create_team(session, captain=user, name="Северные")
    fake.reply(answer_json({"tip": "Разомнитесь перед игрой"}))

    response = await ai_gql(
        mutation("generateDashboardTip", "tip"), {"input": {"focus": "разминка"}}, as_user=user
    )

    assert response.data["generateDashboardTip"]["output"] == {"tip": "Разомнитесь перед игрой"}
    assert "Северные" in fake.calls()[0].text


async def test_news_digest_comes_from_our_data(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    team = await create_team(session, name="Новички Казани", city="Казань")
    item = {
        "title": "Новая команда",
        "summary": "В Казани",
        "category": "TEAM",
        "href": f"/teams/{team.slug}",
    }
    fake.reply(answer_json({"news": [item]}))

    response = await ai_gql(
        mutation("generatePlatformNews", "news { title summary category href }"),
        {"input": {"city": "Казань"}},
        as_user=user,
    )

    assert response.data["generatePlatformNews"]["output"] == {"news": [item]}
    assert "Новички Казани" in fake.calls()[0].text
