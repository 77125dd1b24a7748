"""Who commissions, delivers and is measured: municipalities, regions, organisations."""

from __future__ import annotations

import re

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import as_tuple
from sociaaldomein.text.language import _

__all__ = ["Municipality", "Organisation", "Province", "Region"]

_CBS_CODE = re.compile(r"GM\d{4}")


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise InvalidValueError(_("{name} mag niet leeg zijn").format(name=attribute.name))


def _cbs_code(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _CBS_CODE.fullmatch(value):
        raise InvalidValueError(
            _(
                "{name} {value!r} is geen CBS-gemeentecode; verwacht GM en vier cijfers, zoals"
                " GM0166"
            ).format(name=attribute.name, value=value)
        )


@attrs.frozen
class Municipality:
    """A gemeente, with its CBS code (``GM0166``) where known."""

    name: str = attrs.field(validator=_non_empty)
    cbs_code: str | None = attrs.field(default=None, validator=_cbs_code)

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class Region:
    """A group of municipalities that plans or compares together (Drenthe, Holland Rijnland)."""

    name: str = attrs.field(validator=_non_empty)
    municipalities: tuple[Municipality, ...] = attrs.field(default=(), converter=as_tuple)

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class Organisation:
    """A welfare organisation, CMO, GGD or other party that submits or delivers work."""

    name: str = attrs.field(validator=_non_empty)

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class Province:
    """Regions that add up to a whole, as a province compares itself (in data, in TOML)."""

    name: str = attrs.field(validator=_non_empty)
    regions: tuple[Region, ...] = attrs.field(default=(), converter=as_tuple)

    def region_of(self) -> dict[str, str]:
        """Each municipality's region, by name and by CBS code."""
        return {
            key: region.name
            for region in self.regions
            for municipality in region.municipalities
            for key in (municipality.name, municipality.cbs_code)
            if key
        }
