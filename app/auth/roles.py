"""Realm roles (Keycloak realm ``prodvor``). A user may hold several."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PLAYER = "PLAYER"
    CAPTAIN = "CAPTAIN"
    COACH = "COACH"
    ORGANIZER = "ORGANIZER"
    JUDGE = "JUDGE"
    MANAGER = "MANAGER"
    SPONSOR = "SPONSOR"
    FAN = "FAN"
    MODERATOR = "MODERATOR"
    ADMINISTRATOR = "ADMINISTRATOR"


STAFF_ROLES = frozenset({Role.MODERATOR, Role.ADMINISTRATOR})


def parse_roles(values: object) -> frozenset[Role]:
    """Known roles among the given strings; Keycloak also sends default roles we ignore."""
    if not isinstance(values, list | tuple | set | frozenset):
        return frozenset()
    known = {role.value for role in Role}
    return frozenset(Role(value) for value in values if isinstance(value, str) and value in known)
