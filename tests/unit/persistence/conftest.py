"""Every persistence test runs on a .wrac file and on a PostgreSQL server alike."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)
