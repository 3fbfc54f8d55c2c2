"""suggestMatchChallenge: drafts of challengeTeam's input from our data, checked, submittable."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.sports.models import Sport
from app.teams.models import Team
from tests.ai.fake_gemini import FakeGemini, answer_json
from tests.ai.match_support import audit_rows, payload, prompt_data, two_sides
from tests.factories import (
    add_member,
    create_match,
    create_playground,
    create_team,
    create_user,
)
from tests.fixtures.app import TestClock

SUGGEST = payload(
    "suggestMatchChallenge",
    "summary drafts { fromTeamId toTeamId playgroundId proposedAt message reason }",
)
CHALLENGE = """
mutation($input: ChallengeTeamInput!) {
  challengeTeam(input: $input) { __typename ... on ChallengeTeamPayload { challenge { id } } }
}
"""


def draft(home: Team, away: Team, playground: Any, at: Any) -> dict[str, Any]:
    return {
        "from_team_id": str(home.id),
        "to_team_id": str(away.id),
        "playground_id": str(playground.id),
        "proposed_at": at.isoformat(),
        "message": "Сыграем в субботу?",
        "reason": "Близкий рейтинг",
    }


async def test_the_draft_comes_from_our_data_and_can_be_sent(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession, clock: TestClock
) -> None:
    home, away, alice, _ = await two_sides(session)
    await create_team(session, name="Шахматисты")
    sport = await session.get_one(Sport, home.sport_id)
    place = await create_playground(session, name="Коробка у школы", sports=[sport])
    busy_at = clock.now() + timedelta(days=2)
    await create_match(session, home=home, away=away, scheduled_at=busy_at)
    at = clock.now() + timedelta(days=3)
    fake.reply(answer_json({"summary": "Один вариант", "drafts": [draft(home, away, place, at)]}))

    response = await ai_gql(SUGGEST, {"input": {"teamId": str(home.id)}}, as_user=alice)

    [suggested] = response.data["suggestMatchChallenge"]["output"]["drafts"]
    assert (suggested["toTeamId"], suggested["playgroundId"]) == (str(away.id), str(place.id))
    data = prompt_data(fake.calls()[0])
    assert [t["name"] for t in data["opponents"]] == ["Южные"]
    assert [p["name"] for p in data["playgrounds"]] == ["Коробка у школы"]
    assert data["busy"] == [busy_at.isoformat()]
    fields = {k: v for k, v in suggested.items() if k != "reason"}
    sent = await ai_gql(CHALLENGE, {"input": fields}, as_user=alice)
    assert sent.data["challengeTeam"]["__typename"] == "ChallengeTeamPayload"


async def test_an_invented_opponent_or_a_busy_time_is_sent_back_for_repair(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession, clock: TestClock
) -> None:
    home, away, alice, _ = await two_sides(session)
    place = await create_playground(session, sports=[await session.get_one(Sport, home.sport_id)])
    busy_at = clock.now() + timedelta(days=2)
    await create_match(session, home=home, away=away, scheduled_at=busy_at)
    stranger_team = await create_team(session)
    wrong = [
        draft(home, stranger_team, place, clock.now() + timedelta(days=3)),
        draft(home, away, place, busy_at + timedelta(minutes=30)),
    ]
    right = [draft(home, away, place, clock.now() + timedelta(days=3))]
    fake.reply(
        answer_json({"summary": "", "drafts": wrong}), answer_json({"summary": "", "drafts": right})
    )

    response = await ai_gql(SUGGEST, {"input": {"teamId": str(home.id)}}, as_user=alice)

    drafts = response.data["suggestMatchChallenge"]["output"]["drafts"]
    assert [d["toTeamId"] for d in drafts] == [str(away.id)]
    _, repair = fake.calls()
    assert "drafts.0: to_team_id" in repair.text
    assert "drafts.1: proposed_at" in repair.text


async def test_a_second_answer_outside_our_data_is_ai_failed(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession, clock: TestClock
) -> None:
    home, away, alice, _ = await two_sides(session)
    place = await create_playground(session)
    invented = {
        "summary": "",
        "drafts": [draft(home, away, place, clock.now() + timedelta(days=1))],
    }
    fake.reply(answer_json(invented), answer_json(invented))

    response = await ai_gql(SUGGEST, {"input": {"teamId": str(home.id)}}, as_user=alice)

    assert response.data["suggestMatchChallenge"] == {
        "__typename": "AiFailed",
        "reason": "INVALID_OUTPUT",
        "retryable": True,
    }


async def test_only_the_captain_uses_the_wizard(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    home, _, _, bob = await two_sides(session)
    player = await add_member(session, team=home)

    answers = [
        await ai_gql(SUGGEST, {"input": {"teamId": str(home.id)}}, as_user=user)
        for user in (player, bob, await create_user(session))
    ]

    assert [a.error_codes for a in answers] == [["FORBIDDEN"]] * 3
    assert fake.requests == []
    assert await audit_rows(session) == 0


async def test_invalid_wishes_are_validation_failed(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    home, _, alice, _ = await two_sides(session)

    response = await ai_gql(
        SUGGEST,
        {"input": {"teamId": str(home.id), "wishes": "x" * 501, "city": "М"}},
        as_user=alice,
    )

    assert response.data["suggestMatchChallenge"] == {
        "__typename": "ValidationFailed",
        "fields": [{"path": "wishes", "code": "TOO_LONG"}, {"path": "city", "code": "TOO_SHORT"}],
    }
    assert fake.requests == []
