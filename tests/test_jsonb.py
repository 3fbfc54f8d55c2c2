"""app.jsonb.contains decides containment as PostgreSQL's ``@>`` does (quest and achievement
filters are matched in memory against activities' attributes)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.jsonb import contains

CASES: list[tuple[Any, Any]] = [
    ({"role": "CAPTAIN", "via": "INVITE"}, {}),
    ({"role": "CAPTAIN", "via": "INVITE"}, {"role": "CAPTAIN"}),
    ({"role": "CAPTAIN"}, {"role": "PLAYER"}),
    ({"role": "CAPTAIN"}, {"role": "CAPTAIN", "via": "INVITE"}),
    ({}, {"role": "CAPTAIN"}),
    ({"n": 1}, {"n": 1.0}),
    ({"n": 1}, {"n": "1"}),
    ({"n": 1}, {"n": True}),
    ({"flag": True}, {"flag": 1}),
    ({"flag": None}, {"flag": None}),
    ({"flag": None}, {"flag": False}),
    ({"tags": ["a", "b", "c"]}, {"tags": ["c", "a", "a"]}),
    ({"tags": ["a", "b"]}, {"tags": ["d"]}),
    ({"tags": ["a", "b"]}, {"tags": "a"}),
    ({"tags": "a"}, {"tags": ["a"]}),
    ({"tags": [["a", "b"], "c"]}, {"tags": [["b"]]}),
    ({"tags": [["a", "b"], "c"]}, {"tags": ["b"]}),
    ({"nested": {"x": 1, "y": {"z": 2}}}, {"nested": {"y": {}}}),
    ({"nested": {"x": 1, "y": {"z": 2}}}, {"nested": {"y": {"z": 3}}}),
    ({"nested": {"x": 1}}, {"x": 1}),
    ({"nested": {}}, {"nested": []}),
]


@pytest.mark.parametrize(("container", "contained"), CASES)
async def test_containment_matches_postgresql(
    session: AsyncSession, container: Any, contained: Any
) -> None:
    expected = await session.scalar(
        text("SELECT CAST(:container AS jsonb) @> CAST(:contained AS jsonb)"),
        {"container": json.dumps(container), "contained": json.dumps(contained)},
    )

    assert contains(container, contained) is expected
