import pytest

from app.reference import clear_reference_caches

pytest_plugins = [
    "tests.fixtures.postgres",
    "tests.fixtures.app",
    "tests.fixtures.statements",
    "tests.fixtures.oidc",
    "tests.fixtures.live",
    "tests.fixtures.kafka",
    "tests.fixtures.browser",
    "tests.fixtures.configured",
    "tests.fixtures.racing",
]


def pytest_configure(config: object) -> None:
    """Log as production does (JSON, redacted) before any logger is first used and cached."""
    from app.logging import configure_logging

    configure_logging("INFO", json=True)


@pytest.fixture(autouse=True)
def fresh_reference_caches() -> None:
    """Tests write catalogues in transactions they roll back: no cached copy outlives a test."""
    clear_reference_caches()
