"""``prodvor seed --scale N``: a large, deterministic dataset for benchmarks.

A loader, not a domain operation: it computes every row in memory from a seed number (so two
runs with the same seed, scale and day write the same data) and writes the tables directly
with ``COPY``. Only the catalogues that demo seeding keeps (sports, quests, ranks, system
accounts) are read from the database first.
"""
