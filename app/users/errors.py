from __future__ import annotations

from app.errors import DomainError


class NicknameTakenError(DomainError):
    code = "NICKNAME_TAKEN"
    default_message = "Этот никнейм уже занят"


class NicknameCooldownError(DomainError):
    code = "NICKNAME_COOLDOWN"
    default_message = "Никнейм можно менять не чаще одного раза в установленный период"
