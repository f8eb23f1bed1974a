"""Core services: the operations every front end (CLI, GUI, import, tests) performs.

Each function takes a SQLAlchemy ``Session`` handed out by ``UnitOfWork.transaction()``, so a
caller can compose several operations into one atomic change.
"""
