"""The long-lived dependencies of one process, built once in the app's lifespan."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from app.ai.runtime import AiRuntime
from app.auth.dev_issuer import DevIssuer
from app.auth.principals import PrincipalCache
from app.auth.tokens import TokenValidator
from app.clock import Clock
from app.db import Database
from app.events.hub import Hub
from app.events.runtime import EventsRuntime
from app.graphql.response_cache import ResponseCache
from app.operations.store import PersistedStore
from app.sessions.browser import BrowserAuth
from app.settings import Settings


@dataclass
class Container:
    settings: Settings
    db: Database
    tokens: TokenValidator
    clock: Clock
    http: httpx.AsyncClient
    events: EventsRuntime
    dev_issuer: DevIssuer | None = None
    browser: BrowserAuth | None = None
    """Browser login and cookie sessions, when configured."""
    persisted: PersistedStore = field(default_factory=PersistedStore)
    ai: AiRuntime | None = None
    """The model gateway and media store; built from ``settings`` on first use if not given."""
    principals: PrincipalCache = field(init=False)
    responses: ResponseCache = field(init=False)

    def __post_init__(self) -> None:
        self.principals = PrincipalCache(self.settings.auth.principal_cache_s)
        self.events.hub.listen(self.principals.observe)
        graphql = self.settings.graphql
        self.responses = ResponseCache(graphql.response_cache_s, graphql.response_cache_mb << 20)
        if self.responses.enabled:
            self.events.hub.listen(self.responses.observe, self.responses.topics())

    def ai_runtime(self) -> AiRuntime:
        if self.ai is None:
            self.ai = AiRuntime.from_settings(self.settings)
        return self.ai

    @property
    def hub(self) -> Hub:
        return self.events.hub
