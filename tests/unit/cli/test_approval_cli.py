"""`wrac approve / revise / diff / verify / audit` and signed exports, as a script uses them."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from tests.unit.cli.test_cli import run

PASSWORD = "Құпия-сөз 1"


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.wrac"
    # Russian data, as the names asserted below: without --lang the demo follows the locale
    assert run(capsys, "--lang", "ru", "demo", str(path), "--workplaces", "2")[0] == 0
    return path


@pytest.fixture
def approved(demo: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, err = run(
        capsys, "approve", str(demo), "--by", "Серікбаев Қ.", "--position", "Бас инженер",
        "--date", "2026-03-20",
    )  # fmt: skip
    assert code == 0, err
    assert "approved revision 1" in out
    return demo


def make_key(path: Path, common_name: str = "Нұрланова Әйгерім") -> Path:
    """A self-signed RSA key and certificate in a password-protected .p12, like NCA RK's."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    encryption = serialization.BestAvailableEncryption(PASSWORD.encode())
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(b"officer", key, certificate, None, encryption)
    )
    return path


@pytest.fixture(scope="module")
def key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_key(tmp_path_factory.mktemp("keys") / "officer.p12")


def password_file(tmp_path: Path, password: str = PASSWORD) -> Path:
    path = tmp_path / "password.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return path


def export_pdf(capsys: pytest.CaptureFixture[str], path: Path, out: Path, *extra: str) -> tuple:
    return run(
        capsys, "export", str(path), "--report", "register", "--format", "pdf", "--lang", "kk",
        "-o", str(out), *extra,
    )  # fmt: skip


def test_approving_twice_is_a_user_error(approved: Path, capsys: pytest.CaptureFixture) -> None:
    code, _out, err = run(capsys, "approve", str(approved), "--by", "X", "--position", "Y")
    assert code == 2 and "only a draft" in err


def test_verify_passes_then_fails_after_an_sqlite_update(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "register.pdf"
    assert export_pdf(capsys, approved, report)[0] == 0
    code, out, _err = run(capsys, "verify", str(approved), str(report))
    assert code == 0, out
    assert "printed fingerprint matches" in out
    with sqlite3.connect(approved) as connection:
        connection.execute("UPDATE hazard SET initial_score = 1 WHERE id = 1")
    code, out, _err = run(capsys, "verify", str(approved), str(report))
    assert code == 1 and "FAIL revision 1" in out and "Initial risk score" in out
    assert run(capsys, "check", str(approved))[0] == 1


def test_a_report_of_other_content_does_not_verify(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "revise", str(approved))[0] == 0
    draft_report = tmp_path / "draft.pdf"
    with sqlite3.connect(approved) as connection:  # the draft may differ: give it other content
        connection.execute("UPDATE hazard SET notes = 'changed' WHERE assessment_id = 2")
    assert export_pdf(capsys, approved, draft_report)[0] == 0
    code, out, _err = run(capsys, "verify", str(approved), str(draft_report), "--revision", "1")
    assert code == 1 and "does not match" in out


def test_revise_diff_and_export_an_older_revision(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "revise", str(approved))[0] == 0
    with sqlite3.connect(approved) as connection:
        connection.execute("UPDATE hazard SET description = 'Жаңа сипаттама' WHERE id = 31")
        connection.execute("DELETE FROM control_measure WHERE hazard_id = 32")
    code, out, _err = run(capsys, "diff", str(approved), "--from", "1", "--to", "2")
    assert code == 0
    assert (
        "Жаңа сипаттама" in out and "Description Пожар → Жаңа сипаттама" in out and "removed" in out
    )
    old = tmp_path / "rev1.xlsx"
    assert run(capsys, "export", str(approved), "--report", "register", "--format", "xlsx",
               "--revision", "1", "-o", str(old))[0] == 0  # fmt: skip
    assert old.stat().st_size > 0
    code, _out, err = run(capsys, "diff", str(approved), "--from", "1", "--to", "7")
    assert code == 2 and "no revision 7" in err


def test_signed_export_verifies_and_a_changed_byte_is_caught(
    approved: Path, tmp_path: Path, key_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "signed.pdf"
    code, _out, err = export_pdf(
        capsys, approved, report, "--sign", str(key_file), "--password-file",
        str(password_file(tmp_path)),
    )  # fmt: skip
    assert code == 0, err
    code, out, _err = run(capsys, "verify", str(approved), str(report))
    assert code == 0, out
    assert "Нұрланова Әйгерім" in out and "intact" in out
    content = bytearray(report.read_bytes())
    position = content.index(b"/Producer")
    content[position + 1 : position + 2] = b"Q"  # one byte inside the signed range
    report.write_bytes(bytes(content))
    code, out, _err = run(capsys, "verify", str(approved), str(report))
    assert code == 1 and "signature does not match" in out


def test_password_from_the_environment(
    approved: Path, tmp_path: Path, key_file: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("WRAC_KEY_PASSWORD", PASSWORD)
    report = tmp_path / "signed.pdf"
    assert export_pdf(capsys, approved, report, "--sign", str(key_file))[0] == 0
    assert b"/ByteRange" in report.read_bytes()


@pytest.mark.parametrize("problem", ["wrong password", "broken key", "not a key"])
def test_bad_key_is_a_clear_error_and_writes_nothing(
    approved: Path, tmp_path: Path, key_file: Path, capsys: pytest.CaptureFixture[str],
    problem: str,
) -> None:  # fmt: skip
    key, password = key_file, PASSWORD
    if problem == "wrong password":
        password = "wrong"
    elif problem == "broken key":
        key = tmp_path / "broken.p12"
        key.write_bytes(key_file.read_bytes()[:300])
    else:
        key = tmp_path / "notes.p12"
        key.write_text("just text", encoding="utf-8")
    report = tmp_path / "signed.pdf"
    code, out, err = export_pdf(
        capsys, approved, report, "--sign", str(key), "--password-file",
        str(password_file(tmp_path, password)),
    )  # fmt: skip
    assert code == 2
    expected = "wrong password" if problem == "wrong password" else "not a PKCS#12"
    assert expected in err and "Traceback" not in err + out
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*part")) == []


def test_audit_export_as_csv_and_xlsx(approved: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out_csv = tmp_path / "audit.csv"
    code, out, _err = run(capsys, "audit", str(approved), "-o", str(out_csv))
    assert code == 0
    rows = list(csv.reader(out_csv.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) >= 3 and any("approved" in " ".join(row) for row in rows[1:])
    only_assessments = tmp_path / "a.xlsx"
    assert run(capsys, "audit", str(approved), "-o", str(only_assessments),
               "--entity", "assessment")[0] == 0  # fmt: skip
    from openpyxl import load_workbook

    sheet = load_workbook(only_assessments).active
    assert sheet is not None
    assert {row[5] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"assessment"}
    assert run(capsys, "audit", str(approved), "-o", str(tmp_path / "a.txt"))[0] == 2


def test_a_plan_printing_only_the_short_fingerprint_verifies_by_its_footers(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.pdf"
    assert run(capsys, "export", str(approved), "--report", "plan", "--format", "pdf",
               "-o", str(plan))[0] == 0  # fmt: skip
    code, out, _err = run(capsys, "verify", str(approved), str(plan))
    assert code == 0 and "page footers matches" in out, out


# `wrac sign` and `wrac verify` with several signers, as the approver and the commission use them
APPROVER, MEMBER = "Ахметов Ержан Серикович", "Ким Виктор Алексеевич"  # the demo's commission


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("keys")
    return {name: make_key(folder / f"{n}.p12", name) for n, name in enumerate((APPROVER, MEMBER))}


def test_approver_then_member_sign_and_verify_lists_both(
    approved: Path, keys: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "register.pdf"
    password = str(password_file(tmp_path))
    code, _out, err = export_pdf(capsys, approved, report, "--sign", str(keys[APPROVER]),
                                 "--password-file", password)  # fmt: skip
    assert code == 0, err
    code, out, err = run(capsys, "--lang", "en", "sign", str(report), "--key", str(keys[MEMBER]),
                         "--password-file", password)  # fmt: skip
    assert code == 0, err
    assert f"signed by {MEMBER}" in out
    code, _out, err = run(capsys, "--lang", "en", "sign", str(report), "--key",
                          str(keys[MEMBER]), "--password-file", password)  # fmt: skip
    assert code == 2 and "every signature line" not in err  # Ким has signed his line
    assert "WRAC-Member-1 (Нурланова Айгерим Бахытовна)" in err  # the empty lines, named
    code, out, _err = run(capsys, "--lang", "en", "verify", str(approved), str(report))
    assert code == 0, out
    assert f"signature 1 by Common Name: {APPROVER}" in out
    assert "only further signatures were added after it" in out
    assert f"signature 2 by Common Name: {MEMBER}" in out
    assert "nothing was changed after it" in out
    import subprocess

    checked = subprocess.run(["pdfsig", str(report)], capture_output=True, text=True).stdout
    assert checked.count("Signature is Valid") == 2, checked  # poppler agrees
    assert checked.count("ETSI.CAdES.detached") == 2
    assert "WRAC-Member-1" in checked and "is not signed" in checked  # lines still to sign


def test_a_change_after_the_signatures_fails_verify(
    approved: Path, keys: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from pyhanko.pdf_utils.generic import NameObject, pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    report = tmp_path / "register.pdf"
    password = str(password_file(tmp_path))
    assert export_pdf(capsys, approved, report, "--sign", str(keys[APPROVER]),
                      "--password-file", password)[0] == 0  # fmt: skip
    writer = IncrementalPdfFileWriter(io.BytesIO(report.read_bytes()))
    writer.root[NameObject("/Lang")] = pdf_string("xx")  # a change after signing
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    report.write_bytes(output.getvalue())
    code, out, _err = run(capsys, "--lang", "en", "verify", str(approved), str(report))
    assert code == 1 and "the document was changed after this signature" in out


def test_sign_refuses_what_is_not_a_pdf_and_changes_nothing(
    keys: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_text("not a pdf", encoding="utf-8")
    code, out, err = run(capsys, "sign", str(notes), "--key", str(keys[MEMBER]),
                         "--password-file", str(password_file(tmp_path)))  # fmt: skip
    assert code == 2 and "is not a PDF" in err and "Traceback" not in out + err
    assert notes.read_text(encoding="utf-8") == "not a pdf"
