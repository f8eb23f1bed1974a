"""Benchmarks for `make bench`: each prints one JSON line per figure, with its goal."""
