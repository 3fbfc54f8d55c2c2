from __future__ import annotations

from datetime import datetime

import strawberry

from app.graphql.errors import UserError, maps
from app.graphql.ids import to_id
from app.quests.errors import QuestAlreadyClaimedError, QuestNotCompletedError
from app.quests.models import QuestType
from app.quests.service import Claim, QuestView

strawberry.enum(
    QuestType, name="QuestType", description="Ежедневный, еженедельный, особый, событийный."
)


@strawberry.type(description="Квест с моим прогрессом за текущий период.")
class Quest:
    id: strawberry.ID
    code: str
    type: QuestType
    title: str
    description: str
    href: str | None
    goal: int
    reward_pd: int
    reward_xp: int
    starts_at: datetime | None
    ends_at: datetime | None
    period: str = strawberry.field(
        description="Текущий период: день (2026-11-27), неделя (2026-W48) или once."
    )
    progress: int = strawberry.field(description="Сколько засчитано (не больше goal).")
    completed_at: datetime | None
    claimed_at: datetime | None

    @strawberry.field
    def completed(self) -> bool:
        return self.completed_at is not None

    @strawberry.field
    def claimed(self) -> bool:
        return self.claimed_at is not None

    @classmethod
    def from_view(cls, view: QuestView) -> Quest:
        quest, progress = view.quest, view.progress
        return cls(
            id=to_id(quest.id),
            code=quest.code,
            type=quest.type,
            title=quest.title,
            description=quest.description,
            href=quest.href,
            goal=quest.goal,
            reward_pd=quest.reward_pd,
            reward_xp=quest.reward_xp,
            starts_at=quest.starts_at,
            ends_at=quest.ends_at,
            period=view.period,
            progress=min(progress.progress, quest.goal) if progress else 0,
            completed_at=progress.completed_at if progress else None,
            claimed_at=progress.claimed_at if progress else None,
        )


@strawberry.input
class ClaimQuestRewardInput:
    quest_id: strawberry.ID


@strawberry.type
class ClaimQuestRewardPayload:
    quest: Quest
    pd: int = strawberry.field(description="Начислено PD (с учётом бустеров).")
    xp: int = strawberry.field(description="Начислено опыта (с учётом бустеров).")
    balance: int = strawberry.field(description="Баланс кошелька после начисления.")

    @classmethod
    def from_claim(cls, claim: Claim) -> ClaimQuestRewardPayload:
        return cls(
            quest=Quest.from_view(claim.view),
            pd=claim.earning.pd,
            xp=claim.earning.xp,
            balance=claim.balance,
        )


@maps(QuestNotCompletedError)
@strawberry.type
class QuestNotCompleted(UserError):
    progress: int
    goal: int


@maps(QuestAlreadyClaimedError)
@strawberry.type
class QuestAlreadyClaimed(UserError):
    pass
