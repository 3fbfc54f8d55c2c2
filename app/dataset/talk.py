"""Team chats: one per team with its roster as members, and the messages of the past month."""

from __future__ import annotations

from datetime import timedelta

from app.chat.models import ChatKind
from app.dataset.plan import Run
from app.dataset.tables import Dataset
from app.dataset.teams import Side

PHRASES = (
    "Кто сегодня на площадке?",
    "Я буду к семи",
    "Мяч возьму",
    "Отличная игра вчера!",
    "В субботу играем с соседями",
    "Нужен ещё один игрок",
    "Плюс",
    "Опоздаю минут на десять",
)


def add_chats(run: Run, data: Dataset, sides: list[Side]) -> None:
    r = run.source
    chats = data.table(
        "chats", "id", "kind", "subject_id", "last_seq", "created_at", "last_activity_at"
    )
    members = data.table("chat_members", "chat_id", "user_id", "joined_at", "last_read_seq")
    messages = data.table(
        "chat_messages",
        *("id", "chat_id", "seq", "sender_id", "client_message_id", "text", "reply_to_seq"),
        "created_at",
    )
    per_chat = max(1, run.plan.messages // len(sides))
    start = run.now - timedelta(days=30)
    for side in sides:
        chat_id = r.uuid()
        step = timedelta(days=30) / per_chat
        for seq in range(1, per_chat + 1):
            reply = r.between(max(1, seq - 5), seq - 1) if seq > 1 and r.chance(0.2) else None
            messages.add(
                r.uuid(),
                chat_id,
                seq,
                r.pick(side.members).id,
                f"ds-{chat_id.hex[:8]}-{seq}",
                r.pick(PHRASES),
                reply,
                start + step * seq,
            )
        last = start + step * per_chat
        chats.add(chat_id, ChatKind.TEAM.value, side.id, per_chat, side.created_at, last)
        for person in side.members:
            members.add(chat_id, person.id, side.created_at, r.between(0, per_chat))
