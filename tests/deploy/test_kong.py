"""deploy/kong/kong.yml: valid against the subset schema, and what it promises."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ROOT = Path(__file__).parents[2] / "deploy" / "kong"
CONFIG = yaml.safe_load((ROOT / "kong.yml").read_text())
SCHEMA = json.loads((ROOT / "kong.schema.json").read_text())
REALM = json.loads((ROOT.parent / "keycloak" / "realm-prodvor.json").read_text())


def errors(config: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [error.message for error in validator.iter_errors(config)]


def routes() -> dict[str, dict[str, Any]]:
    return {route["name"]: route for service in CONFIG["services"] for route in service["routes"]}


def plugins(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {plugin["name"]: plugin["config"] for plugin in entries}


def test_the_config_is_valid_format_3() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert errors(CONFIG) == []
    assert CONFIG["_format_version"] == "3.0"


def test_graphql_is_routed_for_bearer_calls_sessions_and_websockets() -> None:
    found = routes()

    assert found["graphql-bearer"]["paths"] == ["/graphql"]
    assert found["graphql"]["paths"] == ["/graphql"]
    assert "GET" in found["graphql"]["methods"], "WebSocket upgrades are GET requests"
    jwt = plugins(found["graphql-bearer"]["plugins"])["jwt"]
    assert jwt["key_claim_name"] == "iss"
    assert "exp" in jwt["claims_to_verify"]
    assert jwt["maximum_expiration"] >= REALM["accessTokenLifespan"]
    [consumer] = CONFIG["consumers"]
    [secret] = consumer["jwt_secrets"]
    assert secret["key"].endswith("/realms/" + REALM["realm"])
    assert secret["algorithm"] == REALM["defaultSignatureAlgorithm"]
    assert secret["rsa_public_key"].startswith('${{ env "DECK_')


def test_rate_limits_cors_and_size_limit_cover_the_service() -> None:
    [service] = CONFIG["services"]
    found = plugins(service["plugins"])
    frontend = next(c for c in REALM["clients"] if c["clientId"] == "prodvor-frontend")

    assert found["cors"]["origins"] == frontend["webOrigins"]
    assert found["cors"]["credentials"] is True
    assert found["rate-limiting"]["minute"] > 0
    assert (found["request-size-limiting"]["allowed_payload_size"], "megabytes") == (
        2,
        found["request-size-limiting"]["size_unit"],
    )
    assert found["correlation-id"]["header_name"] == "X-Request-ID"


def test_metrics_is_never_routed() -> None:
    paths = [path for route in routes().values() for path in route["paths"]]
    assert not any(path.startswith("/metrics") for path in paths)

    exposed = copy.deepcopy(CONFIG)
    exposed["services"][0]["routes"][0]["paths"].append("/metrics")
    assert errors(exposed), "the schema refuses a /metrics route"


def test_the_schema_rejects_what_it_does_not_know() -> None:
    wildcard = copy.deepcopy(CONFIG)
    plugins_of_service = wildcard["services"][0]["plugins"]
    next(p for p in plugins_of_service if p["name"] == "cors")["config"]["origins"] = ["*"]
    unknown = copy.deepcopy(CONFIG)
    unknown["services"][0]["plugins"].append({"name": "key-auth", "config": {}})

    assert errors(wildcard)
    assert errors(unknown)
