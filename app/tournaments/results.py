"""Mutation payloads and the typed errors that share their result unions."""

from __future__ import annotations

import strawberry

from app.graphql.errors import UserError, maps
from app.tournaments.errors import (
    AlreadyRegisteredError,
    ApplicationNotPendingError,
    JudgeAlreadyAssignedError,
    NotEnoughParticipantsError,
    PlayerAlreadyEnteredError,
    RegistrationClosedError,
    RequirementsNotMetError,
    TournamentFullError,
    TournamentStateError,
)
from app.tournaments.types import Tournament, TournamentAnnouncement, TournamentApplication


@strawberry.type
class TournamentPayload:
    tournament: Tournament


@strawberry.type
class TournamentApplicationPayload:
    application: TournamentApplication
    tournament: Tournament


@strawberry.type
class PostTournamentAnnouncementPayload:
    announcement: TournamentAnnouncement
    tournament: Tournament


@maps(TournamentStateError)
@strawberry.type
class TournamentStateInvalid(UserError):
    status: str


@maps(RegistrationClosedError)
@strawberry.type
class RegistrationClosed(UserError):
    pass


@maps(TournamentFullError)
@strawberry.type
class TournamentFull(UserError):
    pass


@maps(AlreadyRegisteredError)
@strawberry.type
class AlreadyRegistered(UserError):
    pass


@maps(RequirementsNotMetError)
@strawberry.type
class RequirementsNotMet(UserError):
    requirement: str


@maps(PlayerAlreadyEnteredError)
@strawberry.type
class PlayerAlreadyEntered(UserError):
    pass


@maps(ApplicationNotPendingError)
@strawberry.type
class TournamentApplicationNotPending(UserError):
    pass


@maps(NotEnoughParticipantsError)
@strawberry.type
class NotEnoughParticipants(UserError):
    pass


@maps(JudgeAlreadyAssignedError)
@strawberry.type
class JudgeAlreadyAssigned(UserError):
    pass
