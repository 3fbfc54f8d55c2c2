"""Checklist row 21 and persisted operations: by id, Apollo's hash, GET, manifest, safelist."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.db import Database
from app.operations import service
from app.operations.errors import ManifestError
from app.operations.models import PersistedOperation
from app.operations.service import PersistedDocument, document_id, parse_manifest
from app.operations.store import PersistedStore
from tests.factories import create_user
from tests.fixtures.app import GQL, token_for
from tests.fixtures.configured import Configure

ROOT = Path(__file__).resolve().parents[2]
ME = "query Me { me { id } }"
ME_ID = document_id(ME)
RENAME = 'mutation Rename { updateProfile(input: {displayName: "Новое"}) { __typename } }'


async def register(session: AsyncSession, *documents: str) -> None:
    await service.register(session, [PersistedDocument(document_id(d), d) for d in documents])


async def post(gql: GQL, body: dict[str, Any], user: Any = None) -> Any:
    headers = {"Authorization": f"Bearer {token_for(gql.issuer, user)}"} if user else {}
    response = await gql.client.post("/graphql", json=body, headers=headers)
    return response.status_code, response.json()


async def test_a_registered_document_runs_by_id(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    await register(session, ME)
    expected = {"data": {"me": {"id": str(user.id)}}}

    assert await post(gql, {"id": ME_ID}, user) == (200, expected)
    assert await post(gql, {"documentId": ME_ID}, user) == (200, expected)
    apollo = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": ME_ID}}}
    assert await post(gql, apollo, user) == (200, expected)


async def test_an_unknown_id_asks_for_the_document(gql: GQL) -> None:
    status, body = await post(gql, {"id": "0" * 64})

    assert status == 200
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert body["errors"][0]["message"] == "PersistedQueryNotFound"


async def test_a_hash_that_does_not_match_the_document_is_refused(gql: GQL) -> None:
    apollo = {"query": ME, "extensions": {"persistedQuery": {"sha256Hash": "1" * 64}}}

    status, body = await post(gql, apollo)
    malformed, _ = await post(gql, {"id": "not-a-hash"})

    assert status == 400
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert malformed == 400


async def test_get_serves_persisted_queries_but_not_mutations(
    gql: GQL, session: AsyncSession
) -> None:
    user = await create_user(session, display_name="Старое")
    await register(session, ME, RENAME)
    headers = {"Authorization": f"Bearer {token_for(gql.issuer, user)}"}

    query = await gql.client.get("/graphql", params={"id": ME_ID}, headers=headers)
    mutation = await gql.client.get("/graphql", params={"id": document_id(RENAME)}, headers=headers)

    assert query.json() == {"data": {"me": {"id": str(user.id)}}}
    assert mutation.status_code == 405
    assert await session.scalar(select(PersistedOperation.id).where(PersistedOperation.id == ME_ID))
    await session.refresh(user)
    assert user.display_name == "Старое"


async def test_persisted_documents_skip_the_size_limits(
    configure: Configure, session: AsyncSession
) -> None:
    """Parsing and validation of a registered document happen once, without the limits."""
    gql = configure(graphql={"max_tokens": 5, "max_query_chars": 10})
    user = await create_user(session)
    await register(session, ME)

    by_id = await post(gql, {"id": ME_ID}, user)
    free_form = await gql(ME, as_user=user)

    assert by_id == (200, {"data": {"me": {"id": str(user.id)}}})
    assert free_form.error_codes == ["QUERY_LIMIT_EXCEEDED"]


async def test_a_manifest_from_settings_serves_without_the_table(
    configure: Configure, session: AsyncSession, tmp_path: Path
) -> None:
    manifest = tmp_path / "operations.json"
    manifest.write_text(json.dumps({ME_ID: ME}))
    gql = configure(persisted=PersistedStore(service.read_manifest(manifest)))
    user = await create_user(session)

    assert await post(gql, {"id": ME_ID}, user) == (200, {"data": {"me": {"id": str(user.id)}}})
    assert await session.scalar(select(PersistedOperation.id)) is None


async def test_safelist_refuses_other_documents_except_from_staff(
    configure: Configure, session: AsyncSession
) -> None:
    gql = configure(graphql={"safelist_only": True})
    player = await create_user(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    await register(session, ME)
    other = "query { me { displayName } }"

    refused = await gql(other, as_user=player)
    anonymous = await gql(other)
    registered_text = await gql(ME, as_user=player)
    by_id = await post(gql, {"id": ME_ID}, player)
    staff = await gql(other, as_user=moderator)

    assert refused.data is None
    assert refused.error_codes == ["PERSISTED_QUERY_REQUIRED"]
    assert anonymous.error_codes == ["PERSISTED_QUERY_REQUIRED"]
    assert registered_text.errors is None
    assert by_id[1] == {"data": {"me": {"id": str(player.id)}}}
    assert staff.errors is None


def test_manifests_in_both_formats_are_read_and_hashes_checked() -> None:
    apollo = {
        "format": "apollo-persisted-query-manifest",
        "version": 1,
        "operations": [{"id": ME_ID, "name": "Me", "type": "query", "body": ME}],
    }

    assert parse_manifest(apollo) == [PersistedDocument(ME_ID, ME, "Me")]
    assert parse_manifest({ME_ID.upper(): ME}) == [PersistedDocument(ME_ID, ME)]
    with pytest.raises(ManifestError):
        parse_manifest({"0" * 64: ME})
    with pytest.raises(ManifestError):
        parse_manifest(["not", "a", "manifest"])


def cli(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "APP_"))}
    return subprocess.run(
        [sys.executable, "-m", "app", "operations", "register", *args],
        env={**env, "DATABASE_URL": database_url},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_the_cli_registers_valid_documents_only(
    committed_database: Database, tmp_path: Path
) -> None:
    url = committed_database.engine.url.render_as_string(hide_password=False)
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps({ME_ID: ME, document_id(RENAME): RENAME}))
    broken = "query { me { nope } }"
    bad.write_text(json.dumps({document_id(broken): broken}))

    first = cli(str(good), database_url=url)
    again = cli(str(good), database_url=url)
    invalid = cli(str(bad), database_url=url)

    assert first.returncode == 0, first.stderr
    assert "2 new of 2" in first.stderr
    assert "0 new of 2" in again.stderr
    assert invalid.returncode == 1
    assert "nope" in invalid.stderr
    async with committed_database.transaction() as session:
        ids = set((await session.scalars(select(PersistedOperation.id))).all())
    assert ids == {ME_ID, document_id(RENAME)}
