"""All configuration, read from the environment in one place.

Each group is its own ``BaseSettings`` with an ``env_prefix`` so that the variables keep the
conventional names operators expect (``DATABASE_URL``, ``AUTH_ISSUER``...). ``APP_ENV`` picks
an optional ``.env.<env>`` file.
"""

from __future__ import annotations

import os
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class AppEnv(StrEnum):
    DEV = "dev"
    TEST = "test"
    PROD = "prod"


def _env_file() -> tuple[str, ...]:
    return (f".env.{os.environ.get('APP_ENV', AppEnv.PROD.value)}",)


class _Group(BaseSettings):
    model_config = SettingsConfigDict(env_file=_env_file(), extra="ignore")


class DatabaseSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="DATABASE_")

    url: str | None = None
    pool_size: int = 10
    max_overflow: int = 10
    pool_timeout_s: float = 10.0
    statement_timeout_ms: int = 5_000
    echo: bool = False


class AuthSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="AUTH_")

    issuer: str | None = None
    """OIDC issuer URL (Keycloak realm). Unset in dev means the built-in dev issuer."""
    audience: str = "prodvor-bff"
    client_id: str = "prodvor-bff"
    algorithms: list[str] = Field(default_factory=lambda: ["RS256", "ES256"])
    leeway_s: int = 30
    jwks_min_refresh_interval_s: float = 60.0
    http_timeout_s: float = 5.0
    dev_issuer: bool = False
    """Serve the built-in dev issuer. Only allowed when APP_ENV is dev or test."""
    public_url: str = "http://localhost:8000"


class UserSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="USERS_")

    nickname_cooldown_days: int = 30


class TeamSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="TEAMS_")

    max_captained_teams: int = 10
    """Active teams one user may captain: teams are free to create and rewarded, so capped."""


class GraphQLSettings(_Group):
    model_config = SettingsConfigDict(env_prefix="GRAPHQL_")

    graphiql: bool | None = None
    """Defaults to on in dev and off elsewhere."""
    parser_cache_size: int = 1_024
    validation_cache_size: int = 1_024
    ws_connection_init_timeout_s: float = 3.0


class Settings(_Group):
    app_env: AppEnv = AppEnv.PROD
    data_dir: Path = Path(".data")
    log_level: str = "INFO"
    log_json: bool = True
    secret_key: SecretStr = SecretStr("")

    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)
    users: UserSettings = Field(default_factory=UserSettings)
    teams: TeamSettings = Field(default_factory=TeamSettings)
    graphql: GraphQLSettings = Field(default_factory=GraphQLSettings)

    @property
    def is_dev(self) -> bool:
        return self.app_env is AppEnv.DEV

    @property
    def dev_issuer_enabled(self) -> bool:
        return self.auth.dev_issuer or (self.is_dev and self.auth.issuer is None)

    @property
    def graphiql_enabled(self) -> bool:
        if self.graphql.graphiql is not None:
            return self.graphql.graphiql
        return self.is_dev


@lru_cache
def get_settings() -> Settings:
    return Settings()
