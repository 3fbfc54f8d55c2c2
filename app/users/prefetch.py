"""Loading a list's users, and what the selection asks of them, before the list is built.

Domains that add fields to ``User`` (the economy's XP and rank) register what they load with
``also_prefetch``, as they register the fields themselves with ``extend_type``.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence

from app.graphql.context import Info

Prefetcher = Callable[[Info, Sequence[uuid.UUID], str], Awaitable[None]]
"""``(info, user_ids, under)``: ``under`` is where the users sit in the current selection."""

_PREFETCHERS: list[Prefetcher] = []


def also_prefetch(prefetcher: Prefetcher) -> None:
    _PREFETCHERS.append(prefetcher)


async def prefetch_users(info: Info, user_ids: Sequence[uuid.UUID], *, under: str) -> None:
    """Load the users at ``under`` (e.g. "user" for a roster's ``user { ... }``)."""
    await info.context.loaders.user_by_id.load_many(user_ids)
    for prefetcher in _PREFETCHERS:
        await prefetcher(info, user_ids, under)
