from __future__ import annotations

from datetime import datetime

import strawberry

from app.achievements.models import Rarity
from app.achievements.service import AchievementView
from app.graphql.ids import to_id

strawberry.enum(Rarity, name="AchievementRarity")


@strawberry.type(description="Достижение и продвижение к нему конкретного пользователя.")
class Achievement:
    id: strawberry.ID
    code: str
    name: str
    description: str
    icon: str
    rarity: Rarity
    goal: int
    progress: int = strawberry.field(description="Сколько засчитано (не больше goal).")
    unlocked_at: datetime | None

    @strawberry.field
    def unlocked(self) -> bool:
        return self.unlocked_at is not None

    @classmethod
    def from_view(cls, view: AchievementView) -> Achievement:
        achievement, reached = view.achievement, view.reached
        return cls(
            id=to_id(achievement.id),
            code=achievement.code,
            name=achievement.name,
            description=achievement.description,
            icon=achievement.icon,
            rarity=achievement.rarity,
            goal=achievement.threshold,
            progress=min(reached.progress, achievement.threshold) if reached else 0,
            unlocked_at=reached.unlocked_at if reached else None,
        )
