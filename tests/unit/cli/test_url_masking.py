"""Issue 23 item 9: a database URL's password is never shown or logged, and every malformed URL
is a user error (exit 2), whatever part of it is wrong. No server is needed: each of these
fails before or while connecting."""

from __future__ import annotations

import logging
import sys

import pytest

from tests.unit.cli.test_cli import run
from wrac_desktop.errors import UserError
from wrac_desktop.masking import mask_passwords

SECRET = "S3cret"
MALFORMED = [
    f"postgresql+psycopg://user:{SECRET}@[::1:5432/db",
    f"postgresql+psycopg://user:{SECRET}@localhost:5432/db?sslmode=bogus",
    f"postgresql://user:{SECRET}@host:notaport/db",
    f"postgresql://user:{SECRET}@localhost:5432/db?connect_timeout=soon",
    f"postgresql://user:{SECRET}@localhost:5432/db?nosuchoption=1",
    f"postgresql://user:{SECRET}@no-such-host.invalid:5432/db",
    f"postgresql://user:{SECRET}@/",
    f"postgres://us er:{SECRET}@h st/db",
    f"postgresql+psycopg://user:{SECRET}@@host/db",
]


@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_url_is_a_user_error_without_its_password(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "info", url)
    assert code == 2, err
    assert SECRET not in out + err and err.startswith("wrac: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://u:pw@h/db", "postgresql://u:***@h/db"),
        (
            "see postgresql+psycopg://u:p@ss@h:5432/db now",
            "see postgresql+psycopg://u:***@h:5432/db now",
        ),
        ("postgresql://u:S3cret@[::1:5432/db", "postgresql://u:***@[::1:5432/db"),
        ("postgresql://u@h/db", "postgresql://u@h/db"),
        ("password=S3cret host=h", "password=*** host=h"),
        ("/home/user/a:b@c.wrac", "/home/user/a:b@c.wrac"),
    ],
)
def test_mask_passwords(text: str, expected: str) -> None:
    assert mask_passwords(text) == expected


def test_every_user_error_is_masked_at_its_source() -> None:
    assert SECRET not in UserError(f"postgresql://u:{SECRET}@h/db is wrong").message


def test_the_log_masks_passwords_in_messages_and_tracebacks() -> None:
    from wrac_desktop.logs import MaskingFormatter

    try:
        raise RuntimeError(f"connect to postgresql://u:{SECRET}@h/db failed")
    except RuntimeError:
        record = logging.LogRecord(
            "wrac", logging.ERROR, __file__, 1, "opening %s", (f"postgresql://u:{SECRET}@h/db",),
            sys.exc_info(),
        )  # fmt: skip
    text = MaskingFormatter("%(message)s").format(record)
    assert "postgresql://u:***@h/db" in text and "RuntimeError" in text and SECRET not in text
