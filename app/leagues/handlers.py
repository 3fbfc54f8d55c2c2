"""The ``leagues`` worker: confirmed results of league fixtures go into the standings.

Exactly once twice over: ``processed_events`` absorbs a redelivery, and the fixture's
``applied_at`` (set under its row lock) makes even a replay under another consumer a no-op.
"""

from __future__ import annotations

from app.events.worker import HandlerContext, Worker
from app.leagues import service
from app.matches.events import MatchConfirmed


async def apply_league_result(ctx: HandlerContext, event: MatchConfirmed) -> None:
    scores = {
        event.home_team_id: (event.home_score, event.away_score),
        event.away_team_id: (event.away_score, event.home_score),
    }
    await service.apply_confirmed_result(ctx.session, event.match_id, scores, now=ctx.now)


LEAGUES_WORKER = Worker("leagues", {MatchConfirmed: [apply_league_result]})
