"""Which domain events notify whom: one entry per event type, gathered in ``TRIGGERS``.

A trigger reads what the texts need (names, slugs) through the owning domain's services and
returns the notices for the event, usually one: a type, the recipients, a Russian title and
body, and a frontend route. Adding a trigger for a new domain is one function in a module
here and its entry in that module's ``TRIGGERS``.
"""

from __future__ import annotations

from app.notifications.triggers import (
    challenges,
    chat,
    game,
    lobbies,
    matches,
    moderation,
    playgrounds,
    social,
    teams,
    tournaments,
    users,
)
from app.notifications.triggers.base import Trigger

TRIGGERS: dict[type, Trigger] = {
    **users.TRIGGERS,
    **teams.TRIGGERS,
    **matches.TRIGGERS,
    **playgrounds.TRIGGERS,
    **game.TRIGGERS,
    **social.TRIGGERS,
    **moderation.TRIGGERS,
    **lobbies.TRIGGERS,
    **challenges.TRIGGERS,
    **tournaments.TRIGGERS,
    **chat.TRIGGERS,
}

__all__ = ["TRIGGERS", "Trigger"]
