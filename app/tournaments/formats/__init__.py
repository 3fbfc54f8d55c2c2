"""Bracket formats: pure, database-free, deterministic for a given seeding.

``single_elimination``, ``double_elimination``, ``round_robin`` and ``groups`` generate a
whole ``Plan`` up front; ``resolve`` fills it in from outcomes and ``placements`` ranks a
finished bracket. ``swiss`` pairs one round at a time from the games so far. ``standings``
builds tables with tie-breakers; ``seeding`` orders entrants.
"""
