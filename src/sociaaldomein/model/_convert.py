"""attrs converters shared by the model classes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Store any iterable as a tuple, so that models stay hashable and comparable.

    Typed with ``Any`` because mypy's attrs plugin cannot infer a generic
    converter; the field's own annotation still types what callers read.
    """
    return tuple(values)
