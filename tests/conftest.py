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
