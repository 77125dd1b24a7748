"""Formulas of derived indicators: a small arithmetic grammar, parsed, never executed.

A derived indicator's value is computed from other indicators' values (or
their numerators and denominators) of the same subject, period and slice::

    value(wmo.uitgaven) / value(wmo.clienten)                  # costs per client
    numerator(wmo.maatwerk) / value(inwoners) * 10000          # per 10,000 inhabitants
    value(a) + value(b) - 2 * value(c)

The grammar (no names other than these, no function calls of any other kind)::

    expression := term (("+" | "-") term)*
    term       := factor (("*" | "/") factor)*
    factor     := NUMBER | "-" factor | "(" expression ")" | PART "(" INDICATOR_ID ")"
    PART       := "value" | "numerator" | "denominator"

The text is tokenised and parsed here into a tree of frozen nodes; the
values are computed by :mod:`sociaaldomein.core.derived`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import finite_decimal
from sociaaldomein.text.language import _

__all__ = [
    "Binary",
    "Formula",
    "Negate",
    "Number",
    "Part",
    "parse_formula",
    "written",
    "zero_divisors",
]

PARTS = ("value", "numerator", "denominator")


@attrs.frozen
class Number:
    """A constant, such as the factor 10000."""

    value: Decimal = attrs.field(converter=finite_decimal)


@attrs.frozen
class Part:
    """The value, numerator or denominator of another indicator."""

    indicator: str
    part: str = "value"

    def __str__(self) -> str:
        return f"{self.part}({self.indicator})"


@attrs.frozen
class Negate:
    operand: Node


@attrs.frozen
class Binary:
    """``left op right`` for ``op`` one of ``+ - * /``."""

    op: str
    left: Node
    right: Node


Node = Number | Part | Negate | Binary

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<part>value|numerator|denominator)\s*\(\s*"
    r"(?P<id>[a-z0-9][a-z0-9_.-]*)\s*\)|(?P<op>[-+*/()]))"
)


def _tokens(text: str) -> Iterator[tuple[int, str, str]]:
    """(column, kind, text) for every token; column counts from 1."""
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            return
        match = _TOKEN.match(text, position)
        if match is None:
            column = position + 1 + len(text[position:]) - len(text[position:].lstrip())
            found = text[column - 1 :].split()[0][:20]
            raise InvalidValueError(
                _(
                    "formule {text!r}, kolom {column}: onverwacht {found!r}; verwacht een getal,"
                    " value(id), numerator(id), denominator(id), een bewerking + - * / of een"
                    " haakje"
                ).format(text=text, column=column, found=found)
            )
        kind = match.lastgroup or ""
        column = match.start(kind) + 1
        if kind == "id":
            yield match.start("part") + 1, "part", f"{match['part']}({match['id']})"
        else:
            yield column, kind, match[kind]
        position = match.end()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = list(_tokens(text))
        self.index = 0

    def _fail(self, expected: str) -> InvalidValueError:
        if self.index < len(self.tokens):
            column, _kind, found = self.tokens[self.index]
            where = _("kolom {column}: gevonden {found!r}").format(column=column, found=found)
        else:
            where = _("aan het eind")
        return InvalidValueError(
            _("formule {text!r}, {where}; verwacht {expected}").format(
                text=self.text, where=where, expected=expected
            )
        )

    def _peek(self) -> str | None:
        return self.tokens[self.index][2] if self.index < len(self.tokens) else None

    def parse(self) -> Node:
        node = self.expression()
        if self.index != len(self.tokens):
            raise self._fail(_("een bewerking + - * / of het eind"))
        return node

    def expression(self) -> Node:
        node = self.term()
        while self._peek() in ("+", "-"):
            op = self.tokens[self.index][2]
            self.index += 1
            node = Binary(op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while self._peek() in ("*", "/"):
            op = self.tokens[self.index][2]
            self.index += 1
            node = Binary(op, node, self.factor())
        return node

    def factor(self) -> Node:
        if self.index >= len(self.tokens):
            raise self._fail(_("een getal, value(id), numerator(id), denominator(id) of ("))
        _column, kind, text = self.tokens[self.index]
        if kind == "number":
            self.index += 1
            return Number(Decimal(text))
        if kind == "part":
            self.index += 1
            part, _paren, indicator = text.rstrip(")").partition("(")
            return Part(indicator, part)
        if text == "-":
            self.index += 1
            return Negate(self.factor())
        if text == "(":
            self.index += 1
            node = self.expression()
            if self._peek() != ")":
                raise self._fail(_("een sluitend haakje )"))
            self.index += 1
            return node
        raise self._fail(_("een getal, value(id), numerator(id), denominator(id) of ("))


def parse_formula(text: str) -> Node:
    """The tree of ``text``.

    :raises InvalidValueError: the text is not a formula; the message gives
        the column and what was expected there.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidValueError(
            _("een formule moet niet-lege tekst zijn, gevonden {text!r}").format(text=text)
        )
    return _Parser(text).parse()


def _parts(node: Node) -> Iterator[Part]:
    if isinstance(node, Part):
        yield node
    elif isinstance(node, Negate):
        yield from _parts(node.operand)
    elif isinstance(node, Binary):
        yield from _parts(node.left)
        yield from _parts(node.right)


def written(node: Node) -> str:
    """``node`` written out, every operation in parentheses: ``(value(b) - (2 * value(b)))``."""
    if isinstance(node, Number):
        return str(node.value)
    if isinstance(node, Part):
        return str(node)
    if isinstance(node, Negate):
        return f"-{written(node.operand)}"
    return f"({written(node.left)} {node.op} {written(node.right)})"


def _constant(node: Node) -> Decimal | None:
    """The value of a part of a formula that reads no indicator; None where it does (or is 0/0)."""
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Part):
        return None
    if isinstance(node, Negate):
        inner = _constant(node.operand)
        return None if inner is None else -inner
    left, right = _constant(node.left), _constant(node.right)
    if left is None or right is None or (node.op == "/" and right == 0):
        return None
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    return left * right if node.op == "*" else left / right


def _always_zero(node: Node) -> bool:
    """Whether ``node`` is 0 whatever the values it reads (``2 - 2``, ``0 * value(a)``)."""
    constant = _constant(node)
    if constant is not None:
        return constant == 0
    if isinstance(node, Negate):
        return _always_zero(node.operand)
    if isinstance(node, Binary) and node.op == "*":
        return _always_zero(node.left) or _always_zero(node.right)
    if isinstance(node, Binary) and node.op == "/":
        return _always_zero(node.left)
    return False


def zero_divisors(node: Node) -> Iterator[Node]:
    """Every divisor in ``node`` that is 0 whatever the inputs: such a formula never has a value."""
    if isinstance(node, Negate):
        yield from zero_divisors(node.operand)
    elif isinstance(node, Binary):
        if node.op == "/" and _always_zero(node.right):
            yield node.right
        yield from zero_divisors(node.left)
        yield from zero_divisors(node.right)


@attrs.frozen
class Formula:
    """A derived indicator's formula: its text and, parsed from it, its tree.

    Two formulas are equal when their texts are.
    """

    text: str
    tree: Node = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Frozen: the tree is set once, here, from the text.
        object.__setattr__(self, "tree", parse_formula(self.text))

    @property
    def inputs(self) -> tuple[str, ...]:
        """The indicator ids the formula reads, each once, in order of appearance."""
        return tuple(dict.fromkeys(part.indicator for part in _parts(self.tree)))

    @property
    def parts(self) -> tuple[Part, ...]:
        """Every value, numerator or denominator read, each once."""
        return tuple(dict.fromkeys(_parts(self.tree)))

    def fraction(self) -> tuple[Node, Node, Decimal] | None:
        """``(x, y, k)`` where the formula is ``x / y`` times a constant ``k``, else None.

        A derived rate or percentage of that shape keeps ``x`` and ``y`` as
        its numerator and denominator, so it adds up through them.
        """
        tree = self.tree
        factor = Decimal(1)
        if isinstance(tree, Binary) and tree.op == "*":
            if isinstance(tree.right, Number):
                factor, tree = tree.right.value, tree.left
            elif isinstance(tree.left, Number):
                factor, tree = tree.left.value, tree.right
        if isinstance(tree, Binary) and tree.op == "/":
            return tree.left, tree.right, factor
        return None

    def __str__(self) -> str:
        return self.text
