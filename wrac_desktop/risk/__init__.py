"""The risk engine: matrices as data, ratings with overrides kept apart, shipped presets.

Pure Python: no Qt, no SQL.
"""
