"""An app whose AI is on and talks to the loopback fake of the Gemini API."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import SecretStr

from app.settings import Settings
from tests.ai.fake_gemini import FakeGemini
from tests.fixtures.configured import Configure
from tests.fixtures.live import serve

API_KEY = "AIzaTEST" + secrets.token_hex(12)


def ai_settings(address: str, **overrides: Any) -> dict[str, Any]:
    return {
        "api_key": SecretStr(API_KEY),
        "base_url": f"http://{address}",
        "retry_initial_delay_s": 0.01,
        "retry_max_delay_s": 0.02,
        "timeout_s": 5.0,
        **overrides,
    }


@pytest.fixture
async def gemini() -> AsyncIterator[tuple[FakeGemini, str]]:
    fake = FakeGemini()
    async with serve(fake.app()) as address:
        yield fake, address


@pytest.fixture
def fake(gemini: tuple[FakeGemini, str]) -> FakeGemini:
    return gemini[0]


@pytest.fixture
def ai_gql(configure: Configure, gemini: tuple[FakeGemini, str], settings: Settings) -> Any:
    """A GQL client of the app with Gemini configured (the fake's address)."""
    return configure(ai=ai_settings(gemini[1]))
