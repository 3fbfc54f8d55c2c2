"""Which domain events notify whom: one entry per event type, gathered in ``TRIGGERS``.

A trigger reads what the texts need (names, slugs) through the owning domain's services and
returns the notices for the event, usually one: a type, the recipients, a Russian title and
body, and a frontend route. Adding a trigger for a new domain is one function in a module
here and its entry in that module's ``TRIGGERS``.
"""

from __future__ import annotations

from app.notifications.triggers import (
    chat,
    game,
    matches,
    playgrounds,
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
    **tournaments.TRIGGERS,
    **chat.TRIGGERS,
}

__all__ = ["TRIGGERS", "Trigger"]
