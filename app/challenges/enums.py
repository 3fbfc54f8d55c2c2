"""GraphQL names of the challenges domain's enums, registered before any type uses them."""

from __future__ import annotations

import strawberry

from app.challenges.models import ChallengeStatus, Outcome, Verdict

strawberry.enum(ChallengeStatus, name="PersonalChallengeStatus", description="Состояние вызова.")
strawberry.enum(Outcome, name="ChallengeOutcome", description="Итог с точки зрения сообщившего.")
strawberry.enum(Verdict, name="ChallengeVerdict", description="Итог вызова.")

__all__ = ["ChallengeStatus", "Outcome", "Verdict"]
