"""Seed content of the FAQ and the rules library (real text, edited later by staff)."""
