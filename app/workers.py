"""The workers (consumer groups) of this service, by name: ``prodvor worker NAME``.

Each domain that reacts to events contributes a ``Worker`` from its ``handlers.py``.
"""

from __future__ import annotations

from app.ai.handlers import AI
from app.challenges.handlers import CHALLENGES_WORKER
from app.chat.handlers import WORKER as CHAT
from app.events.worker import Worker
from app.feed.handlers import FEED_WORKER
from app.gamification.handlers import WORKER as GAMIFICATION
from app.leagues.handlers import LEAGUES_WORKER
from app.matches.handlers import MATCHES_WORKER
from app.notifications.handlers import NOTIFICATIONS
from app.search.handlers import SEARCH_INDEXER
from app.tournaments.handlers import TOURNAMENTS_WORKER


def all_workers() -> dict[str, Worker]:
    workers: list[Worker] = [
        CHAT,
        MATCHES_WORKER,
        NOTIFICATIONS,
        AI,
        GAMIFICATION,
        TOURNAMENTS_WORKER,
        SEARCH_INDEXER,
        FEED_WORKER,
        LEAGUES_WORKER,
        CHALLENGES_WORKER,
    ]
    return {worker.name: worker for worker in workers}
