"""Match flows through the fake: prediction, report, dispute analysis and the social post."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.models import AiUsageDay
from app.ai.quota import today
from app.auth.roles import Role
from app.matches.models import MatchStatus, ResultKind
from tests.ai.fake_gemini import FakeGemini, answer_json
from tests.ai.match_support import (
    audit_rows,
    disputed,
    match_input,
    payload,
    played,
    prompt_data,
    two_sides,
)
from tests.factories import create_match, create_user
from tests.fixtures.app import TestClock

PREDICT = payload("predictMatchOutcome", "predictedWinner confidence reasoning")
REPORT = payload(
    "analyzeMatchReport", "summary keyMoment mvp { name reason } homeAdvice awayAdvice"
)
DISPUTE = payload(
    "analyzeMatchDispute",
    "summary homePosition awayPosition protocolFindings suggestedHomeScore suggestedAwayScore "
    "recommendation confidence",
)
POST = payload("generateMatchPost", "text hashtags")
PREDICTION = {"predicted_winner": "HOME", "confidence": "MEDIUM", "reasoning": "Выше рейтинг"}
ANALYSIS = {
    "summary": "Северные дожали",
    "key_moment": "Гол на 77-й",
    "mvp": {"name": "Вера Голеадор", "reason": "Два гола"},
    "home_advice": "Держать темп",
    "away_advice": "Играть плотнее",
}
VERDICT = {
    "summary": "Спор о втором голе",
    "home_position": "2:1",
    "away_position": "1:1, офсайд",
    "protocol_findings": "Протокол: 2:1",
    "suggested_home_score": 2,
    "suggested_away_score": 1,
    "recommendation": "Утвердить 2:1",
    "confidence": "HIGH",
}


async def test_a_prediction_reads_ratings_form_and_head_to_head(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    home, away, alice, _ = await two_sides(session)
    home.rating, away.rating = 12.5, 3.25
    last_week = datetime.now(UTC) - timedelta(days=7)
    await create_match(
        session,
        home=away,
        away=home,
        status=MatchStatus.CONFIRMED,
        scheduled_at=last_week,
        home_score=0,
        away_score=3,
        winner_team_id=home.id,
        result_kind=ResultKind.AGREED,
    )
    upcoming = await create_match(session, home=home, away=away)
    fake.reply(answer_json(PREDICTION))

    first = await ai_gql(PREDICT, match_input(upcoming), as_user=alice)
    second = await ai_gql(PREDICT, match_input(upcoming), as_user=await create_user(session))

    assert first.data["predictMatchOutcome"] == {
        "__typename": "PredictMatchOutcomePayload",
        "cached": False,
        "output": {"predictedWinner": "HOME", "confidence": "MEDIUM", "reasoning": "Выше рейтинг"},
    }
    assert second.data["predictMatchOutcome"]["cached"] is True
    [sent] = fake.calls()
    data = prompt_data(sent)
    assert (data["home"]["rating"], data["away"]["rating"]) == (12.5, 3.25)
    assert data["head_to_head_for_home"] == [
        {
            "date": last_week.date().isoformat(),
            "opponent": "Южные",
            "home": False,
            "score": "3:0",
            "result": "WIN",
        }
    ]


async def test_only_upcoming_matches_are_predicted(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    game = await played(session)

    finished = await ai_gql(PREDICT, match_input(game.match), as_user=game.home_captain)
    malformed = await ai_gql(PREDICT, {"input": {"matchId": "nope"}}, as_user=game.home_captain)

    assert finished.data["predictMatchOutcome"] == {
        "__typename": "ValidationFailed",
        "fields": [{"path": "matchId", "code": "NOT_ALLOWED"}],
    }
    assert malformed.data["predictMatchOutcome"] == {
        "__typename": "ValidationFailed",
        "fields": [{"path": "matchId", "code": "INVALID_FORMAT"}],
    }
    assert fake.requests == []
    assert await audit_rows(session) == 0


async def test_a_match_report_tells_the_protocol(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    game = await played(session)
    fake.reply(answer_json(ANALYSIS))

    response = await ai_gql(REPORT, match_input(game.match), as_user=await create_user(session))

    assert response.data["analyzeMatchReport"]["output"] == {
        "summary": "Северные дожали",
        "keyMoment": "Гол на 77-й",
        "mvp": {"name": "Вера Голеадор", "reason": "Два гола"},
        "homeAdvice": "Держать темп",
        "awayAdvice": "Играть плотнее",
    }
    data = prompt_data(fake.calls()[0])
    assert data["match"]["score"] == "2:1"
    assert [(e["minute"], e["team"], e["player"]) for e in data["protocol"]] == [
        (12, "Северные", "Вера Голеадор"),
        (30, "Южные", "Борис"),
        (77, "Северные", "Вера Голеадор"),
    ]
    assert data["lineups"] == {"Северные": ["Алиса", "Вера Голеадор"], "Южные": ["Борис"]}


async def test_a_malformed_report_twice_is_ai_failed(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    game = await played(session)
    fake.reply(answer_json({"summary": "Без остального"}), answer_json({"mvp": "Вера"}))

    response = await ai_gql(REPORT, match_input(game.match), as_user=game.away_captain)

    assert response.data["analyzeMatchReport"] == {
        "__typename": "AiFailed",
        "reason": "INVALID_OUTPUT",
        "retryable": True,
    }
    assert len(fake.calls()) == 2


async def test_a_report_needs_a_confirmed_match(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    home, away, alice, _ = await two_sides(session)
    upcoming = await create_match(session, home=home, away=away)

    response = await ai_gql(REPORT, match_input(upcoming), as_user=alice)

    assert response.data["analyzeMatchReport"]["__typename"] == "ValidationFailed"
    assert fake.requests == []
    assert await audit_rows(session) == 0


async def test_a_moderator_gets_both_reports_and_the_protocol(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    game = await disputed(session)
    moderator = await create_user(session, roles=[Role.PLAYER, Role.MODERATOR])
    fake.reply(answer_json(VERDICT))

    response = await ai_gql(DISPUTE, match_input(game.match), as_user=moderator)

    output = response.data["analyzeMatchDispute"]["output"]
    assert (output["suggestedHomeScore"], output["suggestedAwayScore"]) == (2, 1)
    assert output["recommendation"] == "Утвердить 2:1"
    data = prompt_data(fake.calls()[0])
    assert data["dispute"]["reason"] == "Счёт не совпал"
    assert [(r["side"], r["score_home_away"], r["comment"]) for r in data["reports"]] == [
        ("HOME", "2:1", "Второй гол был чистым"),
        ("AWAY", "1:1", "Второй гол из офсайда"),
    ]
    assert len(data["protocol"]) == 3


async def test_only_judges_of_the_match_and_moderators_analyse_a_dispute(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    game = await disputed(session)
    other_judge = await create_user(session, roles=[Role.PLAYER, Role.JUDGE])

    captain = await ai_gql(DISPUTE, match_input(game.match), as_user=game.home_captain)
    judge = await ai_gql(DISPUTE, match_input(game.match), as_user=other_judge)

    assert captain.error_codes == ["FORBIDDEN"]
    assert judge.error_codes == ["FORBIDDEN"]
    assert fake.requests == []
    assert await audit_rows(session) == 0


async def test_a_dispute_analysis_needs_a_disputed_match(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    game = await played(session)
    moderator = await create_user(session, roles=[Role.PLAYER, Role.MODERATOR])

    response = await ai_gql(DISPUTE, match_input(game.match), as_user=moderator)

    assert response.data["analyzeMatchDispute"] == {
        "__typename": "ValidationFailed",
        "fields": [{"path": "matchId", "code": "NOT_ALLOWED"}],
    }
    assert fake.requests == []


async def test_a_social_post_about_the_result(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    game = await played(session)
    post = {"text": "Северные обыграли Южных 2:1!", "hashtags": ["#ДворовыйФутбол"]}
    fake.reply(answer_json(post))

    response = await ai_gql(
        POST, match_input(game.match, angle="дубль Веры"), as_user=game.home_captain
    )

    assert response.data["generateMatchPost"]["output"] == post
    data = prompt_data(fake.calls()[0])
    assert data["angle"] == "дубль Веры"
    assert [s["player"] for s in data["scorers"]] == ["Вера Голеадор", "Борис", "Вера Голеадор"]


async def test_a_spent_quota_stops_the_post(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession, clock: TestClock
) -> None:
    game = await played(session)
    user = game.away_captain
    session.add(AiUsageDay(user_id=user.id, day=today(clock.now()), tokens=100_000))

    response = await ai_gql(POST, match_input(game.match), as_user=user)

    assert response.data["generateMatchPost"]["__typename"] == "QuotaExceeded"
    assert response.data["generateMatchPost"]["retryAfter"] > 0
    assert fake.requests == []
