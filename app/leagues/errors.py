from __future__ import annotations

from app.errors import DomainError


class TeamAlreadyEnteredError(DomainError):
    code = "TEAM_ALREADY_ENTERED"
    default_message = "Команда уже заявлена в дивизион этого сезона"


class FixtureNotAllowedError(DomainError):
    """The match cannot count for this division (payload-free; the message says why)."""

    code = "FIXTURE_NOT_ALLOWED"
    default_message = "Этот матч нельзя засчитать в дивизион"


class TeamNotEligibleError(DomainError):
    code = "TEAM_NOT_ELIGIBLE"
    default_message = "Заявить можно только действующую команду вида спорта лиги"
