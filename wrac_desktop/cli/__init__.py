"""The ``wrac`` command line: a contract scripts rely on (names, flags and exit codes)."""
