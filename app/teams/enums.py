"""GraphQL names of the teams domain's enums.

Registered here, before any type or input uses them: an input's enum default would otherwise
make Strawberry register a second, nameless definition of the enum.
"""

from __future__ import annotations

import strawberry

from app.teams.applications import Decision
from app.teams.invitations import Answer
from app.teams.models import ApplicationStatus, FormResult, InvitationStatus, TeamRole
from app.teams.repository import TeamOrder

strawberry.enum(TeamRole, name="TeamRole", description="Роль участника внутри команды.")
strawberry.enum(FormResult, name="FormResult", description="Исход матча для команды.")
strawberry.enum(TeamOrder, name="TeamOrder", description="Порядок списка команд.")
strawberry.enum(ApplicationStatus, name="TeamApplicationStatus")
strawberry.enum(InvitationStatus, name="TeamInvitationStatus")
strawberry.enum(Decision, name="TeamApplicationDecision")
strawberry.enum(Answer, name="TeamInvitationAnswer")

__all__ = [
    "Answer",
    "ApplicationStatus",
    "Decision",
    "FormResult",
    "InvitationStatus",
    "TeamOrder",
    "TeamRole",
]
