import httpx
from sqlalchemy import text

from app.db import Database
from tests.fixtures.app import AppFactory


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_when_migrated(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_pending_migrations(
    committed_database: Database, app_factory: AppFactory
) -> None:
    async with committed_database.transaction() as session:
        await session.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    transport = httpx.ASGITransport(app=app_factory(committed_database))

    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["migrations"]["current"] == ["older"]


async def test_readyz_reports_an_unreachable_database(app_factory: AppFactory) -> None:
    from app.db import create_engine
    from app.embedded_pg import free_port
    from app.settings import DatabaseSettings

    nowhere = f"postgresql://postgres@127.0.0.1:{free_port()}/none"
    database = Database(create_engine(nowhere, DatabaseSettings()))
    transport = httpx.ASGITransport(app=app_factory(database))

    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
