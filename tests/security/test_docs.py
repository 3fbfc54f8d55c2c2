"""docs/security.md lists every limit: each rate-limit policy and each limit setting."""

from __future__ import annotations

from pathlib import Path

import app.graphql.schema  # noqa: F401 - imports every domain, which declares its policies
from app.ratelimit.service import POLICIES
from app.settings import GraphQLSettings, HttpSettings, RateLimitSettings

DOC = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text()


def test_every_rate_limit_policy_is_documented_with_its_default() -> None:
    for key, policy in POLICIES.items():
        assert f"`{key}` | {policy.limit} per" in DOC, key


def test_every_limit_setting_is_documented() -> None:
    for group in (GraphQLSettings, HttpSettings, RateLimitSettings):
        prefix = group.model_config.get("env_prefix", "")
        for name in group.model_fields:
            variable = f"{prefix}{name}".upper()
            assert variable in DOC, variable
