"""A newcomer's first steps, end to end: GraphQL requests commit events, the relay and the
gamification worker run as in ``prodvor serve``, and the player's numbers add up: registering,
completing the profile, creating a team, checking in, then challenging a rival team and
winning the match both captains confirm.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from app.achievements.seed import seed_achievements
from app.auth.dev_issuer import DevIssuer
from app.db import Database
from app.main import create_app
from app.quests.seed import seed_quests
from app.settings import Settings
from tests.economy.support import check_ledger
from tests.events.support import event_settings
from tests.factories import create_playground, create_sport, create_team, create_user
from tests.fixtures.app import TestClock, make_container, token_for

pytestmark = pytest.mark.slow

ME = """
query {
  me { xp rank { title } nextRank { title min } }
  wallet { balance transfers(first: 20) { nodes { kind amount description } } }
  quests(type: SPECIAL) { code progress completed claimed }
}
"""
ACHIEVEMENTS = "query($id: ID!) { achievements(userId: $id) { code unlocked } }"
PROFILE = """
mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { __typename } }
"""
CREATE_TEAM = """
mutation($input: CreateTeamInput!) {
  createTeam(input: $input) { __typename ... on CreateTeamPayload { team { id } } }
}
"""
CHALLENGE = """
mutation($input: ChallengeTeamInput!) {
  challengeTeam(input: $input) { __typename ... on ChallengeTeamPayload { challenge { id } } }
}
"""
RESPOND = """
mutation($input: RespondToChallengeInput!) {
  respondToChallenge(input: $input) {
    __typename ... on RespondToChallengePayload { match { id } }
  }
}
"""
START = "mutation($input: StartMatchInput!) { startMatch(input: $input) { __typename } }"
REPORT = """
mutation($input: ReportMatchResultInput!) { reportMatchResult(input: $input) { __typename } }
"""
CHECK_IN = "mutation($input: CheckInInput!) { checkIn(input: $input) { __typename } }"
CLAIM = """
mutation($input: ClaimQuestRewardInput!) {
  claimQuestReward(input: $input) { __typename ... on ClaimQuestRewardPayload { pd xp balance } }
}
"""


class Player:
    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client = client
        self.token = token

    async def __call__(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        response = await self.client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.token}"},
        )
        payload = response.json()
        assert "errors" not in payload, payload
        return payload["data"]

    async def wait_for_balance(self, balance: int, within: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + within
        while True:
            state = await self(ME)
            if state["wallet"]["balance"] >= balance or time.monotonic() > deadline:
                return state  # type: ignore[no-any-return]
            await asyncio.sleep(0.1)

    async def wait_for_quest(self, code: str, kind: str, within: float = 30.0) -> dict[str, Any]:
        query = "query($t: QuestType) { quests(type: $t) { code progress completed claimed } }"
        deadline = time.monotonic() + within
        while True:
            [quest] = [q for q in (await self(query, {"t": kind}))["quests"] if q["code"] == code]
            if quest["completed"] or time.monotonic() > deadline:
                return quest  # type: ignore[no-any-return]
            await asyncio.sleep(0.1)


def specials(state: dict[str, Any]) -> dict[str, tuple[int, bool, bool]]:
    return {q["code"]: (q["progress"], q["completed"], q["claimed"]) for q in state["quests"]}


async def test_a_newcomers_first_steps(
    committed_database: Database, settings: Settings, dev_issuer: DevIssuer, clock: TestClock
) -> None:
    async with committed_database.transaction() as session:
        await seed_quests(session)
        await seed_achievements(session)
        sport = await create_sport(session)
        playground = await create_playground(session)
        rival_captain = await create_user(session)
        rival = await create_team(session, captain=rival_captain, sport=sport)
    container = make_container(
        event_settings(settings, None), committed_database, dev_issuer, clock
    )
    await container.events.start(relay=True, workers=True, hub=False)
    token = dev_issuer.mint("newcomer-1", username="newcomer", name="Новичок Новиков")
    transport = httpx.ASGITransport(app=create_app(container=container))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            player = Player(client, token)
            team_id = await run(player, str(sport.id), str(playground.id))
            rival_player = Player(client, token_for(dev_issuer, rival_captain))
            await win_a_match(
                player, rival_player, team_id, str(rival.id), str(playground.id), clock.now()
            )
    finally:
        await container.events.stop()
    async with committed_database.transaction() as session:
        await check_ledger(session)


async def run(player: Player, sport_id: str, playground_id: str) -> str:
    registered = await player.wait_for_balance(50)
    await player(
        PROFILE,
        {
            "input": {
                "nickname": "newbie",
                "avatarUrl": "https://cdn.example.com/newbie.png",
                "city": "Москва",
                "birthDate": "2001-05-05",
                "bio": "Только начинаю",
            }
        },
    )
    team = {"name": "Новички", "sportId": sport_id, "city": "Москва"}
    created = await player(CREATE_TEAM, {"input": team})
    earned = await player.wait_for_balance(300)

    assert registered["wallet"]["balance"] == 50
    assert earned["me"] == {
        "xp": 100,
        "rank": {"title": "Возьмите меня"},
        "nextRank": {"title": "Уже бегу", "min": 101},
    }
    assert sorted(t["description"] for t in earned["wallet"]["transfers"]["nodes"]) == [
        "Заполнение профиля",
        "Регистрация на платформе",
        "Создание команды",
    ]
    assert specials(earned) == {
        "special.first-team": (1, True, False),
        "special.first-tournament": (0, False, False),
        "onboarding.profile": (1, True, False),
        "onboarding.first-match": (0, False, False),
        "onboarding.team": (1, True, False),
        "onboarding.first-tournament": (0, False, False),
        "onboarding.friends": (0, False, False),
    }

    for code in ("special.first-team", "onboarding.profile", "onboarding.team"):
        await claim(player, code)
    final = await player(ME)
    me = await player("query { me { id } }")
    achievements = await player(ACHIEVEMENTS, {"id": me["me"]["id"]})

    assert final["wallet"]["balance"] == 300 + 200 + 100 + 150
    assert final["me"] == {
        "xp": 100 + 200 + 100 + 150,
        "rank": {"title": "Упорный"},
        "nextRank": {"title": "Уличный боец", "min": 1001},
    }
    assert {code for code, (_, _, claimed) in specials(final).items() if claimed} == {
        "special.first-team",
        "onboarding.profile",
        "onboarding.team",
    }
    assert [a["code"] for a in achievements["achievements"] if a["unlocked"]] == []

    checked_in = await player(CHECK_IN, {"input": {"playgroundId": playground_id}})
    daily = await player.wait_for_quest("daily.check-in", "DAILY")
    await claim(player, "daily.check-in", "DAILY")
    last = await player(ME)

    assert checked_in["checkIn"]["__typename"] == "CheckInPayload"
    assert (daily["progress"], daily["completed"], daily["claimed"]) == (1, True, False)
    assert last["wallet"]["balance"] == final["wallet"]["balance"] + 15
    assert last["me"]["xp"] == final["me"]["xp"] + 15
    team_id: str = created["createTeam"]["team"]["id"]
    return team_id


async def win_a_match(
    player: Player, rival: Player, team_id: str, rival_id: str, playground_id: str, now: datetime
) -> None:
    """Challenge the rival for half an hour from now, start at once, win 3:1 (both captains
    report it): the first match pays 25 PD, the win 50 PD; XP 50 for playing and 100 for the
    win; the first-match quest and the first-win achievement complete."""
    before = await player(ME)
    proposed_at = (now + timedelta(minutes=30)).isoformat()
    challenge = {
        "fromTeamId": team_id,
        "toTeamId": rival_id,
        "proposedAt": proposed_at,
        "playgroundId": playground_id,
    }
    sent = await player(CHALLENGE, {"input": challenge})
    answer = {"challengeId": sent["challengeTeam"]["challenge"]["id"], "answer": "ACCEPT"}
    accepted = await rival(RESPOND, {"input": answer})
    match = {"matchId": accepted["respondToChallenge"]["match"]["id"]}
    started = await player(START, {"input": match})
    ours = await player(REPORT, {"input": {**match, "ourScore": 3, "theirScore": 1}})
    theirs = await rival(REPORT, {"input": {**match, "ourScore": 1, "theirScore": 3}})
    won = await player.wait_for_balance(before["wallet"]["balance"] + 75)
    quest = await player.wait_for_quest("onboarding.first-match", "SPECIAL")
    await claim(player, "onboarding.first-match")
    after = await player(ME)
    me = await player("query { me { id } }")
    achievements = await player(ACHIEVEMENTS, {"id": me["me"]["id"]})

    assert (started["startMatch"]["__typename"], ours["reportMatchResult"]["__typename"]) == (
        "MatchPayload",
        "MatchPayload",
    )
    assert theirs["reportMatchResult"]["__typename"] == "MatchPayload"
    assert won["wallet"]["balance"] == before["wallet"]["balance"] + 25 + 50
    assert won["me"]["xp"] == before["me"]["xp"] + 50 + 100
    assert descriptions(won) - descriptions(before) == Counter(
        ["Победа в матче", "Первый сыгранный матч"]
    )
    assert (quest["progress"], quest["completed"], quest["claimed"]) == (1, True, False)
    assert after["wallet"]["balance"] == won["wallet"]["balance"] + 25
    assert after["me"] == {
        "xp": won["me"]["xp"] + 25,
        "rank": {"title": "Упорный"},
        "nextRank": {"title": "Уличный боец", "min": 1001},
    }
    assert [a["code"] for a in achievements["achievements"] if a["unlocked"]] == ["first-win"]


def descriptions(state: dict[str, Any]) -> Counter[str]:
    return Counter(t["description"] for t in state["wallet"]["transfers"]["nodes"])


async def claim(player: Player, code: str, kind: str = "SPECIAL") -> None:
    quests = await player("query($t: QuestType) { quests(type: $t) { id code } }", {"t": kind})
    [quest_id] = [q["id"] for q in quests["quests"] if q["code"] == code]
    result = await player(CLAIM, {"input": {"questId": quest_id}})
    assert result["claimQuestReward"]["__typename"] == "ClaimQuestRewardPayload"
