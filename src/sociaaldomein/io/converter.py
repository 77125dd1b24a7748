"""The one cattrs converter between model objects and TOML data.

Built on cattrs' tomllib preconfiguration, with ``forbid_extra_keys`` and
detailed validation, so that :func:`structure` reports every problem of a
document at once, each with its key path (``indicators[3].target.value``).
Plain values are strict: a number where text is expected is an error, not
quietly turned into text.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, TypeVar, get_args

import attrs
from cattrs import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.tomllib import TomllibConverter, make_converter
from cattrs.v import transform_error

from sociaaldomein.errors import InvalidValueError, LoadError, SociaaldomeinError
from sociaaldomein.findings import Finding
from sociaaldomein.io.value_words import TYPE_NAMES as _TYPE_NAMES
from sociaaldomein.io.value_words import found as _found
from sociaaldomein.model._convert import finite_decimal, finite_float
from sociaaldomein.model.consistency import ConsistencyRule
from sociaaldomein.model.formula import Formula
from sociaaldomein.model.measurement_type import Value
from sociaaldomein.model.parties import Municipality, Organisation
from sociaaldomein.model.period import Period
from sociaaldomein.model.prestatieveld import Prestatieveld
from sociaaldomein.model.reference_group import ReferenceGroup
from sociaaldomein.model.target import Target, Tolerance
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal
from sociaaldomein.text.suggest import unknown_name

__all__ = ["converter", "problems_of", "structure", "unstructure"]

T = TypeVar("T")


class _WrongType(SociaaldomeinError, TypeError):
    """A value of the wrong TOML type; the message says what was found and expected."""


def _wrong(template: str, value: object) -> _WrongType:
    """The error for ``value``: ``template`` (translated) with what was found in ``{found}``."""
    return _WrongType(template.format(found=_found(value)))


def _strict(kind: type) -> Callable[[object, type], object]:
    def hook(value: object, cl: type) -> object:
        if cl is not kind and issubclass(cl, enum.Enum):
            # String enums reach the str hook first: singledispatch follows the MRO.
            return _structure_enum(cl)(value, cl)
        if kind is float and type(value) in (int, float):
            return finite_float(value)  # type: ignore[arg-type]
        if type(value) is kind:
            return kind(value)  # type: ignore[call-arg]
        raise _WrongType(
            _("verwacht {expected}, gevonden {found}").format(
                expected=_(_TYPE_NAMES[kind]), found=_found(value)
            )
        )

    return hook


def _structure_decimal(value: object, _cl: type) -> Decimal:
    # Every Decimal field of the model comes through here and through the
    # model's own converter, finite_decimal: NaN, sNaN and the infinities
    # (TOML's nan and inf, or text such as "NaN") are a load error with the key path.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return finite_decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            pass
        else:
            return finite_decimal(number)
    raise _WrongType(_("verwacht een getal, gevonden {found}").format(found=_found(value)))


def _unstructure_decimal(value: Decimal) -> int | float | str:
    # TOML has no decimals: write the number a person would type, and fall
    # back to text only where a float could not carry every digit.
    if value == value.to_integral_value() and abs(value) < 2**63:
        return int(value)
    as_float = float(value)
    return as_float if as_decimal(as_float) == value else str(value)


def _structure_period(value: object, _cl: type) -> Period:
    if isinstance(value, int) and not isinstance(value, bool):
        return Period.year(value)
    if isinstance(value, str):
        return Period.parse(value)
    raise _wrong(
        _("verwacht een periode zoals '2019' of '2005-09..2007-08', gevonden {found}"), value
    )


def _structure_prestatieveld(value: object, _cl: type) -> Prestatieveld:
    if isinstance(value, int | str) and not isinstance(value, bool):
        return Prestatieveld.lookup(value)
    raise _wrong(
        _("verwacht een nummer van een prestatieveld van 1 t/m 9, gevonden {found}"), value
    )


def _structure_enum(cl: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    def hook(value: object, _cl: type) -> enum.Enum:
        try:
            return cl(value)
        except ValueError:
            valid = ", ".join(repr(member.value) for member in cl)
            raise _WrongType(
                _("verwacht een van {valid}, gevonden {found}").format(
                    valid=valid, found=_found(value)
                )
            ) from None

    return hook


def _tagged_union(conv: TomllibConverter, union: Any) -> None:
    """(Un)structure ``union`` as a table whose ``kind`` key names the member class."""
    members = {cl.kind: cl for cl in get_args(union)}

    def structure(value: object, _cl: type) -> object:
        if not isinstance(value, Mapping):
            raise _wrong(_("verwacht een tabel met een sleutel 'kind', gevonden {found}"), value)
        kind = value.get("kind")
        if kind not in members:
            raise _WrongType(
                _("verwacht als kind een van {kinds}, gevonden {found}").format(
                    kinds=", ".join(map(repr, members)),
                    found=_found(kind) if kind is not None else _("geen kind"),
                )
            )
        rest = {key: item for key, item in value.items() if key != "kind"}
        return conv.structure(rest, members[kind])

    def unstructure(value: Any) -> dict[str, Any]:
        return {"kind": value.kind, **conv.unstructure(value, unstructure_as=type(value))}

    for declared in (union, union | None):
        conv.register_structure_hook(declared, structure)
        conv.register_unstructure_hook(declared, unstructure)


def _structure_party(conv: TomllibConverter, cl: type[T]) -> Callable[[object, type], T]:
    """Accept a party as its name alone, or as a table with its fields."""
    from_table = make_dict_structure_fn(
        cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure(value: object, _cl: type) -> T:
        if isinstance(value, str):
            return cl(value)  # type: ignore[call-arg]
        if not isinstance(value, Mapping):
            raise _wrong(_("verwacht een naam of een tabel, gevonden {found}"), value)
        return from_table(value, cl)

    return structure


def _unstructure_municipality(value: Municipality) -> str | dict[str, str]:
    if value.cbs_code is None:
        return value.name
    return {"name": value.name, "cbs_code": value.cbs_code}


def _is_dimensions(cl: object) -> bool:
    return cl == tuple[tuple[str, str], ...]


def _structure_dimensions(value: object, _cl: type) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise _wrong(_("verwacht een tabel zoals {{leeftijd = '12-17'}}, gevonden {found}"), value)
    for key, item in value.items():
        if not isinstance(item, str):
            raise _WrongType(
                _("verwacht tekst voor dimensie {key!r}, gevonden {found}").format(
                    key=key, found=_found(item)
                )
            )
    return tuple(sorted(value.items()))


def _is_schedule(cl: object) -> bool:
    return cl in (tuple[tuple[Period, Target], ...], tuple[tuple[Period, Target], ...] | None)


def _schedule_hooks(
    conv: TomllibConverter,
) -> tuple[Callable[[object, type], object], Callable[[Any], object]]:
    """A target schedule as a table keyed by period: ``{2019 = {kind = "at_most", ...}}``."""

    def structure(value: object, _cl: type) -> object:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise _wrong(
                _(
                    "verwacht een tabel van doelen per periode, zoals"
                    " {{2019 = {{kind = 'at_most', value = 37.5}}}}, gevonden {found}"
                ),
                value,
            )
        _refuse_same_period(value)
        # cattrs walks the table, so a bad entry's path names its period.
        table = conv.structure(dict(value), dict[Period, Target])
        return tuple(sorted(table.items(), key=lambda entry: (entry[0].start, entry[0].end)))

    def unstructure(value: Any) -> object:
        if value is None:
            return None
        return {str(period): conv.unstructure(target, Target) for period, target in value}

    return structure, unstructure


def _refuse_same_period(table: Mapping[Any, object]) -> None:
    """Two keys of one schedule that are the same period, written two ways, are an error.

    ``2024`` and ``"2024..2024"`` are different keys to TOML but one period:
    read into one table, the last would silently replace the first.
    """
    seen: dict[Period, str] = {}
    twice = []
    for key in table:
        try:
            period = Period.parse(str(key))
        except SociaaldomeinError:
            continue  # structuring names the key that is not a period
        if period in seen:
            twice.append(
                _(
                    "de sleutels {first!r} en {second!r} van schedule zijn allebei {period}"
                    " ({dutch}); houd er een, want een periode heeft een doel"
                ).format(first=seen[period], second=str(key), period=period, dutch=period.dutch())
            )
        else:
            seen[period] = str(key)
    if twice:
        raise InvalidValueError("; ".join(twice))


def _is_groups(cl: object) -> bool:
    return cl == tuple[ReferenceGroup, ...]


def _group_hooks(
    conv: TomllibConverter,
) -> tuple[Callable[[object, type], object], Callable[[Any], object]]:
    """Reference groups as a table keyed by name: ``[reference_groups.G100k]``, ``members``."""

    def structure(value: object, cl: type) -> object:
        if not isinstance(value, Mapping):
            raise _wrong(
                _(
                    "verwacht een tabel van groepen op naam, zoals [reference_groups.vergelijkbaar]"
                    " met members = ['Assen', 'Emmen'], gevonden {found}"
                ),
                value,
            )
        # The name is the key; cattrs walks the table, so a bad entry's path names it.
        bodies: dict[str, object] = {}
        for name, body in value.items():
            if isinstance(body, Mapping):
                if "name" in body or isinstance(body.get("members"), str):
                    # A name beside the key would be a second name; text is no list
                    # (read letter by letter, "Assen" would be five members).
                    wrong = "name" if "name" in body else "members"
                    why = (
                        _("de naam van een groep is haar sleutel; laat name weg")
                        if wrong == "name"
                        else _("verwacht een lijst, zoals members = ['Assen', 'Emmen']")
                    )
                    raise InvalidValueError(f"reference_groups.{name}.{wrong}: {why}")
                body = {**body, "name": name}
            bodies[str(name)] = body
        table = conv.structure(bodies, dict[str, ReferenceGroup])
        return tuple(table.values())

    def unstructure(value: Any) -> object:
        return {
            group.name: {
                key: item for key, item in conv.unstructure(group).items() if key != "name"
            }
            for group in value
        }

    return structure, unstructure


def _structure_formula(value: object, _cl: type) -> Formula:
    if not isinstance(value, str):
        raise _wrong(
            _("verwacht een formule zoals 'value(uitgaven) / value(clienten)', gevonden {found}"),
            value,
        )
    return Formula(value)


@cache
def converter() -> TomllibConverter:
    """The shared converter, built on first use so that importing stays cheap."""
    conv = make_converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    for kind in (str, int, bool, float):
        conv.register_structure_hook(kind, _strict(kind))
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(Period, _structure_period)
    conv.register_unstructure_hook(Period, str)
    conv.register_structure_hook(Prestatieveld, _structure_prestatieveld)
    conv.register_unstructure_hook(Prestatieveld, int)
    conv.register_unstructure_hook(enum.Enum, lambda member: member.value)
    conv.register_structure_hook(Organisation, _structure_party(conv, Organisation))
    conv.register_unstructure_hook(Organisation, lambda value: value.name)
    conv.register_structure_hook(Municipality, _structure_party(conv, Municipality))
    conv.register_unstructure_hook(Municipality, _unstructure_municipality)
    conv.register_structure_hook_func(_is_dimensions, _structure_dimensions)
    conv.register_unstructure_hook_func(_is_dimensions, dict)
    # A measured value keeps its TOML type; the measurement type checks it later.
    for value_type in (Value, Value | None):
        conv.register_structure_hook(value_type, lambda value, _cl: _measured_value(value))
        conv.register_unstructure_hook(value_type, _unstructure_value)
    _tagged_union(conv, Target)
    _tagged_union(conv, Tolerance)
    structure_schedule, unstructure_schedule = _schedule_hooks(conv)
    conv.register_structure_hook_func(_is_schedule, structure_schedule)
    conv.register_unstructure_hook_func(_is_schedule, unstructure_schedule)
    conv.register_structure_hook(Formula, _structure_formula)
    structure_groups, unstructure_groups = _group_hooks(conv)
    conv.register_structure_hook_func(_is_groups, structure_groups)
    conv.register_unstructure_hook_func(_is_groups, unstructure_groups)
    conv.register_unstructure_hook(Formula, str)
    _tagged_union(conv, ConsistencyRule)
    return conv


def _unstructure_value(value: object) -> object:
    return _unstructure_decimal(value) if isinstance(value, Decimal) else value


def _measured_value(value: object) -> int | float | bool | str:
    if isinstance(value, float):
        return finite_float(value)
    if isinstance(value, int | bool | str):
        return value
    raise _wrong(_("verwacht een getal, true/false of tekst, gevonden {found}"), value)


def _describe(exc: BaseException, cl: type | None) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(exc.cl)]
        parts = [
            unknown_name(_("onbekende sleutel {key}").format(key=repr(key)), key, known)
            for key in sorted(exc.extra_fields)
        ]
        expected = _("verwachte sleutels: {keys}").format(keys=", ".join(known))
        return "; ".join(parts) + f" ({expected})"
    if isinstance(exc, SociaaldomeinError):
        return str(exc)
    if isinstance(exc, KeyError):
        return _("verplichte sleutel ontbreekt")
    name = getattr(cl, "__name__", None)
    if name is None:
        return _("ongeldige waarde ({error})").format(error=exc)
    if isinstance(exc, AttributeError | TypeError) and isinstance(cl, type) and attrs.has(cl):
        return _("verwacht een tabel met de sleutels van een {name}").format(name=name)
    return _("verwacht {name} ({error})").format(name=name, error=exc)


def problems_of(exc: BaseException, file: str) -> list[Finding]:
    """Turn a structuring error into problems with a key path each."""
    problems = []
    for line in transform_error(exc, path="", format_exception=_describe):
        message, _at, path = line.rpartition(" @ ")
        problems.append(Finding.in_file(file, path.lstrip("."), message))
    return problems


def structure(data: Mapping[str, Any], cl: type[T], *, file: str = "<data>") -> T:
    """Build a ``cl`` from TOML data.

    :raises LoadError: listing every problem, each with ``file`` and key path.
    """
    try:
        return converter().structure(data, cl)
    except (ClassValidationError, IterableValidationError, SociaaldomeinError) as exc:
        if isinstance(exc, LoadError):
            raise
        raise LoadError(problems_of(exc, file)) from exc


def unstructure(obj: object) -> dict[str, Any]:
    """``obj`` as TOML-ready data: defaults left out, numbers and periods as TOML writes them."""
    data = converter().unstructure(obj)
    if not isinstance(data, dict) and attrs.has(type(obj)):
        # A party written as its bare name inside a document is a table on its own.
        data = {
            key: value
            for key, value in converter().unstructure_attrs_asdict(obj).items()
            if value is not None
        }
    if not isinstance(data, dict):
        raise TypeError(
            _("een {name} kan niet als TOML-document worden geschreven").format(
                name=type(obj).__name__
            )
        )
    return data
