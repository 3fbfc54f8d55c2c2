"""draftTournament: a createTournament draft checked by createTournament's rules; no writes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.sports.models import Sport
from app.tournaments.models import Tournament
from tests.ai.fake_gemini import FakeGemini, answer_json
from tests.ai.match_support import audit_rows, payload, prompt_data
from tests.factories import create_playground, create_sport, create_user
from tests.fixtures.app import TestClock

SETTINGS = (
    "name sportId city format capacity registrationOpensAt registrationClosesAt startsAt "
    "playgroundId description rules prize entryFee rosterMin rosterMax thirdPlace groupCount "
    "advancePerGroup swissRounds"
)
DRAFT = payload("draftTournament", f"summary settings {{ {SETTINGS} }}")
CREATE = """
mutation($input: CreateTournamentInput!) {
  createTournament(input: $input) { __typename ... on TournamentPayload { tournament { name } } }
}
"""
IDEA = {"idea": "Летний кубок двора по мини-футболу на 8 команд", "city": "Казань"}


def settings(sport: Sport, now: datetime, **overrides: Any) -> dict[str, Any]:
    return {
        "name": "Летний кубок двора",
        "sport_id": str(sport.id),
        "city": "Казань",
        "format": "SINGLE_ELIMINATION",
        "capacity": 8,
        "registration_opens_at": (now + timedelta(days=1)).isoformat(),
        "registration_closes_at": (now + timedelta(days=10)).isoformat(),
        "starts_at": (now + timedelta(days=12)).isoformat(),
        "description": "Играем на выбывание",
        "third_place": True,
        **overrides,
    }


async def tournaments(session: AsyncSession) -> int:
    return (await session.scalar(select(func.count()).select_from(Tournament))) or 0


async def test_the_draft_is_submittable_as_it_is(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession, clock: TestClock
) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    sport = await create_sport(session, name="Мини-футбол")
    place = await create_playground(session, name="Стадион у дома", city="Казань")
    answer = settings(sport, clock.now(), playground_id=str(place.id))
    fake.reply(answer_json({"settings": answer, "summary": "Проверьте даты"}))

    response = await ai_gql(DRAFT, {"input": IDEA}, as_user=organizer)

    draft = response.data["draftTournament"]["output"]["settings"]
    assert (draft["name"], draft["capacity"], draft["playgroundId"]) == (
        "Летний кубок двора",
        8,
        str(place.id),
    )
    data = prompt_data(fake.calls()[0])
    assert {"id": str(sport.id), "name": "Мини-футбол"} in data["sports"]
    assert [p["name"] for p in data["playgrounds"]] == ["Стадион у дома"]
    assert await tournaments(session) == 0, "the wizard saves nothing"
    created = await ai_gql(CREATE, {"input": {"settings": draft}}, as_user=organizer)
    assert created.data["createTournament"] == {
        "__typename": "TournamentPayload",
        "tournament": {"name": "Летний кубок двора"},
    }


async def test_a_draft_breaking_create_rules_is_sent_back_then_ai_failed(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession, clock: TestClock
) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    sport = await create_sport(session)
    past = settings(sport, clock.now(), starts_at=(clock.now() - timedelta(days=1)).isoformat())
    unknown = settings(await create_sport(session), clock.now())
    fake.reply(
        answer_json({"settings": past, "summary": ""}),
        answer_json({"settings": {**unknown, "capacity": 200}, "summary": ""}),
    )

    response = await ai_gql(DRAFT, {"input": {**IDEA, "sportId": str(sport.id)}}, as_user=organizer)

    assert response.data["draftTournament"] == {
        "__typename": "AiFailed",
        "reason": "INVALID_OUTPUT",
        "retryable": True,
    }
    _, repair = fake.calls()
    assert "settings.startsAt" in repair.text
    assert "settings.registrationClosesAt" in repair.text
    assert await tournaments(session) == 0


async def test_only_organizers_and_staff_draft_tournaments(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    player = await create_user(session)

    response = await ai_gql(DRAFT, {"input": IDEA}, as_user=player)

    assert response.error_codes == ["FORBIDDEN"]
    assert fake.requests == []
    assert await audit_rows(session) == 0


async def test_a_short_idea_or_unknown_sport_is_validation_failed(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])

    short = await ai_gql(DRAFT, {"input": {"idea": "Кубок"}}, as_user=organizer)
    unknown = await ai_gql(
        DRAFT,
        {"input": {**IDEA, "sportId": "00000000-0000-0000-0000-000000000000"}},
        as_user=organizer,
    )

    assert short.data["draftTournament"]["fields"] == [{"path": "idea", "code": "TOO_SHORT"}]
    assert unknown.data["draftTournament"]["fields"] == [{"path": "sportId", "code": "NOT_FOUND"}]
    assert fake.requests == []
