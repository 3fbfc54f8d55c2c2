"""Racing reports, acceptances and auto-confirmations against a really committing database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.auth.dev_issuer import DevIssuer
from app.db import Database
from app.events.models import OutboxEvent
from app.matches.handlers import confirm_overdue_matches
from app.matches.models import Challenge, ChallengeStatus, Match, MatchReport, MatchStatus
from app.users.models import User
from tests.factories import create_team, create_user
from tests.fixtures.app import AppFactory, TestClock, token_for
from tests.matches.helpers import MATCH_FIELDS, Fixture, document, two_teams


class Client:
    def __init__(self, client: httpx.AsyncClient, issuer: DevIssuer) -> None:
        self.client = client
        self.issuer = issuer

    async def __call__(
        self, name: str, values: dict[str, Any], user: User, selection: str = MATCH_FIELDS
    ) -> str:
        headers = {"Authorization": f"Bearer {token_for(self.issuer, user)}"}
        body = {"query": document(name, selection), "variables": {"v": values}}
        payload = (await self.client.post("/graphql", json=body, headers=headers)).json()
        assert "errors" not in payload, payload
        return str(payload["data"][name]["__typename"])

    async def challenge(self, values: dict[str, Any], user: User) -> str:
        headers = {"Authorization": f"Bearer {token_for(self.issuer, user)}"}
        body = {"query": document("challengeTeam", "challenge { id }"), "variables": {"v": values}}
        payload = (await self.client.post("/graphql", json=body, headers=headers)).json()
        return str(payload["data"]["challengeTeam"]["challenge"]["id"])


@pytest.fixture
async def racing(
    committed_database: Database, app_factory: AppFactory, dev_issuer: DevIssuer
) -> AsyncIterator[Client]:
    transport = httpx.ASGITransport(app=app_factory(committed_database))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        yield Client(http, dev_issuer)


async def arranged(db: Database, status: MatchStatus, **fields: Any) -> tuple[Fixture, Match]:
    async with db.transaction() as session:
        f = await two_teams(session)
        match = await f.match(session, status, **fields)
    return f, match


async def events(db: Database, event_type: str) -> int:
    async with db.session() as session:
        stmt = select(func.count()).select_from(OutboxEvent).where(OutboxEvent.type == event_type)
        return int(await session.scalar(stmt) or 0)


@pytest.mark.parametrize(("theirs", "final"), [(1, "CONFIRMED"), (0, "DISPUTED")])
async def test_both_captains_report_at_once(
    committed_database: Database, racing: Client, theirs: int, final: str
) -> None:
    f, match = await arranged(committed_database, MatchStatus.LIVE)
    m = {"matchId": str(match.id)}

    results = await asyncio.gather(
        racing("reportMatchResult", {**m, "ourScore": 2, "theirScore": 1}, f.home_captain),
        racing("reportMatchResult", {**m, "ourScore": theirs, "theirScore": 2}, f.away_captain),
    )

    assert results == ["MatchPayload", "MatchPayload"]
    async with committed_database.session() as session:
        stored = await session.get(Match, match.id)
        reports = (await session.scalars(select(MatchReport))).all()
    assert stored is not None
    assert stored.status == final
    assert len(reports) == 2
    assert await events(committed_database, "match.result_reported") == 1
    confirmed = await events(committed_database, "match.confirmed")
    disputed = await events(committed_database, "match.disputed")
    assert (confirmed, disputed) == ((1, 0) if final == "CONFIRMED" else (0, 1))


async def test_two_auto_confirmation_runners_confirm_once(
    committed_database: Database, clock: TestClock
) -> None:
    f, match = await arranged(
        committed_database,
        MatchStatus.AWAITING_CONFIRMATION,
        confirm_by=clock.now() - timedelta(minutes=1),
    )
    async with committed_database.transaction() as session:
        session.add(
            MatchReport(
                match_id=match.id,
                team_id=f.home.id,
                home_score=4,
                away_score=2,
                reported_by_id=f.home_captain.id,
                reported_at=clock.now() - timedelta(hours=48),
            )
        )

    counts = await asyncio.gather(
        *(confirm_overdue_matches(committed_database, now=clock.now(), batch=1) for _ in range(3))
    )

    assert sorted(counts) == [0, 0, 1]
    assert await events(committed_database, "match.confirmed") == 1
    async with committed_database.session() as session:
        stored = await session.get(Match, match.id)
    assert stored is not None
    assert (stored.status, stored.home_score, stored.away_score) == ("CONFIRMED", 4, 2)


async def test_accepting_two_challenges_for_one_time_schedules_one(
    committed_database: Database, racing: Client, clock: TestClock
) -> None:
    f, _ = await arranged(committed_database, MatchStatus.CANCELLED)
    async with committed_database.transaction() as session:
        rival_captain = await create_user(session)
        rival = await create_team(session, captain=rival_captain, sport=f.sport)
    at = (clock.now() + timedelta(days=2)).isoformat()
    challenge_ids = []
    for opponent in (f.away, rival):
        values = {
            "fromTeamId": str(f.home.id),
            "toTeamId": str(opponent.id),
            "proposedAt": at,
            "playgroundId": str(f.playground.id),
        }
        challenge_ids.append(await racing.challenge(values, f.home_captain))

    results = await asyncio.gather(
        racing(
            "respondToChallenge",
            {"challengeId": challenge_ids[0], "answer": "ACCEPT"},
            f.away_captain,
        ),
        racing(
            "respondToChallenge",
            {"challengeId": challenge_ids[1], "answer": "ACCEPT"},
            rival_captain,
        ),
    )

    assert sorted(results) == ["RespondToChallengePayload", "ScheduleClash"]
    assert await events(committed_database, "match.scheduled") == 1


async def test_withdrawing_while_the_other_captain_accepts_lets_one_win(
    committed_database: Database, racing: Client, clock: TestClock
) -> None:
    f, _ = await arranged(committed_database, MatchStatus.CANCELLED)
    values = {
        "fromTeamId": str(f.home.id),
        "toTeamId": str(f.away.id),
        "proposedAt": (clock.now() + timedelta(days=2)).isoformat(),
        "playgroundId": str(f.playground.id),
    }
    challenge_id = await racing.challenge(values, f.home_captain)

    withdrawn, accepted = await asyncio.gather(
        racing(
            "withdrawMatchChallenge", {"challengeId": challenge_id}, f.home_captain, "__typename"
        ),
        racing(
            "respondToChallenge", {"challengeId": challenge_id, "answer": "ACCEPT"}, f.away_captain
        ),
    )

    async with committed_database.session() as session:
        stored = await session.get_one(Challenge, challenge_id)
        scheduled = await session.scalar(
            select(func.count()).select_from(Match).where(Match.status == MatchStatus.SCHEDULED)
        )
    if stored.status is ChallengeStatus.WITHDRAWN:
        assert (withdrawn, accepted) == ("WithdrawMatchChallengePayload", "ChallengeNotPending")
        assert scheduled == 0
    else:
        assert stored.status is ChallengeStatus.ACCEPTED
        assert (withdrawn, accepted) == ("ChallengeNotPending", "RespondToChallengePayload")
        assert scheduled == 1
    assert (
        await events(committed_database, "match.challenge_withdrawn")
        + await events(committed_database, "match.scheduled")
        == 1
    )


async def test_both_captains_challenging_again_after_expiry_leave_one_pending(
    committed_database: Database, racing: Client, clock: TestClock
) -> None:
    f, _ = await arranged(committed_database, MatchStatus.CANCELLED)
    async with committed_database.transaction() as session:
        stale = Challenge(
            from_team_id=f.home.id,
            to_team_id=f.away.id,
            sport_id=f.sport.id,
            playground_id=f.playground.id,
            proposed_at=clock.now() - timedelta(hours=1),
            awaiting_team_id=f.away.id,
            created_by_id=f.home_captain.id,
        )
        session.add(stale)
    at = (clock.now() + timedelta(days=2)).isoformat()

    def values(ours: Any, theirs: Any) -> dict[str, Any]:
        return {
            "fromTeamId": str(ours.id),
            "toTeamId": str(theirs.id),
            "proposedAt": at,
            "playgroundId": str(f.playground.id),
        }

    results = await asyncio.gather(
        racing("challengeTeam", values(f.home, f.away), f.home_captain, "__typename"),
        racing("challengeTeam", values(f.away, f.home), f.away_captain, "__typename"),
    )

    assert sorted(results) == ["ChallengeAlreadyPending", "ChallengeTeamPayload"]
    async with committed_database.session() as session:
        statuses = (await session.scalars(select(Challenge.status))).all()
    assert sorted(statuses) == [ChallengeStatus.EXPIRED, ChallengeStatus.PENDING]
