"""Players: profiles, XP, wallets with their ledger, notifications and quest progress."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from app.auth.roles import Role
from app.dataset.plan import CITIES, Run
from app.dataset.tables import Dataset
from app.economy.models import AccountKind, SystemAccount, TransferKind
from app.notifications.catalogue import NotificationType
from app.periods import period_key

FIRST_NAMES = (
    "Алексей", "Иван", "Дмитрий", "Сергей", "Никита", "Артём", "Максим", "Егор", "Павел", "Олег",
    "Анна", "Мария", "Ольга", "Екатерина", "Дарья", "Софья", "Алина", "Вера", "Ксения", "Юлия",
)  # fmt: skip
LAST_NAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
)  # fmt: skip


@dataclass
class Person:
    id: uuid.UUID
    number: int
    city: str


@dataclass
class People:
    everyone: list[Person] = field(default_factory=list)
    by_city: dict[str, list[Person]] = field(default_factory=dict)


def subject_of(seed: int, number: int) -> str:
    """The token subject of dataset user ``number`` (benchmarks mint tokens with it)."""
    return f"dataset-{seed}-{number}"


def username_of(number: int) -> str:
    return f"player{number}"


def add_people(run: Run, data: Dataset) -> People:
    r, seed = run.source, run.settings.seed
    users = data.table(
        "users",
        *("id", "subject", "username", "email", "full_name", "display_name", "roles"),
        *("nickname", "city", "bio", "created_at", "updated_at"),
    )
    people = People(by_city={city.name: [] for city in CITIES})
    for number in range(run.plan.users):
        person = Person(r.uuid(), number, r.pick(CITIES).name)
        name = f"{r.pick(FIRST_NAMES)} {r.pick(LAST_NAMES)}"
        roles = [Role.PLAYER.value] + ([Role.ORGANIZER.value] if number % 50 == 0 else [])
        joined = r.moment(run.now - timedelta(days=730), run.now - timedelta(days=400))
        users.add(
            person.id,
            subject_of(seed, number),
            username_of(number),
            f"{username_of(number)}@dataset.prodvor.test",
            name,
            name,
            roles,
            f"p{seed % 1000}x{number}" if r.chance(0.6) else None,
            person.city,
            "Играю по выходным" if r.chance(0.2) else None,
            joined,
            joined,
        )
        people.everyone.append(person)
        people.by_city[person.city].append(person)
    return people


def add_progress(run: Run, data: Dataset, people: People) -> None:
    """XP (one award each), a wallet whose balance is what its transfers leave, quests."""
    r = run.source
    progress = data.table("user_progress", "user_id", "xp", "city_key", "updated_at")
    xp = data.table(
        "xp_entries", "id", "user_id", "amount", "reason", "idempotency_key", "created_at"
    )
    accounts = data.table("ledger_accounts", "id", "kind", "user_id", "balance", "created_at")
    transfers = data.table(
        "ledger_transfers",
        *("id", "idempotency_key", "kind", "debit_account_id", "credit_account_id", "amount"),
        *("description", "created_at"),
    )
    rewards, store = SystemAccount.REWARDS.account_id, SystemAccount.STORE.account_id
    for person in people.everyone:
        points = r.between(0, 60) * r.between(0, 100)
        at = r.moment(run.now - timedelta(days=300), run.now - timedelta(days=1))
        progress.add(person.id, points, person.city.lower(), at)
        if points:
            key = f"dataset:xp:{person.id}"
            xp.add(r.uuid(), person.id, points, "DATASET", key, at)
        earned, spent = r.between(0, 100) * 10, 0
        wallet = r.uuid()
        if earned:
            key = f"dataset:reward:{person.id}"
            kind = TransferKind.REWARD.value
            transfers.add(r.uuid(), key, kind, rewards, wallet, earned, "Награда за матчи", at)
            if r.chance(0.3):
                spent = r.between(1, earned)
                key, kind = f"dataset:purchase:{person.id}", TransferKind.PURCHASE.value
                later = at + timedelta(hours=1)
                transfers.add(
                    r.uuid(), key, kind, wallet, store, spent, "Покупка в магазине", later
                )
        accounts.add(wallet, AccountKind.USER.value, person.id, earned - spent, at)
    _quests(run, data, people)
    _notifications(run, data, people)


def _quests(run: Run, data: Dataset, people: People) -> None:
    r, quests = run.source, run.settings.reference.quests
    rows = data.table(
        "quest_progress", "user_id", "quest_id", "period", "progress", "completed_at", "claimed_at"
    )
    for person in people.everyone:
        for quest in r.sample(quests, 3):
            count = r.between(0, quest.goal)
            done = run.now - timedelta(hours=1) if count >= quest.goal else None
            claimed = done if done is not None and r.chance(0.5) else None
            period = period_key(quest.period, run.now, run.settings.zone)
            rows.add(person.id, quest.id, period, count, done, claimed)


def _notifications(run: Run, data: Dataset, people: People) -> None:
    r = run.source
    rows = data.table(
        "notifications",
        *("id", "recipient_id", "type", "title", "body", "link", "in_app", "source_event_id"),
        *("created_at", "read_at"),
    )
    kinds = (NotificationType.MATCH_SCHEDULED, NotificationType.TEAM_INVITATION_RECEIVED)
    for person in people.everyone:
        for _ in range(r.between(0, 6)):
            at = r.moment(run.now - timedelta(days=30), run.now)
            read = at + timedelta(minutes=5) if r.chance(0.6) else None
            kind = r.pick(kinds)
            title = "Матч назначен" if kind is NotificationType.MATCH_SCHEDULED else "Приглашение"
            rows.add(r.uuid(), person.id, kind.value, title, title, "/", True, r.uuid(), at, read)
