"""Attached files are hostile input: told by content, bombs refused before their pixels are
decoded, damaged pictures named, large photos scaled and turned upright."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import Image

from wrac_desktop.errors import UserError
from wrac_desktop.services.attachments import (
    JPEG,
    PDF,
    PNG,
    SCALED_SIDE,
    content_type_of,
    scaled_photo,
    upright_image,
)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels, with one tiny IDAT: a bomb's
    shape at a few dozen bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _image(fmt: str, size: tuple[int, int], orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (30, 120, 200))
    exif = image.getexif()
    if orientation is not None:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, fmt, exif=exif)
    return out.getvalue()


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ((7000, 7000), "7000 × 7000 pixels is too large a picture"),  # over our PNG bound
        ((40000, 40000), "too large a picture to open"),  # over Pillow's own bound
    ],
)
def test_a_png_bomb_is_refused_from_its_header(size: tuple[int, int], message: str) -> None:
    started = time.perf_counter()
    with pytest.raises(UserError, match=message):
        content_type_of("bomb.png", _png_header_only(*size))
    assert time.perf_counter() - started < 2  # nothing decoded: a 1.6 GB bitmap would take long


def test_types_are_told_by_content_not_name() -> None:
    assert content_type_of("photo.pdf", _image("JPEG", (40, 30))) == JPEG
    assert content_type_of("scan.jpg", _image("PNG", (40, 30))) == PNG
    assert content_type_of("act.png", b"%PDF-1.7\n%%EOF\n") == PDF
    with pytest.raises(UserError, match="notes.jpg is not a JPEG or PNG photo or a PDF"):
        content_type_of("notes.jpg", "Акт қабылдау".encode())
    with pytest.raises(UserError, match="a GIF.png is not a JPEG"):
        content_type_of("a GIF.png", b"GIF89a" + b"\x00" * 20)


def test_a_cut_photo_is_named_damaged() -> None:
    whole = _image("PNG", (300, 200))
    with pytest.raises(UserError, match="cut.png is damaged"):
        content_type_of("cut.png", whole[: len(whole) // 2])


def test_large_photos_are_scaled_and_turned_upright() -> None:
    assert scaled_photo(_image("JPEG", (800, 600))) is None  # small enough: kept as it is
    scaled = scaled_photo(_image("JPEG", (4000, 3000), orientation=6))  # camera held upright
    assert scaled is not None
    with Image.open(io.BytesIO(scaled)) as image:
        assert (image.format, image.size) == ("JPEG", (1920, SCALED_SIDE))
    png = scaled_photo(_image("PNG", (6000, 1000)))
    assert png is not None
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (SCALED_SIDE, 427)


def test_thumbnails_follow_the_exif_orientation() -> None:
    for orientation, expected in ((1, (160, 80)), (6, (80, 160)), (8, (80, 160))):
        small = upright_image(_image("JPEG", (400, 200), orientation), 160)
        with Image.open(io.BytesIO(small)) as image:
            assert image.size == expected, orientation
