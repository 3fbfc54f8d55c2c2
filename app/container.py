"""The long-lived dependencies of one process, built once in the app's lifespan."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from app.auth.dev_issuer import DevIssuer
from app.auth.tokens import TokenValidator
from app.clock import Clock
from app.db import Database
from app.events.hub import Hub
from app.events.runtime import EventsRuntime
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

    @property
    def hub(self) -> Hub:
        return self.events.hub
