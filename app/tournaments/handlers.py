"""The tournaments worker: confirmed results advance the bracket."""

from __future__ import annotations

from app.events.worker import HandlerContext, Worker
from app.matches.events import MatchConfirmed
from app.tournaments import advancement, guards  # noqa: F401  (registers the guards)


async def advance_bracket(ctx: HandlerContext, event: MatchConfirmed) -> None:
    await advancement.on_match_confirmed(ctx.session, event, now=ctx.now)


TOURNAMENTS_WORKER = Worker("tournaments", {MatchConfirmed: [advance_bracket]})
