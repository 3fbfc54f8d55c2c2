from __future__ import annotations

from app.errors import DomainError


class QuestNotCompletedError(DomainError):
    code = "QUEST_NOT_COMPLETED"
    default_message = "Квест ещё не выполнен"


class QuestAlreadyClaimedError(DomainError):
    code = "QUEST_ALREADY_CLAIMED"
    default_message = "Награда за этот квест уже получена"
