"""The risk engine: matrices as data, ratings with overrides kept apart, shipped presets.

Pure Python: no Qt, no SQL. Modules: ``matrix`` (the model and scoring), ``serialise`` (to and
from JSON-ready dicts, validated), ``rating`` (stored ratings), ``presets`` (shipped matrices),
``kz_scale`` (Kazakhstan's five-degree scale).
"""

from wrac_desktop.risk.kz_scale import KZ_DEGREES, KzDegree, kz_degree_label
from wrac_desktop.risk.matrix import Axis, Band, KzThreshold, Level, Matrix
from wrac_desktop.risk.presets import FINE_KINNEY, PRESETS, PRODUCT_5X5, WRAC_5X5, preset
from wrac_desktop.risk.rating import Rating, StoredRating

__all__ = [
    "FINE_KINNEY",
    "KZ_DEGREES",
    "PRESETS",
    "PRODUCT_5X5",
    "WRAC_5X5",
    "Axis",
    "Band",
    "KzDegree",
    "KzThreshold",
    "Level",
    "Matrix",
    "Rating",
    "StoredRating",
    "kz_degree_label",
    "preset",
]
