"""One module per domain, each with ``CASES: list[Case]`` (see ``tests/authz/matrix.py``)."""
