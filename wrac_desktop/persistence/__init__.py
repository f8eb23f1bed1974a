"""Persistence at the edge: SQLAlchemy models, migrations, the unit of work and queries.

Everything that speaks SQL lives in this package. The code is engine-agnostic; the few
SQLite-only statements live in ``sqlite.py`` and nowhere else.
"""
