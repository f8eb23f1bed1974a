"""``wrac verify``: does the register still hold what was approved, and does a report match it?

Three comparisons, each one line of the result: the content recomputed now against the
fingerprint stored at approval; the fingerprint printed in a PDF (the full one on the
signature page, the short one in every page footer) against the register; and the PDF's
digital signatures. The audit log's hash chain is checked too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import _
from wrac_desktop.persistence import checkpoints, record_queries
from wrac_desktop.persistence.audit_state import audit_problems
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.register import Register
from wrac_desktop.reports.fingerprint import short
from wrac_desktop.services import approval, assessments
from wrac_desktop.services.fingerprints import fingerprint

if TYPE_CHECKING:  # pyHanko and ReportLab load when a PDF is checked, not with the window
    from wrac_desktop.reports.signing import SignatureCheck

_FULL = re.compile(r"\b[0-9a-f]{64}\b")
_SHORT = re.compile(r"SHA-256\s+((?:[0-9a-f]{4}\s?){4})")


@dataclass
class VerifyResult:
    lines: list[str] = field(default_factory=list)
    ok: bool = True

    def good(self, line: str) -> None:
        self.lines.append(f"OK   {line}")

    def bad(self, line: str) -> None:
        self.lines.append(f"FAIL {line}")
        self.ok = False


def verify(register: Register, report: Path | None, *, revision: int | None = None) -> VerifyResult:
    """Revision ``revision``, or every approved revision and the current one, then the chain
    and the report (compared with the chosen revision, by default the current one)."""
    result = VerifyResult()
    with register.uow.reading() as session:
        current = _current(session)
        chosen = _chosen(session, current, revision)
        # Each revision's fingerprint as checked: a draft's is computed once (10 s at
        # 100,000 hazards), not again for the report (issue 22)
        computed = {a.id: _check_register(session, a, result) for a in chosen}
        shown = chosen[-1] if revision is not None else current
        printed = shown.fingerprint or computed.get(shown.id) or fingerprint(session, shown)
        problems = audit_problems(session, checkpoints.passed)  # Cancel between its batches
    for problem in problems:
        result.bad(problem)
    if not problems:
        result.good(_("audit log: hash chain intact"))
    if report is not None:
        # A printout of an approved revision must show what was approved, not what is there now.
        _check_report(Path(report), printed, result)
    return result


def _current(session: Session) -> Assessment:
    current = assessments.current_assessment(session)
    if current is None:
        raise UserError(_("the register holds no assessment"))
    return current


def _chosen(session: Session, current: Assessment, revision: int | None) -> list[Assessment]:
    if revision is not None:
        return [approval.revision_of(session, current, revision)]
    approved = record_queries.fingerprinted_revisions(session)
    return [*(a for a in approved if a.id != current.id), current]


def _check_register(session: Session, assessment: Assessment, result: VerifyResult) -> str:
    """One revision's line; its fingerprint: a draft's computed now, else the stored one."""
    where = _("revision {n}").format(n=assessment.revision)
    if not assessment.fingerprint:
        computed = fingerprint(session, assessment)
        result.good(
            _("{where} is a draft; its content fingerprint is {fp}").format(
                where=where, fp=computed
            )
        )
        return computed
    problems = approval.revision_problems(session, assessment)
    for problem in problems:
        result.bad(problem)
    if not problems:
        result.good(
            _("{where}: content matches the fingerprint stored at approval {fp}").format(
                where=where, fp=assessment.fingerprint
            )
        )
    return assessment.fingerprint


def _check_report(report: Path, computed: str, result: VerifyResult) -> None:
    content = _read(report)
    _check_printed(report, _page_texts(report, content), computed, result)
    from wrac_desktop.reports.signing import signatures

    checks = signatures(content)
    if not checks:
        result.lines.append(_("     {path}: not digitally signed").format(path=report.name))
    for number, check in enumerate(checks, start=1):
        _check_signature(report.name, number, check, result)


def _check_signature(name: str, number: int, check: SignatureCheck, result: VerifyResult) -> None:
    """One line per signer: who, when, and whether the document changed after they signed."""
    who = _("{path}: signature {n} by {signer} ({at})").format(
        path=name, n=number, signer=check.signer, at=check.signed_at
    )
    if not check.intact:
        result.bad(
            _("{who}: the signature does not match the document (it was changed after "
              "signing)").format(who=who)
        )  # fmt: skip
    elif not check.unchanged_since:
        result.bad(_("{who}: the document was changed after this signature").format(who=who))
    elif check.covers_whole_file:
        result.good(
            _("{who} is intact; nothing was changed after it; the signer's certificate was "
              "not checked against a trust list").format(who=who)
        )  # fmt: skip
    else:
        result.good(
            _("{who} is intact; only further signatures were added after it").format(who=who)
        )


def _read(report: Path) -> bytes:
    try:
        return report.read_bytes()
    except OSError as error:
        raise UserError(
            _("cannot read {path}: {reason}").format(path=report, reason=error.strerror)
        ) from error


def _page_texts(report: Path, content: bytes) -> list[str]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]
    except (PdfReadError, ValueError, KeyError) as error:
        raise UserError(_("{path} is not a readable PDF").format(path=report)) from error


def _check_printed(report: Path, pages: list[str], computed: str, result: VerifyResult) -> None:
    printed = {match for text in pages for match in _FULL.findall(text)}
    footers = [_SHORT.search(text) for text in pages]
    unmarked = [n for n, found in enumerate(footers, start=1) if found is None]
    wrong = [
        n
        for n, found in enumerate(footers, start=1)
        if found is not None and _squash(found.group(1)) != _squash(short(computed))
    ]
    if not printed and len(unmarked) == len(pages):
        result.bad(_("{path}: no fingerprint found in the report").format(path=report.name))
    elif not printed:
        # The plan and the heat maps print only the short form, in every footer.
        if not wrong:
            result.good(
                _(
                    "{path}: the fingerprint in its page footers matches the register "
                    "(first 16 hex digits)"
                ).format(path=report.name)
            )
    elif printed != {computed}:
        result.bad(
            _("{path}: printed fingerprint {printed} does not match the register's {fp}").format(
                path=report.name, printed=", ".join(sorted(printed)), fp=computed
            )
        )
    else:
        result.good(_("{path}: printed fingerprint matches the register").format(path=report.name))
    if unmarked or wrong:
        result.bad(
            _("{path}: page footers without the matching fingerprint: {pages}").format(
                path=report.name, pages=", ".join(map(str, sorted(unmarked + wrong)))
            )
        )


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)
