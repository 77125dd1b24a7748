"""Thresholds for classifying a trend without a target; a set can carry its own."""

from __future__ import annotations

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import finite_float
from sociaaldomein.text.language import _

__all__ = ["TrendThresholds"]


@attrs.frozen
class TrendThresholds:
    """Where the classes begin, in percent a year of growth the good way.

    :param clear: at least this much is a clear improvement (Eurostat: 1).
    :param slight: at least this much is a slight improvement.
    :param stable: from minus this to ``slight`` is stable; below is
        deterioration.
    :param minimum_points: fewer measurements than this are too few (Eurostat
        asks for at least three years).
    """

    clear: float = attrs.field(default=1.0, converter=finite_float)
    slight: float = attrs.field(default=0.1, converter=finite_float)
    stable: float = attrs.field(default=0.1, converter=finite_float)
    minimum_points: int = 3

    def __attrs_post_init__(self) -> None:
        if not self.clear >= self.slight >= -self.stable:
            raise InvalidValueError(
                _(
                    "drempels van een trend moeten voldoen aan clear >= slight >= -stable,"
                    " gevonden {clear}, {slight}, {stable}"
                ).format(clear=self.clear, slight=self.slight, stable=self.stable)
            )
