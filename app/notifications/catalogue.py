"""The kinds of notification, their channels and each kind's default channels.

A new kind is one member of ``NotificationType`` plus one ``KindInfo``; its emails use the
kind's own templates when ``templates/email/<kind>.{html,txt}.j2`` exist, the generic ones
otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Channel(StrEnum):
    IN_APP = "IN_APP"
    EMAIL = "EMAIL"
    PUSH = "PUSH"


class NotificationType(StrEnum):
    WELCOME = "WELCOME"
    TEAM_APPLICATION_RECEIVED = "TEAM_APPLICATION_RECEIVED"
    TEAM_APPLICATION_DECIDED = "TEAM_APPLICATION_DECIDED"
    TEAM_INVITATION_RECEIVED = "TEAM_INVITATION_RECEIVED"
    TEAM_INVITATION_ANSWERED = "TEAM_INVITATION_ANSWERED"
    TEAM_CAPTAINCY_RECEIVED = "TEAM_CAPTAINCY_RECEIVED"
    TEAM_MEMBER_REMOVED = "TEAM_MEMBER_REMOVED"
    TEAM_DISBANDED = "TEAM_DISBANDED"
    MATCH_CHALLENGE_RECEIVED = "MATCH_CHALLENGE_RECEIVED"
    MATCH_CHALLENGE_ANSWERED = "MATCH_CHALLENGE_ANSWERED"
    MATCH_SCHEDULED = "MATCH_SCHEDULED"
    MATCH_REMINDER = "MATCH_REMINDER"
    MATCH_RESULT_REPORTED = "MATCH_RESULT_REPORTED"
    MATCH_RESULT_CONFIRMED = "MATCH_RESULT_CONFIRMED"
    MATCH_DISPUTED = "MATCH_DISPUTED"
    MATCH_DISPUTE_RESOLVED = "MATCH_DISPUTE_RESOLVED"
    MATCH_TECHNICAL_RESULT = "MATCH_TECHNICAL_RESULT"
    MATCH_CANCELLED = "MATCH_CANCELLED"
    TOURNAMENT_APPLICATION_DECIDED = "TOURNAMENT_APPLICATION_DECIDED"
    TOURNAMENT_ANNOUNCEMENT = "TOURNAMENT_ANNOUNCEMENT"
    TOURNAMENT_STARTED = "TOURNAMENT_STARTED"
    TOURNAMENT_FINISHED = "TOURNAMENT_FINISHED"
    TOURNAMENT_CANCELLED = "TOURNAMENT_CANCELLED"
    CHAT_MENTION = "CHAT_MENTION"
    PLAYGROUND_APPROVED = "PLAYGROUND_APPROVED"
    PLAYGROUND_REJECTED = "PLAYGROUND_REJECTED"
    QUEST_COMPLETED = "QUEST_COMPLETED"
    LOBBY_JOINED = "LOBBY_JOINED"
    LOBBY_FULL = "LOBBY_FULL"
    LOBBY_CANCELLED = "LOBBY_CANCELLED"
    PERSONAL_CHALLENGE_RECEIVED = "PERSONAL_CHALLENGE_RECEIVED"
    PERSONAL_CHALLENGE_ACCEPTED = "PERSONAL_CHALLENGE_ACCEPTED"
    PERSONAL_CHALLENGE_SETTLED = "PERSONAL_CHALLENGE_SETTLED"
    PERSONAL_CHALLENGE_CANCELLATION = "PERSONAL_CHALLENGE_CANCELLATION"
    ACHIEVEMENT_UNLOCKED = "ACHIEVEMENT_UNLOCKED"
    FRIEND_REQUEST_RECEIVED = "FRIEND_REQUEST_RECEIVED"
    FRIEND_REQUEST_ACCEPTED = "FRIEND_REQUEST_ACCEPTED"
    USER_REPORT_RESOLVED = "USER_REPORT_RESOLVED"
    MODERATION_WARNING = "MODERATION_WARNING"


@dataclass(frozen=True, slots=True)
class KindInfo:
    label: str
    """How the settings page and the unsubscribe page name the kind."""
    email: bool
    push: bool
    in_app: bool = True

    def default(self, channel: Channel) -> bool:
        return {Channel.IN_APP: self.in_app, Channel.EMAIL: self.email, Channel.PUSH: self.push}[
            channel
        ]


CATALOGUE: dict[NotificationType, KindInfo] = {
    NotificationType.WELCOME: KindInfo("Приветствие после регистрации", email=True, push=False),
    NotificationType.TEAM_APPLICATION_RECEIVED: KindInfo(
        "Новые заявки в мою команду", email=True, push=True
    ),
    NotificationType.TEAM_APPLICATION_DECIDED: KindInfo(
        "Решения по моим заявкам в команды", email=True, push=True
    ),
    NotificationType.TEAM_INVITATION_RECEIVED: KindInfo(
        "Приглашения в команды", email=True, push=True
    ),
    NotificationType.TEAM_INVITATION_ANSWERED: KindInfo(
        "Ответы на приглашения моей команды", email=False, push=True
    ),
    NotificationType.TEAM_CAPTAINCY_RECEIVED: KindInfo(
        "Передача мне капитанства", email=True, push=True
    ),
    NotificationType.TEAM_MEMBER_REMOVED: KindInfo("Исключение из команды", email=True, push=True),
    NotificationType.TEAM_DISBANDED: KindInfo("Роспуск моей команды", email=True, push=True),
    NotificationType.MATCH_CHALLENGE_RECEIVED: KindInfo(
        "Вызовы на матч моей команде", email=True, push=True
    ),
    NotificationType.MATCH_CHALLENGE_ANSWERED: KindInfo(
        "Ответы на вызовы моей команды", email=True, push=True
    ),
    NotificationType.MATCH_SCHEDULED: KindInfo(
        "Назначенные матчи моих команд", email=False, push=True
    ),
    NotificationType.MATCH_REMINDER: KindInfo(
        "Напоминание за 2 часа до матча", email=False, push=True
    ),
    NotificationType.MATCH_RESULT_REPORTED: KindInfo(
        "Счёт, который нужно подтвердить", email=True, push=True
    ),
    NotificationType.MATCH_RESULT_CONFIRMED: KindInfo(
        "Подтверждённые результаты матчей", email=True, push=False
    ),
    NotificationType.MATCH_DISPUTED: KindInfo("Споры по результатам матчей", email=True, push=True),
    NotificationType.MATCH_DISPUTE_RESOLVED: KindInfo(
        "Решения по спорным матчам", email=True, push=True
    ),
    NotificationType.MATCH_TECHNICAL_RESULT: KindInfo(
        "Технические результаты матчей", email=True, push=True
    ),
    NotificationType.MATCH_CANCELLED: KindInfo("Отмена матчей", email=True, push=True),
    NotificationType.TOURNAMENT_APPLICATION_DECIDED: KindInfo(
        "Решения по заявкам моей команды на турниры", email=True, push=True
    ),
    NotificationType.TOURNAMENT_ANNOUNCEMENT: KindInfo(
        "Объявления организаторов моих турниров", email=True, push=True
    ),
    NotificationType.TOURNAMENT_STARTED: KindInfo("Старт моих турниров", email=False, push=True),
    NotificationType.TOURNAMENT_FINISHED: KindInfo("Итоги моих турниров", email=True, push=False),
    NotificationType.TOURNAMENT_CANCELLED: KindInfo("Отмена моих турниров", email=True, push=True),
    NotificationType.CHAT_MENTION: KindInfo("Упоминания меня в чатах", email=False, push=True),
    NotificationType.PLAYGROUND_APPROVED: KindInfo(
        "Одобрение предложенных мной площадок", email=True, push=False
    ),
    NotificationType.PLAYGROUND_REJECTED: KindInfo(
        "Отклонение предложенных мной площадок", email=True, push=False
    ),
    NotificationType.QUEST_COMPLETED: KindInfo("Выполненные задания", email=False, push=True),
    NotificationType.LOBBY_JOINED: KindInfo("Новые игроки в моих лобби", email=False, push=True),
    NotificationType.LOBBY_FULL: KindInfo("Лобби набрали игроков", email=False, push=True),
    NotificationType.LOBBY_CANCELLED: KindInfo("Отмена лобби", email=True, push=True),
    NotificationType.PERSONAL_CHALLENGE_RECEIVED: KindInfo(
        "Личные вызовы мне", email=True, push=True
    ),
    NotificationType.PERSONAL_CHALLENGE_ACCEPTED: KindInfo(
        "Принятые личные вызовы", email=False, push=True
    ),
    NotificationType.PERSONAL_CHALLENGE_SETTLED: KindInfo(
        "Итоги личных вызовов и выплаты", email=True, push=True
    ),
    NotificationType.PERSONAL_CHALLENGE_CANCELLATION: KindInfo(
        "Отмена личных вызовов", email=True, push=True
    ),
    NotificationType.ACHIEVEMENT_UNLOCKED: KindInfo("Новые достижения", email=False, push=True),
    NotificationType.FRIEND_REQUEST_RECEIVED: KindInfo("Заявки в друзья", email=False, push=True),
    NotificationType.FRIEND_REQUEST_ACCEPTED: KindInfo(
        "Принятые заявки в друзья", email=False, push=True
    ),
    NotificationType.USER_REPORT_RESOLVED: KindInfo(
        "Решения по моим жалобам", email=True, push=False
    ),
    NotificationType.MODERATION_WARNING: KindInfo(
        "Предупреждения модераторов", email=True, push=True
    ),
}


def info(kind: NotificationType) -> KindInfo:
    return CATALOGUE[kind]
