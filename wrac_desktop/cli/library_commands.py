"""``wrac library``: the hazard library from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wrac_desktop.cli.output_args import add_force
from wrac_desktop.errors import EXIT_OK, EXIT_PROBLEMS, UserError
from wrac_desktop.files import check_output_path
from wrac_desktop.i18n import _, current_language, pick


def add_library(subparsers: Any) -> None:
    parser = subparsers.add_parser("library", help=_("the hazard library"))
    parser.add_argument(
        "--json", action="store_true", help=_("print the built-in library as JSON, all languages")
    )
    actions = parser.add_subparsers(dest="library_action", metavar="ACTION")
    export = actions.add_parser("export", help=_("write a register's own entries to a file"))
    export.add_argument("path", help=_("the .wrac register or database URL"))
    export.add_argument("-o", "--output", type=Path, required=True, help=_("the JSON file"))
    add_force(export)
    imported = actions.add_parser("import", help=_("add entries from a file to a register"))
    imported.add_argument("path", help=_("the .wrac register or database URL"))
    imported.add_argument("file", type=Path, help=_("a file written by 'wrac library export'"))
    search = actions.add_parser("search", help=_("find hazards by any word in kk, ru or en"))
    search.add_argument("query", help=_("words to look for"))
    search.add_argument("--register", help=_("include this register's own entries"))
    refresh = actions.add_parser(
        "refresh",
        help=_(
            "list the library texts of a register's draft that the officer never edited and "
            "whose library wording changed (exit 1 if any); --apply refreshes them"
        ),
    )
    refresh.add_argument("path", help=_("the .wrac register or database URL"))
    refresh.add_argument(
        "--apply", action="store_true", help=_("refresh them, in every language (audited)")
    )
    parser.set_defaults(run=_run_library)


def _run_library(args: argparse.Namespace) -> int:
    from wrac_desktop.hazards import load_builtin_library
    from wrac_desktop.register import open_to_read
    from wrac_desktop.services import library

    action = args.library_action
    if action is None and args.json:
        print(load_builtin_library().to_json())
    elif action == "export":
        check_output_path(args.output, registers=[args.path], force=args.force)
        with open_to_read(args.path) as register, register.uow.reading() as session:
            count = library.export_entries(session, args.output)
        print(_("wrote {count} entries to {path}").format(count=count, path=args.output))
    elif action == "import":
        _import(args.path, args.file)
    elif action == "search":
        _search(args.query, args.register)
    elif action == "refresh":
        return _refresh(args.path, apply=args.apply)
    else:
        raise UserError(_("say what to do: --json, export, import, search or refresh"))
    return EXIT_OK


def _import(path: str, file: Path) -> None:
    from wrac_desktop.register import open_location
    from wrac_desktop.services import library

    entries = library.read_export(file)  # all validated before the register is touched
    with open_location(path, read_only=False) as register, register.uow.transaction() as session:
        summary = library.import_entries(session, entries)
    print(
        _("{added} added, {updated} updated, {unchanged} already there").format(
            added=summary.added, updated=summary.updated, unchanged=summary.unchanged
        )
    )


def _search(query: str, register_path: str | None) -> None:
    from wrac_desktop.hazards import load_builtin_library
    from wrac_desktop.register import open_to_read
    from wrac_desktop.services import library

    found = load_builtin_library()
    if register_path is not None:
        with open_to_read(register_path) as register, register.uow.reading() as session:
            found = library.register_library(session)
    for entry in found.search(query):
        print(f"{entry.id}\t{pick(entry.name, current_language())}")


def _refresh(path: str, *, apply: bool) -> int:
    """Each refreshable text on a line; exit 1 when some would change and --apply was not
    given (as `wrac check` reports problems), 0 when none is left."""
    from wrac_desktop.register import open_location, open_to_read
    from wrac_desktop.services import library_refresh, work

    with open_location(path, read_only=False) if apply else open_to_read(path) as register:
        found = work.read(register, library_refresh.refreshable)
        for item in found:
            print(
                f"{item.record_uuid}\t{item.library_id}\t{item.title}"
                f"\t{item.old_text} → {item.new_text}"
            )
        if apply and found:
            count, _changes = work.commit(register, library_refresh.apply_refresh)
            print(_("{count} texts refreshed from the hazard library").format(count=count))
            return EXIT_OK
    if found:
        print(_("{count} texts can be refreshed from the hazard library: run again with --apply")
              .format(count=len(found)))  # fmt: skip
        return EXIT_PROBLEMS
    print(_("no library text to refresh"))
    return EXIT_OK
