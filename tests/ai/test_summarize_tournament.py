"""summarizeTournament: the article comes from the finished tournament's bracket."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.teams.models import Team
from app.tournaments.models import EntryStatus, Tournament, TournamentMatch, TournamentStatus
from tests.ai.fake_gemini import FakeGemini, answer_json
from tests.ai.match_support import audit_rows, payload, prompt_data
from tests.factories import create_sport, create_team, create_user
from tests.tournaments.helpers import create_entry, create_tournament

SUMMARIZE = payload("summarizeTournament", "article highlights socialPost")
SUMMARY = {"article": "Первые стали чемпионами", "highlights": ["Финал 2:1"], "social_post": "Ура!"}
GAMES = [
    ("W1-1", 1, 0, 3, 3, 0, "home"),
    ("W1-2", 1, 1, 2, 1, 2, "away"),
    ("W2-1", 2, 0, 2, 2, 1, "home"),
]
"""Slot, round, home and away seed (0-based), score and the winning side."""


async def finished_cup(session: AsyncSession) -> tuple[Tournament, list[Team]]:
    """Four teams, single elimination: Первые beat Третьи 2:1 in the final."""
    sport = await create_sport(session)
    names = ["Первые", "Вторые", "Третьи", "Четвёртые"]
    clubs = [await create_team(session, sport=sport, name=name) for name in names]
    cup = await create_tournament(
        session, sport=sport, status=TournamentStatus.FINISHED, capacity=4, name="Осенний кубок"
    )
    for seed, club in enumerate(clubs, start=1):
        entry = await create_entry(session, cup, team=club, status=EntryStatus.APPROVED)
        entry.seed = seed
    now = datetime.now(UTC)
    for key, round_no, home, away, home_score, away_score, side in GAMES:
        session.add(
            TournamentMatch(
                tournament_id=cup.id,
                slot_key=key,
                round=round_no,
                home_seed=home,
                away_seed=away,
                home_score=home_score,
                away_score=away_score,
                winner_side=side,
                confirmed_at=now,
            )
        )
    cup.champion_team_id = clubs[0].id
    cup.finished_at = now
    await session.flush()
    return cup, clubs


async def test_the_summary_tells_the_final(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    cup, _ = await finished_cup(session)
    fake.reply(answer_json(SUMMARY))

    response = await ai_gql(
        SUMMARIZE, {"input": {"tournamentId": str(cup.id)}}, as_user=await create_user(session)
    )

    assert response.data["summarizeTournament"]["output"] == {
        "article": "Первые стали чемпионами",
        "highlights": ["Финал 2:1"],
        "socialPost": "Ура!",
    }
    data = prompt_data(fake.calls()[0])
    assert (data["name"], data["champion"]) == ("Осенний кубок", "Первые")
    assert data["deciding_rounds"][-1]["games"] == [
        {"home": "Первые", "away": "Третьи", "score": "2:1", "winner": "Первые"}
    ]
    assert [g["score"] for g in data["deciding_rounds"][0]["games"]] == ["3:0", "1:2"]


async def test_a_running_tournament_has_no_summary_yet(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    cup = await create_tournament(session, status=TournamentStatus.IN_PROGRESS)

    response = await ai_gql(
        SUMMARIZE, {"input": {"tournamentId": str(cup.id)}}, as_user=await create_user(session)
    )

    assert response.data["summarizeTournament"] == {
        "__typename": "ValidationFailed",
        "fields": [{"path": "tournamentId", "code": "NOT_ALLOWED"}],
    }
    assert fake.requests == []
    assert await audit_rows(session) == 0


async def test_someone_elses_draft_is_not_found(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    draft = await create_tournament(session, status=TournamentStatus.DRAFT)

    response = await ai_gql(
        SUMMARIZE, {"input": {"tournamentId": str(draft.id)}}, as_user=await create_user(session)
    )

    assert response.data["summarizeTournament"]["__typename"] == "NotFound"
    assert fake.requests == []
    assert await audit_rows(session) == 0
