"""A matrix edited in a test: the product has no matrix editor, the rules for one hold."""

from __future__ import annotations

from dataclasses import replace

from wrac_desktop.risk.matrix import Band, Matrix
from wrac_desktop.risk.serialise import matrix_from_dict, matrix_to_dict


def with_bands(matrix: Matrix, bands: tuple[Band, ...]) -> Matrix:
    """A copy with other classes, validated as strictly as a definition read from a file."""
    return matrix_from_dict(matrix_to_dict(replace(matrix, bands=tuple(bands))))
