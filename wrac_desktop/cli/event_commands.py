"""``wrac event add``, ``wrac events``, ``wrac figures``, ``wrac indicators`` (issue 18)."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from wrac_desktop.cli.approval_commands import parse_date
from wrac_desktop.cli.output_args import add_force
from wrac_desktop.errors import EXIT_OK, EXIT_PROBLEMS, UserError
from wrac_desktop.files import check_output_path, write_atomically
from wrac_desktop.formatting import format_date, format_number
from wrac_desktop.i18n import _
from wrac_desktop.vocabulary import EventKind, InvestigationStatus

# As in commands.py: building the parser imports nothing heavy; each run imports the register,
# the services and the file writers when it runs (`wrac --help` stays quick, issue 22).

KINDS = [kind.value for kind in EventKind]
INVESTIGATION = [status.value for status in InvestigationStatus]


def parse_moment(text: str) -> datetime:
    """A date (2026-03-12) or a date and time (2026-03-12T14:30 or "2026-03-12 14:30")."""
    try:
        return (
            datetime.fromisoformat(text)
            if len(text) > 10
            else datetime.combine(date.fromisoformat(text), time())
        )
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("{value} is not a date like 2026-03-16").format(value=text)
        ) from error


def _add_path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help=_("the .wrac register or database URL"))


def add_event(subparsers: Any) -> None:
    parser = subparsers.add_parser("event", help=_("record an event at a workplace"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help=_("record a near miss, an accident or a disease"))
    _add_path(add)
    add.add_argument("--kind", required=True, choices=KINDS, help=_("what happened"))
    add.add_argument("--date", required=True, type=parse_moment, help=_("when, like 2026-03-12"))
    add.add_argument("--workplace", required=True, help=_("its UUID or exact full name"))
    add.add_argument("--hazard", action="append", default=[], help=_("a hazard's UUID"))
    add.add_argument("--person", help=_("the person involved"))
    add.add_argument("--position", help=_("the person's position"))
    add.add_argument("--personnel-no", help=_("the person's personnel number"))
    add.add_argument("--consent", help=_("the person's consent to keep their name"))
    add.add_argument("--description", help=_("what happened"))
    add.add_argument("--cause", help=_("the immediate cause"))
    add.add_argument("--days-lost", type=int, help=_("working days lost"))
    add.add_argument("--reported-on", type=parse_date, help=_("date reported to the inspectorate"))
    add.add_argument("--reference", help=_("the inspectorate's reference"))
    add.add_argument(
        "--investigation", choices=INVESTIGATION, help=_("where the investigation stands")
    )
    add.add_argument(
        "--lang", dest="text_lang", choices=("kk", "ru", "en"),
        help=_("the language the texts are written in (default: their letters tell)"),
    )  # fmt: skip
    add.add_argument(
        "--attach", nargs="+", default=[], help=_("photos and documents: JPEG, PNG or PDF")
    )
    add.set_defaults(run=_run_event_add)
    withdraw = actions.add_parser("withdraw", help=_("withdraw an event recorded by mistake"))
    _add_path(withdraw)
    withdraw.add_argument("event", help=_("the event's UUID"))
    withdraw.add_argument("--reason", required=True, help=_("why it is withdrawn"))
    withdraw.set_defaults(run=_run_event_withdraw)


def _run_event_add(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location
    from wrac_desktop.services import attachments, events

    # Every file read and checked before anything is written: one bad file records nothing.
    files = [attachments.read_checked(Path(path)) for path in args.attach]
    details = {
        "person_name": args.person, "person_position": args.position,
        "personnel_no": args.personnel_no, "consent_note": args.consent,
        "description": args.description, "immediate_cause": args.cause,
        "days_lost": args.days_lost, "reported_on": args.reported_on,
        "report_reference": args.reference, "investigation": args.investigation,
    }  # fmt: skip
    with open_location(args.path, read_only=False) as register, register.uow.transaction() as s:
        event = events.add_event(
            s,
            args.kind,
            args.date,
            args.workplace,
            args.hazard,
            text_lang=args.text_lang,
            **details,
        )  # an unknown workplace or hazard, a future date: ValidationError, exit 2
        attachments.attach_checked(s, "incident_event", event.uuid, files)
        print(event.uuid)
    return EXIT_OK


def _run_event_withdraw(args: argparse.Namespace) -> int:
    import uuid

    from wrac_desktop.register import open_location
    from wrac_desktop.services import events

    try:
        event_uuid = uuid.UUID(args.event)
    except ValueError:
        raise UserError(_("{value} is not a UUID").format(value=args.event)) from None
    with open_location(args.path, read_only=False) as register, register.uow.transaction() as s:
        events.withdraw_event(s, event_uuid, args.reason, date.today())
    return EXIT_OK


COLUMNS = (
    "uuid", "kind", "occurred_at", "workplace_uuid", "hazard_uuids", "person_name",
    "person_position", "personnel_no", "description", "immediate_cause", "days_lost",
    "reported_on", "report_reference", "investigation", "lang",
)  # fmt: skip


def add_events(subparsers: Any) -> None:
    parser = subparsers.add_parser("events", help=_("list the events recorded"))
    _add_path(parser)
    parser.add_argument("--from", dest="start", type=parse_date, help=_("first day"))
    parser.add_argument("--to", dest="end", type=parse_date, help=_("last day"))
    parser.add_argument("--kind", choices=KINDS, help=_("only events of this kind"))
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help=_("print the events as JSON"))
    shown.add_argument("-o", "--output", type=Path, help=_("write FILE.xlsx or FILE.csv"))
    add_force(parser)
    parser.set_defaults(run=_run_events)


def _run_events(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location
    from wrac_desktop.reports.table_files import table_csv, table_xlsx
    from wrac_desktop.services import events

    if args.output is not None:
        if args.output.suffix.lower() not in (".xlsx", ".csv"):
            raise UserError(_("write the events to a .xlsx or .csv file"))
        check_output_path(args.output, registers=[args.path], force=args.force)
    with open_location(args.path) as register, register.uow.reading() as session:
        rows = [
            [_plain(getattr(event, name)) for name in COLUMNS]
            for event in events.list_events(session, args.start, args.end, args.kind)
        ]
    if args.output is not None:
        content = (
            table_csv(COLUMNS, rows)
            if args.output.suffix.lower() == ".csv"
            else table_xlsx("events", COLUMNS, rows)
        )
        write_atomically(args.output, content)
        print(_("wrote {path}").format(path=args.output))
    elif args.json:
        print(
            json.dumps(
                [dict(zip(COLUMNS, row, strict=True)) for row in rows], ensure_ascii=False, indent=2
            )
        )
    else:
        for row in rows:
            print(f"{row[2]}  {EventKind(row[1]).label()}  {row[0]}  {row[8]}")
    return EXIT_OK


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list):
        return " ".join(value)
    return value if value is None or isinstance(value, int | str) else str(value)


def add_figures(subparsers: Any) -> None:
    parser = subparsers.add_parser("figures", help=_("show or enter the organisation's figures"))
    _add_path(parser)
    parser.add_argument("--year", required=True, type=int, help=_("the year"))
    parser.add_argument("--headcount", type=int, help=_("average headcount"))
    parser.add_argument("--hours", type=int, help=_("hours worked"))
    parser.add_argument("--insurance-policy", help=_("accident insurance policy number"))
    parser.add_argument("--insurer", help=_("the insurer"))
    parser.add_argument("--insured-until", type=parse_date, help=_("the policy is valid until"))
    parser.add_argument("--insured-workers", type=int, help=_("workers insured"))
    parser.add_argument(
        "--safety-service", choices=("yes", "no"), help=_("a labour-protection service in place")
    )
    parser.add_argument("--safety-officers", type=int, help=_("people responsible for safety"))
    parser.add_argument("--officers-tested", type=int, help=_("how many passed the test"))
    parser.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    parser.set_defaults(run=_run_figures)


def _run_figures(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location
    from wrac_desktop.services import events

    given = {
        "average_headcount": args.headcount, "hours_worked": args.hours,
        "insurance_policy": args.insurance_policy, "insurer": args.insurer,
        "insured_until": args.insured_until, "insured_workers": args.insured_workers,
        "safety_service": None if args.safety_service is None else args.safety_service == "yes",
        "safety_officers": args.safety_officers, "officers_tested": args.officers_tested,
    }  # fmt: skip
    changes = {name: value for name, value in given.items() if value is not None}
    with open_location(args.path, read_only=False if changes else None) as register:
        unit = register.uow.transaction() if changes else register.uow.reading()
        with unit as session:
            figures = (
                events.set_figures(session, args.year, **changes)
                if changes
                else events.figures_of(session, args.year)
            )
            values = {name: getattr(figures, name, None) for name in events.FIGURE_FIELDS}
    if args.json:
        print(json.dumps({"year": args.year} | {k: _plain(v) for k, v in values.items()},
                         ensure_ascii=False, indent=2))  # fmt: skip
    else:
        for name, value in values.items():
            shown = format_date(value) if isinstance(value, date) else value
            print(f"{name}: {'' if shown is None else shown}")
    return EXIT_OK


def add_indicators(subparsers: Any) -> None:
    parser = subparsers.add_parser("indicators", help=_("the roadmap's indicators 40-44"))
    _add_path(parser)
    parser.add_argument("--year", required=True, type=int, help=_("the year"))
    parser.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help=_("one quarter"))
    parser.add_argument("--json", action="store_true", help=_("print the indicators as JSON"))
    parser.set_defaults(run=_run_indicators)


def _run_indicators(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location
    from wrac_desktop.services import events

    with open_location(args.path) as register, register.uow.reading() as session:
        when = events.period(args.year, args.quarter)
        result = events.period_indicators(session, when, date.today())
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(_("Period: {period}").format(period=result["period"]))
    for name, value in result["indicators"].items():
        target = result["targets"].get(name)
        shown = _("no data") if value is None else format_number(value, decimals=3)
        aim = _("target {value}").format(value=format_number(target, decimals=3)) if target else ""
        aim = f"  ({aim})" if aim else ""
        print(f"{name}: {shown}{aim}")
    return EXIT_OK


def add_reconcile(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "reconcile", help=_("find injuries with no event and events with no medical record")
    )
    _add_path(parser)
    parser.add_argument("visits", type=Path, help=_("the first medical visits, .xlsx or .csv"))
    parser.add_argument("--sheet", help=_("the worksheet to read (default: the first)"))
    parser.add_argument("-o", "--output", type=Path, help=_("write FINDINGS.pdf or .xlsx"))
    parser.add_argument(
        "--no-record",
        action="store_true",
        help=_("only list the findings: do not keep the hidden injuries for indicator 42"),
    )
    add_force(parser)
    parser.set_defaults(run=_run_reconcile)


def _run_reconcile(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location
    from wrac_desktop.services import reconcile

    kind = args.output.suffix.lower().lstrip(".") if args.output is not None else None
    if args.output is not None:
        if kind not in ("pdf", "xlsx"):
            raise UserError(_("write the findings to a .pdf or .xlsx file"))
        check_output_path(args.output, registers=[args.path], force=args.force)
    kept = 0
    with open_location(args.path, read_only=True if args.no_record else None) as register:
        record = not (args.no_record or register.read_only)
        if register.read_only and not args.no_record:
            print(_("warning: the register is read-only: the hidden injuries are not kept"))
        with register.uow.transaction() if record else register.uow.reading() as session:
            result = reconcile.reconcile_file(session, args.visits, args.sheet)
            if record:  # indicator 42 counts them (issue 18)
                kept = reconcile.record_hidden(session, result)
    for problem in result.journal.problems:
        print(_("warning: {warning}").format(warning=problem))
    found = result.findings
    for visit in found.hidden:
        print(
            _("visit with no event: {date}  {person}  {number}  {diagnosis}  (row {row})").format(
                date=visit.day.isoformat(), person=visit.person, number=visit.personnel_no,
                diagnosis=visit.diagnosis, row=visit.row,
            )
        )  # fmt: skip
    for event in found.unrecorded:
        print(
            _("event with no medical record: {date}  {person}  {number}  {kind}  {uuid}").format(
                date=event.day.isoformat(), person=event.person, number=event.personnel_no,
                kind=EventKind(event.kind).label(), uuid=event.uuid,
            )
        )  # fmt: skip
    for line in reconcile.summary_lines(result, kept):
        print(line)
    if args.output is not None and kind is not None:
        write_atomically(args.output, reconcile.findings_file(result, kind))
        print(_("wrote {path}").format(path=args.output))
    return EXIT_PROBLEMS if found.unmatched else EXIT_OK


COMMANDS = (add_event, add_events, add_figures, add_indicators, add_reconcile)
