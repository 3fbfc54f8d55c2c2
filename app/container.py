"""The long-lived dependencies of one process, built once in the app's lifespan."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from app.auth.dev_issuer import DevIssuer
from app.auth.tokens import TokenValidator
from app.clock import Clock
from app.db import Database
from app.operations.store import PersistedStore
from app.settings import Settings


@dataclass
class Container:
    settings: Settings
    db: Database
    tokens: TokenValidator
    clock: Clock
    http: httpx.AsyncClient
    dev_issuer: DevIssuer | None = None
    persisted: PersistedStore = field(default_factory=PersistedStore)
