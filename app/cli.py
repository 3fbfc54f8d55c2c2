"""The ``prodvor`` command: one image, several roles."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console

from app.settings import Settings, get_settings

if TYPE_CHECKING:
    from rich.progress import TaskID

    from app.db import Database
    from app.operations.service import PersistedDocument

cli = typer.Typer(no_args_is_help=True, add_completion=False, help="ProDvor GraphQL BFF")
console = Console(stderr=True)

EMBEDDED_DATABASE = "prodvor"
T = TypeVar("T")


@contextlib.contextmanager
def database(settings: Settings) -> Iterator[Settings]:
    """Settings with a database URL: ``DATABASE_URL``, or an embedded PostgreSQL started here."""
    if settings.database.url:
        yield settings
        return
    from app.embedded_pg import EmbeddedPostgres

    server = EmbeddedPostgres(settings.data_dir / "pg")
    server.start()
    console.print(f"[dim]embedded PostgreSQL on {server.host}:{server.port}[/dim]")
    try:
        url = server.ensure_database(EMBEDDED_DATABASE)
        yield settings.model_copy(
            update={"database": settings.database.model_copy(update={"url": url})}
        )
    finally:
        server.stop()


def _observability(settings: Settings) -> None:
    """JSON logs, and tracing when ``TELEMETRY_ENABLED`` (before any engine is created)."""
    from app.logging import configure_logging
    from app.observability.tracing import configure_tracing

    configure_logging(settings.log_level, json=settings.log_json and not sys.stderr.isatty())
    configure_tracing(settings.telemetry)


@cli.command()
def migrate() -> None:
    """Apply database migrations up to head."""
    with database(get_settings()) as settings:
        _migrate(settings)
    console.print("migrations applied")


def _seed(settings: Settings) -> None:
    from app.db import Database, create_engine
    from app.seed import seed as run_seed

    async def run() -> None:
        assert settings.database.url is not None
        db = Database(create_engine(settings.database.url, settings.database))
        try:
            await run_seed(db)
        finally:
            await db.dispose()

    asyncio.run(run())


def _migrate(settings: Settings) -> None:
    from app.migrate import upgrade

    assert settings.database.url is not None
    upgrade(settings.database.url)


@cli.command()
def seed(
    scale: Annotated[
        float | None,
        typer.Option(help="Load the benchmark dataset instead (1 = about 20,000 users)."),
    ] = None,
    seed_number: Annotated[
        int, typer.Option("--seed", help="The dataset's random seed (same seed, same data).")
    ] = 1,
) -> None:
    """Load idempotent demo data, or with --scale a large deterministic dataset."""
    with database(get_settings()) as settings:
        if scale is None:
            _seed(settings)
        else:
            _seed_dataset(settings, scale, seed_number)
    console.print("demo data loaded" if scale is None else f"dataset (scale {scale}) loaded")


def _seed_dataset(settings: Settings, scale: float, seed_number: int) -> None:
    """Dated today (midnight UTC), so a rerun the same day with the same seed is identical."""
    from datetime import UTC, datetime

    from rich.progress import Progress

    from app.dataset.loader import AlreadyLoadedError, seed_dataset

    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    with Progress(console=console) as bar:
        tasks: dict[str, TaskID] = {}

        def advance(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done)

        async def load(db: Database) -> dict[str, int]:
            return await seed_dataset(
                db,
                scale=scale,
                seed=seed_number,
                now=today,
                zone=settings.economy.zone,
                progress=advance,
            )

        try:
            counts = _with_db(settings, load)
        except AlreadyLoadedError as exc:
            console.print(str(exc))
            raise typer.Exit(1) from exc
    for name, count in counts.items():
        console.print(f"{name}: {count}")


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    migrate_first: Annotated[
        bool, typer.Option("--migrate", help="Migrate before serving.")
    ] = False,
    seed_first: Annotated[
        bool, typer.Option("--seed", help="Load demo data before serving.")
    ] = False,
) -> None:
    """Serve the API (HTTP and WebSocket on /graphql, probes on /healthz and /readyz)."""
    import signal

    import uvicorn

    from app.main import create_app

    with database(get_settings()) as settings:
        _observability(settings)
        if migrate_first:
            _migrate(settings)
        if seed_first:
            _seed(settings)
        # uvicorn re-raises SIGTERM once it has shut down gracefully. By default that kills the
        # process on the spot and the embedded PostgreSQL outlives it; as SystemExit it lets
        # ``database()`` stop the cluster.
        signal.signal(signal.SIGTERM, _exit)
        app = create_app(settings)
        _freeze_startup_objects()
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_config=None,
            access_log=False,
            ws_ping_interval=20,
            loop="uvloop",
            http="httptools",
        )


def _freeze_startup_objects() -> None:
    """Leave what startup built (modules, the schema, settings) out of garbage collection.

    These objects live as long as the process, yet every full collection walked all of them:
    in profiles of the pages, collections triggered by request garbage cost more CPU than any
    resolver. ``gc.freeze`` moves them to the permanent generation.
    """
    import gc

    gc.collect()
    gc.freeze()


def _exit(signum: int, frame: object) -> None:
    sys.exit(0)


def _run_events(settings: Settings, *, relay: bool, worker: str | None) -> None:
    """Run event machinery of this process until SIGTERM/SIGINT, then stop gracefully."""
    import signal

    from app.main import build_container
    from app.observability.endpoint import MetricsServer

    async def run() -> None:
        container = build_container(settings)
        _freeze_startup_objects()
        metrics = MetricsServer.start_if_configured(container.db, container.clock, settings.metrics)
        runtime = container.events
        if worker is not None:
            runtime.workers = [w for w in runtime.workers if w.name == worker]
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        await runtime.start(relay=relay, workers=worker is not None, hub=False)
        console.print(f"running {'relay' if relay else 'worker ' + str(worker)}; Ctrl-C to stop")
        await stop.wait()
        await runtime.stop()
        if metrics is not None:
            await metrics.stop()
        await container.http.aclose()
        await container.db.dispose()

    asyncio.run(run())


@cli.command()
def relay() -> None:
    """Publish committed outbox events to Kafka (or the local transport) until stopped."""
    with database(get_settings()) as settings:
        _observability(settings)
        _run_events(settings, relay=True, worker=None)


@cli.command()
def worker(
    name: Annotated[str, typer.Argument(help="The worker (consumer group) to run.")],
) -> None:
    """Run one worker's consumer group until stopped (SIGTERM finishes the current event)."""
    from app.workers import all_workers

    known = all_workers()
    if name not in known:
        console.print(f"unknown worker {name!r}; known: {', '.join(sorted(known)) or 'none'}")
        raise typer.Exit(2)
    with database(get_settings()) as settings:
        _observability(settings)
        _run_events(settings, relay=False, worker=name)


dead_letters = typer.Typer(no_args_is_help=True, help="Events that consumers gave up on.")
cli.add_typer(dead_letters, name="dead-letters")


@dead_letters.command("list")
def list_dead_letters(
    worker: Annotated[str | None, typer.Argument(help="Only this worker's.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many, oldest first.")] = 100,
) -> None:
    """Show dead letters not replayed yet: id, worker, event, when, and the error's last line."""
    from app.db import Database, create_engine
    from app.events.replay import pending

    async def run(settings: Settings) -> None:
        assert settings.database.url is not None
        db = Database(create_engine(settings.database.url, settings.database))
        try:
            for letter in await pending(db, consumer=worker, limit=limit):
                last = (letter.error.strip().splitlines() or [""])[-1][:200]
                event = letter.envelope.get("type")
                sys.stdout.write(
                    f"{letter.id}\t{letter.consumer}\t{event}\t{letter.created_at:%Y-%m-%dT%H:%M:%SZ}"
                    f"\t{last}\n"
                )
        finally:
            await db.dispose()

    with database(get_settings()) as settings:
        asyncio.run(run(settings))


@dead_letters.command("replay")
def replay_dead_letters(
    worker: Annotated[str, typer.Argument(help="The worker whose dead letters to replay.")],
    ids: Annotated[list[int] | None, typer.Option("--id", help="Only these (repeatable).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many, oldest first.")] = 100,
) -> None:
    """Run the worker's handlers again for its dead letters (after fixing the cause)."""
    from app.events.processor import EventProcessor
    from app.events.replay import replay
    from app.main import build_container
    from app.workers import all_workers

    known = all_workers()
    if worker not in known:
        console.print(f"unknown worker {worker!r}; known: {', '.join(sorted(known))}")
        raise typer.Exit(2)

    async def run(settings: Settings) -> int:
        container = build_container(settings)
        processor = EventProcessor(
            known[worker],
            container.db,
            settings.events,
            clock=container.clock,
            services=container,
        )
        try:
            done = await replay(container.db, processor, ids=ids or (), limit=limit)
        finally:
            await container.http.aclose()
            await container.db.dispose()
        for item in done:
            sys.stdout.write(f"{item.dead_letter_id}\t{item.event_type}\t{item.outcome.value}\n")
        return sum(item.outcome.value == "dead_lettered" for item in done)

    with database(get_settings()) as settings:
        _observability(settings)
        failed_again = asyncio.run(run(settings))
    if failed_again:
        console.print(f"{failed_again} failed again and are dead letters anew")
        raise typer.Exit(1)


def _with_db(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    from app.db import Database, create_engine

    async def run() -> T:
        assert settings.database.url is not None
        db = Database(create_engine(settings.database.url, settings.database))
        try:
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(run())


@cli.command()
def reindex(
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="Only this source (USER, TEAM, PLAYGROUND, FAQ, RULES)."),
    ] = None,
) -> None:
    """Rebuild the search index (embedding only what changed), with a progress bar."""
    from rich.progress import Progress

    from app.search.commands import reindex as run_reindex
    from app.search.sources import sources

    unknown = sorted(set(source or ()) - set(sources()))
    if unknown:
        console.print(f"unknown source {', '.join(unknown)}; known: {', '.join(sources())}")
        raise typer.Exit(2)
    with database(get_settings()) as settings, Progress(console=console) as bar:
        tasks: dict[str, TaskID] = {}

        def advance(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done)

        totals = _with_db(settings, lambda db: run_reindex(db, settings, source, advance))
    for name, done in totals.items():
        console.print(
            f"{name}: {done.written} written, {done.embedded} embedded, {done.removed} removed"
        )


@cli.command("search-eval")
def search_eval(
    queries: Annotated[Path, typer.Option(help="The labelled query set (JSON).")] = Path(
        "tests/search/eval_queries.json"
    ),
) -> None:
    """Seed and index the FAQ and rules, then print hit@1, hit@5 and MRR for each mode."""
    from rich.table import Table

    from app.search.commands import search_eval as run_eval

    with database(get_settings()) as settings:
        scores = _with_db(settings, lambda db: run_eval(db, settings, queries))
    table = Table("mode", "queries", "hit@1", "hit@5", "MRR")
    for row in scores:
        table.add_row(
            row.mode,
            str(row.queries),
            f"{row.hit_at_1:.3f}",
            f"{row.hit_at_5:.3f}",
            f"{row.mrr:.3f}",
        )
    Console().print(table)
    if not any(row.mode == "hybrid" for row in scores):
        console.print("no embedder configured (SEARCH_EMBEDDER): vector and hybrid modes skipped")


@cli.command("export-schema")
def export_schema(
    output: Annotated[Path | None, typer.Option(help="Write to a file instead of stdout.")] = None,
) -> None:
    """Print the GraphQL schema (SDL); ``schema.graphql`` is this output."""
    from app.graphql.schema import create_schema

    sdl = create_schema().as_str() + "\n"
    if output is None:
        sys.stdout.write(sdl)
    else:
        output.write_text(sdl)


operations = typer.Typer(no_args_is_help=True, help="Persisted GraphQL operations.")
cli.add_typer(operations, name="operations")


@operations.command("register")
def register_operations(
    file: Annotated[Path, typer.Argument(help="A {sha256: document} map or an Apollo manifest.")],
) -> None:
    """Validate the documents against the schema and store the new ones."""
    from app.graphql.documents import schema_errors
    from app.graphql.schema import create_schema
    from app.operations.errors import ManifestError
    from app.operations.service import read_manifest

    try:
        documents = read_manifest(file)
    except ManifestError as exc:
        console.print(exc.message)
        raise typer.Exit(2) from exc
    schema = create_schema()
    invalid = {d.id: errors for d in documents if (errors := schema_errors(schema, d.document))}
    for operation_id, errors in invalid.items():
        console.print(f"{operation_id}: {'; '.join(errors)}")
    if invalid:
        raise typer.Exit(1)
    with database(get_settings()) as settings:
        added = _register(settings, documents)
    console.print(f"{added} new of {len(documents)} operations registered")


def _register(settings: Settings, documents: list[PersistedDocument]) -> int:
    from app.db import Database, create_engine
    from app.operations.service import register

    async def run() -> int:
        assert settings.database.url is not None
        db = Database(create_engine(settings.database.url, settings.database))
        try:
            async with db.transaction() as session:
                return await register(session, documents)
        finally:
            await db.dispose()

    return asyncio.run(run())


@cli.command("dev-token")
def dev_token(
    user: Annotated[str, typer.Argument(help="A demo user's username, e.g. alice.")],
) -> None:
    """Print an access token from the dev issuer for a seeded demo user (APP_ENV=dev only)."""
    from app.auth.dev_issuer import DevIssuer, DevIssuerNotAllowedError
    from app.users.seed import DEMO_BY_USERNAME

    demo = DEMO_BY_USERNAME.get(user)
    if demo is None:
        console.print(f"unknown demo user {user!r}; known: {', '.join(DEMO_BY_USERNAME)}")
        raise typer.Exit(2)
    try:
        issuer = DevIssuer.from_settings(get_settings())
    except DevIssuerNotAllowedError as exc:
        console.print(str(exc))
        raise typer.Exit(2) from exc
    token = issuer.mint(
        demo.subject, username=demo.username, roles=demo.roles, email=demo.email, name=demo.name
    )
    sys.stdout.write(token + "\n")


@cli.command("vapid-keys")
def vapid_keys() -> None:
    """Print a new VAPID key pair for Web Push (set the private key as PUSH_VAPID_PRIVATE_KEY)."""
    from app.notifications.push import generate_keys

    private, public = generate_keys()
    sys.stdout.write(f"PUSH_VAPID_PRIVATE_KEY={private}\n")
    console.print(f"public key (the API serves it as webPushPublicKey): {public}")


def main() -> None:
    cli()
