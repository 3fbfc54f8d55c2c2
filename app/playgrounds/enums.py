"""GraphQL names of the playgrounds domain's enums, registered before any type uses them."""

from __future__ import annotations

import strawberry

from app.playgrounds.models import PlaygroundStatus, ReportStatus
from app.playgrounds.service import Decision
from app.playgrounds.values import (
    ConditionCategory,
    Feature,
    PlaygroundType,
    Severity,
    Surface,
    describe,
)

strawberry.enum(PlaygroundType, name="PlaygroundType", description=describe(PlaygroundType, "Тип"))
strawberry.enum(Surface, name="PlaygroundSurface", description=describe(Surface, "Покрытие"))
strawberry.enum(Feature, name="PlaygroundFeature", description=describe(Feature, "Оснащение"))
strawberry.enum(
    ConditionCategory,
    name="ConditionCategory",
    description=describe(ConditionCategory, "Что случилось с площадкой"),
)
strawberry.enum(
    Severity, name="ConditionSeverity", description=describe(Severity, "Срочность (оценка ИИ)")
)
strawberry.enum(PlaygroundStatus, name="PlaygroundStatus", description="Статус модерации.")
strawberry.enum(ReportStatus, name="ConditionReportStatus")
strawberry.enum(Decision, name="ModerationDecision")

__all__ = [
    "ConditionCategory",
    "Decision",
    "Feature",
    "PlaygroundStatus",
    "PlaygroundType",
    "ReportStatus",
    "Severity",
    "Surface",
]
