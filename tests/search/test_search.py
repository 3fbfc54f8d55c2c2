"""``search``: hybrid (lexical here) retrieval with filters, visibility and typed results."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.gemini import GeminiGateway
from app.playgrounds.models import PlaygroundStatus
from app.search.embedders import GeminiEmbedder
from app.settings import AiSettings
from tests.ai.conftest import ai_settings
from tests.ai.fake_gemini import FakeGemini
from tests.factories import create_playground, create_sport, create_team, create_user
from tests.fixtures.configured import Configure
from tests.fixtures.statements import StatementCounter
from tests.search.support import SEARCH, documents, index_everything


def found(response: Any) -> list[tuple[str, str]]:
    assert response.errors is None, response.errors
    return [(hit["type"], hit["title"]) for hit in response.data["search"]]


async def test_private_pending_and_rejected_items_never_appear(
    gql: Any, session: AsyncSession
) -> None:
    sport = await create_sport(session, name="Стритбол")
    viewer = await create_user(session)
    team = await create_team(session, name="Дворовые волки", sport=sport)
    await create_team(
        session, name="Волки запада", sport=sport, disbanded_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    await create_playground(session, name="Волки у школы")
    await create_playground(session, name="Волки в парке", status=PlaygroundStatus.PENDING)
    await create_playground(session, name="Волки на пустыре", status=PlaygroundStatus.REJECTED)
    await create_user(
        session, display_name="Волки Забаненные", banned_until=datetime(2099, 1, 1, tzinfo=UTC)
    )
    await index_everything(session)

    response = await gql(SEARCH, {"query": "волки"}, as_user=viewer)

    assert sorted(found(response)) == [("PLAYGROUND", "Волки у школы"), ("TEAM", "Дворовые волки")]
    assert response.data["search"][0]["team"] or response.data["search"][1]["team"]
    assert [d.title for d in await documents(session, "PLAYGROUND")] == ["Волки у школы"]
    assert [d.source_id for d in await documents(session, "TEAM")] == [team.id]


async def test_hits_carry_the_typed_object_and_a_highlight(gql: Any, session: AsyncSession) -> None:
    viewer = await create_user(session)
    team = await create_team(session, name="Северный ветер", description="Играем в мини-футбол")
    await index_everything(session)

    response = await gql(SEARCH, {"query": "мини-футбол"}, as_user=viewer)

    [hit] = response.data["search"]
    assert (hit["type"], hit["team"], hit["user"], hit["playground"]) == (
        "TEAM",
        {"id": str(team.id), "name": "Северный ветер"},
        None,
        None,
    )
    assert "**" in hit["highlight"]
    assert hit["score"] > 0
    assert 0 < hit["relevance"] <= 1


async def test_filters_by_type_sport_and_city(gql: Any, session: AsyncSession) -> None:
    viewer = await create_user(session)
    basketball = await create_sport(session, name="Баскетбол")
    streetball = await create_sport(session, name="Стритбол", parent=basketball)
    football = await create_sport(session, name="Футбол")
    await create_team(session, name="Искра", sport=streetball, city="Казань")
    await create_team(session, name="Искра Юг", sport=football, city="Казань")
    await create_team(session, name="Искра Север", sport=streetball, city="Пермь")
    await create_playground(session, name="Искра", city="Казань", sports=[streetball])
    await index_everything(session)

    def variables(**extra: object) -> dict[str, object]:
        return {"query": "искра", **extra}

    by_type = await gql(SEARCH, variables(types=["PLAYGROUND"]), as_user=viewer)
    by_sport = await gql(
        SEARCH, variables(types=["TEAM"], sport=str(basketball.id)), as_user=viewer
    )
    by_city = await gql(SEARCH, variables(sport=str(streetball.id), city="пермь"), as_user=viewer)

    assert found(by_type) == [("PLAYGROUND", "Искра")]
    assert sorted(found(by_sport)) == [("TEAM", "Искра"), ("TEAM", "Искра Север")]
    assert found(by_city) == [("TEAM", "Искра Север")]


async def test_a_typo_still_finds_the_team(gql: Any, session: AsyncSession) -> None:
    viewer = await create_user(session)
    await create_team(session, name="Метеор")
    await create_team(session, name="Спартак")
    await index_everything(session)

    response = await gql(SEARCH, {"query": "митеор"}, as_user=viewer)

    assert found(response) == [("TEAM", "Метеор")]


async def test_nothing_matches_an_unrelated_query(gql: Any, session: AsyncSession) -> None:
    viewer = await create_user(session)
    await create_team(session, name="Метеор")
    await index_everything(session)

    response = await gql(SEARCH, {"query": "квантовая хромодинамика"}, as_user=viewer)

    assert found(response) == []


async def test_statement_count_does_not_grow_with_the_hits(
    gql: Any, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await create_user(session)
    await index_everything(session)
    counts = []
    for size in (1, 4):
        for n in range(size):
            await create_team(session, name=f"Ракета {size}{n}")
            await create_playground(session, name=f"Ракета {size}{n}")
            await create_user(session, display_name=f"Ракета {size}{n}")
        await index_everything(session)
        with count_statements() as log:
            response = await gql(SEARCH, {"query": "ракета", "first": 50}, as_user=viewer)
        assert len(response.data["search"]) == 3 * (1 if size == 1 else 5)
        counts.append(len(log))
    assert counts[0] == counts[1]
    assert counts[0] == 7, "rate limit, settings, hybrid query, three loaders, principal"


async def test_the_vector_leg_finds_what_no_word_matches(
    configure: Configure, gemini: tuple[FakeGemini, str], session: AsyncSession
) -> None:
    """The fake embeds a bag of five-letter word prefixes: «футболисты» is near «футбол»,
    which neither the Russian stems (футболист, футбол) nor the title trigrams match."""
    fake, address = gemini
    viewer = await create_user(session)
    await create_team(session, name="Ромашка", description="Играем в футбол по субботам")
    gql = configure(ai=ai_settings(address), search={"embedder": "gemini"})
    gateway = GeminiGateway(AiSettings(**ai_settings(address)))
    try:
        await index_everything(session, GeminiEmbedder(gateway, "gemini-embedding-001"), "TEAM")
    finally:
        await gateway.aclose()
    lexical = configure()

    found_by_vector = await gql(SEARCH, {"query": "футболисты"}, as_user=viewer)
    found_by_words = await lexical(SEARCH, {"query": "футболисты"}, as_user=viewer)

    assert found(found_by_vector) == [("TEAM", "Ромашка")]
    assert found(found_by_words) == []
    query = fake.calls("batchEmbedContents")[-1].body["requests"][0]
    assert (query["taskType"], query["outputDimensionality"]) == ("RETRIEVAL_QUERY", 384)
