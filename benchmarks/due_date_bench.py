"""Issue 23 item 13's figure: reading a due date is linear and capped.

One letters-only cell of Excel's largest size (32,767 characters) in the deadline column took
longer than the import's patience (2,000 letters: 84 s) before the parser was rewritten.
Run as ``python -m benchmarks.due_date_bench``.
"""

from __future__ import annotations

from argparse import Namespace

from benchmarks.common import argument_parser, emit, timed
from wrac_desktop.domain.due_dates import _raw_tokens, read_due

EXCEL_CELL = 32_767


def main() -> None:
    seconds, _reading = timed(lambda: read_due("а" * EXCEL_CELL))
    emit("due_date_excel_cell_32767", seconds * 1000, "ms", goal=10)
    # Past the cap: the tokeniser alone on the same text, to show it stays linear.
    seconds, _tokens = timed(lambda: _raw_tokens("а" * EXCEL_CELL + " 2026" * 1000))
    emit("due_date_tokenise_37767", seconds * 1000, "ms", goal=50)
    seconds, _reading = timed(
        lambda: [read_due("2026 жылғы 15 наурызға дейін") for _ in range(1000)]
    )
    emit("due_date_1000_typical", seconds * 1000, "ms", goal=200)


def arguments(argv: list[str] | None = None) -> Namespace:
    """No arguments: ``--help`` tells what runs; anything else is refused (exit 2)."""
    return argument_parser("benchmarks.due_date_bench", __doc__).parse_args(argv)


if __name__ == "__main__":
    arguments()
    main()
