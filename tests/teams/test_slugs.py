"""Slugs from team names (pure functions; the service adds uniqueness)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.teams.slugs import FALLBACK, MAX_BASE_LENGTH, belongs_to, pick_unique, slug_base

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Дворовые атлеты", "dvorovye-atlety"),
        ("Соколы", "sokoly"),
        ("Торпедо", "torpedo"),
        ("Вымпел", "vympel"),
        ("Щёлковские ястребы", "shchelkovskie-yastreby"),
        ("Цех №5", "tsekh-no5"),
        ("Хабаровск-Юг", "khabarovsk-yug"),
        ("Подъём", "podem"),
        ("  --Юла--  ", "yula"),
        ("Ålesund", "alesund"),
        ("東京", FALLBACK),
        ("", FALLBACK),
    ],
)
def test_slug_base(name: str, slug: str) -> None:
    assert slug_base(name) == slug


def test_long_names_are_cut_at_a_word_boundary() -> None:
    slug = slug_base("Очень " * 20)

    assert len(slug) <= MAX_BASE_LENGTH
    assert slug.endswith("ochen")


@given(st.text(max_size=80))
def test_any_name_gives_a_valid_slug(name: str) -> None:
    slug = slug_base(name)

    assert SLUG.fullmatch(slug)
    assert len(slug) <= MAX_BASE_LENGTH


def test_pick_unique_takes_the_first_free_number() -> None:
    assert pick_unique("zenit", set()) == "zenit"
    assert pick_unique("zenit", {"zenit", "zenit-3"}) == "zenit-2"
    assert pick_unique("zenit", {"zenit", "zenit-2", "zenit-3"}) == "zenit-4"
    assert pick_unique("new", set()) == "new-2", "reserved for the frontend's routes"


def test_belongs_to() -> None:
    assert belongs_to("zenit", "zenit")
    assert belongs_to("zenit-12", "zenit")
    assert not belongs_to("zenit-spb", "zenit")
    assert not belongs_to("zenit", "zeni")
