from __future__ import annotations

from app.errors import DomainError


class CannotBefriendSelfError(DomainError):
    code = "CANNOT_BEFRIEND_SELF"
    default_message = "Нельзя добавить в друзья самого себя"


class AlreadyFriendsError(DomainError):
    code = "ALREADY_FRIENDS"
    default_message = "Вы уже друзья"


class FriendRequestAlreadySentError(DomainError):
    code = "FRIEND_REQUEST_ALREADY_SENT"
    default_message = "Заявка в друзья уже отправлена"


class FriendRequestNotPendingError(DomainError):
    code = "FRIEND_REQUEST_NOT_PENDING"
    default_message = "Заявка уже рассмотрена или отменена"


class NotFriendsError(DomainError):
    code = "NOT_FRIENDS"
    default_message = "Этот игрок не в списке ваших друзей"


class CannotFollowSelfError(DomainError):
    code = "CANNOT_FOLLOW_SELF"
    default_message = "Нельзя подписаться на самого себя"
