"""Search benchmark: latency of the hybrid query over a large synthetic index.

Runs on the embedded PostgreSQL (with pgvector and pg_trgm):

    .venv/bin/python bench/search.py [--size 100000] [--queries 200]

Loads ``--size`` documents of Russian-like text (sports words and pseudo-words with a Zipf
distribution, as in real text) as users, teams, playgrounds and tournaments, with random
384-dimensional embeddings, builds the indexes, then prints p50/p95 latency of the lexical
query (full text + trigrams) and of the hybrid one (+ the HNSW vector leg), as
``app.search.retrieval.retrieve`` runs them (the ``set_config`` statement included).
Query vectors are random, so the vector leg's cost is measured, not its quality.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from app.db import Database, create_engine
from app.embedded_pg import EmbeddedPostgres
from app.migrate import upgrade
from app.search.models import DIMENSIONS
from app.search.retrieval import HYBRID, LEXICAL, Leg, Query, Tuning, retrieve
from app.settings import DatabaseSettings

VOCABULARY = (
    "футбол стритбол волейбол воркаут турник площадка команда двор школа парк коробка "
    "искусственный газон резина асфальт освещение раздевалка ворота кольцо сетка брусья "
    "тренировка матч турнир вечер утро выходные новички любители капитан вратарь защитник "
    "нападающий разыгрывающий пас бросок удар гол очко победа кубок лига сезон район "
    "набережная стадион спортивный городок зимой летом крытая открытая бесплатная"
)
SYLLABLE_TEXT = "ба ва го да ер жи зо ки ла ме но пу ра си ту фа хо це чи ша ны ль ск ст тр"
SYLLABLES = SYLLABLE_TEXT.split()


def vocabulary(rng: random.Random, size: int = 20_000) -> tuple[list[str], list[float]]:
    """Sports words among pseudo-words, weighted 1/(rank + 100): Zipf, like text, without the
    head of stop words that full-text search drops anyway."""
    words: list[str] = []
    seen = set(VOCABULARY.split())
    while len(words) < size - len(seen):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    for word in VOCABULARY.split():
        words.insert(rng.randrange(0, 2_000), word)
    return words, [1 / (rank + 100) for rank in range(1, len(words) + 1)]


WORDS, WEIGHTS = vocabulary(random.Random(1))
CITIES = ["Москва", "Казань", "Пермь", "Омск", "Самара", "Тула", "Сочи", "Уфа"]
NAMES = ["Волки", "Метеор", "Спартак", "Искра", "Ракета", "Север", "Буревестник", "Титан"]
TYPES = ["USER", "TEAM", "PLAYGROUND", "TOURNAMENT"]
TYPOS = {"футбол": "фудбол", "площадка": "площатка", "команда": "каманда", "турник": "турнек"}


def document(rng: random.Random, n: int) -> str:
    title = f"{rng.choice(NAMES)} {' '.join(rng.choices(WORDS, WEIGHTS, k=2))} {n}"
    body = " ".join(rng.choices(WORDS, WEIGHTS, k=rng.randint(8, 30)))
    fields = [rng.choice(TYPES), str(uuid.uuid4()), title, body, rng.choice(CITIES)]
    return "\t".join(fields) + "\n"


async def load(db: Database, size: int, rng: random.Random) -> float:
    started = time.monotonic()
    buffer = io.StringIO("".join(document(rng, n) for n in range(size)))
    async with db.engine.connect() as conn:
        raw = (await conn.get_raw_connection()).driver_connection
        assert raw is not None
        await raw.execute("DROP INDEX ix_search_documents_embedding_hnsw")
        await raw.execute(
            "CREATE TEMP TABLE staging (source_type text, source_id uuid, title text, "
            "body text, city text)"
        )
        async with raw.cursor().copy("COPY staging FROM STDIN") as copy:
            await copy.write(buffer.getvalue())
        await raw.execute(
            "INSERT INTO search_documents (source_type, source_id, chunk_no, title, body, city, "
            "visibility, embedding, embedder, content_hash) "
            "SELECT source_type, source_id, 0, title, body, city, 'PUBLIC', "
            f"(SELECT array_agg(random() - 0.5) FROM generate_series(1, {DIMENSIONS}) "
            " WHERE s.source_id IS NOT NULL)::vector, 'bench', md5(body) FROM staging s"
        )
        await raw.execute("SET maintenance_work_mem = '512MB'")
        await raw.execute(
            "CREATE INDEX ix_search_documents_embedding_hnsw ON search_documents "
            "USING hnsw (embedding vector_cosine_ops)"
        )
        await raw.execute("ANALYZE search_documents")
        await raw.commit()
    return time.monotonic() - started


def query_text(rng: random.Random) -> str:
    words = rng.choices(WORDS, WEIGHTS, k=rng.randint(1, 3))
    if rng.random() < 0.3:
        words = [TYPOS.get(word, word) for word in words]
    if rng.random() < 0.3:
        words.insert(0, rng.choice(NAMES))
    return " ".join(words)


async def measure(
    db: Database, legs: frozenset[Leg], count: int, rng: random.Random
) -> list[float]:
    timings = []
    for _ in range(count):
        vector = [rng.random() - 0.5 for _ in range(DIMENSIONS)]
        query = Query(
            text=query_text(rng),
            limit=20,
            vector=vector if Leg.VECTOR in legs else None,
            embedder="bench",
            legs=legs,
        )
        async with db.transaction() as session:
            started = time.perf_counter()
            await retrieve(session, query, Tuning())
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def report(name: str, timings: list[float]) -> None:
    cuts = statistics.quantiles(timings, n=100)
    print(f"{name:8} p50 {cuts[49]:7.1f} ms   p95 {cuts[94]:7.1f} ms   ({len(timings)} queries)")


async def run(url: str, args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    db = Database(create_engine(url, DatabaseSettings(statement_timeout_ms=600_000)))
    try:
        seconds = await load(db, args.size, rng)
        print(f"loaded and indexed {args.size} documents in {seconds:.1f} s")
        await measure(db, HYBRID, 10, rng)
        report("lexical", await measure(db, LEXICAL, args.queries, rng))
        report("hybrid", await measure(db, HYBRID, args.queries, rng))
    finally:
        await db.dispose()


def main(args: argparse.Namespace) -> None:
    server = EmbeddedPostgres(Path(tempfile.mkdtemp(prefix="prodvor-bench-search-")) / "pg")
    server.start()
    try:
        url = server.ensure_database("bench")
        upgrade(url)
        asyncio.run(run(url, args))
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="documents to index")
    parser.add_argument("--queries", type=int, default=200, help="queries per mode")
    parser.add_argument("--seed", type=int, default=7)
    main(parser.parse_args())
