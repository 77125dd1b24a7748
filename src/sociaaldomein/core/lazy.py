"""A sequence, or a mapping, made when first read.

A large accountability run holds a hundred thousand measurements and
evaluations that a report never reads one by one; the columnar run keeps
them as columns and makes the objects only for a caller that asks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, overload

__all__ = ["Lazy", "LazyMapping"]

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class Lazy(Sequence[T]):
    """``length`` items that ``make`` gives, made on first use and kept.

    Equal to any sequence with equal items, so a run read columnar equals
    the same run read object by object.
    """

    __slots__ = ("_items", "_length", "_make")

    def __init__(self, length: int, make: Callable[[], Iterable[T]]) -> None:
        self._length = length
        self._make: Callable[[], Iterable[T]] | None = make
        self._items: tuple[T, ...] | None = None

    def _made(self) -> tuple[T, ...]:
        if self._items is None:
            assert self._make is not None
            self._items = tuple(self._make())
            self._make = None
            if len(self._items) != self._length:
                raise AssertionError(f"made {len(self._items)} items, not {self._length}")
        return self._items

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self._made()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self._made())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and self._made() == tuple(other)

    def __hash__(self) -> int:
        return hash(self._made())

    def __repr__(self) -> str:
        shown: Any = self._items if self._items is not None else f"<{self._length} not made yet>"
        return f"Lazy({shown})"


class LazyMapping(Mapping[K, V]):
    """A mapping of ``length`` items that ``make`` gives, made on first use and kept.

    Its length is known without making it (a caller that only counts, or
    asks whether it is empty, makes nothing). Equal to any mapping with
    equal items, as a dict is.
    """

    __slots__ = ("_items", "_length", "_make")

    def __init__(self, length: int, make: Callable[[], Mapping[K, V]]) -> None:
        self._length = length
        self._make: Callable[[], Mapping[K, V]] | None = make
        self._items: Mapping[K, V] | None = None

    def _made(self) -> Mapping[K, V]:
        if self._items is None:
            assert self._make is not None
            self._items = self._make()
            self._make = None
            if len(self._items) != self._length:
                raise AssertionError(f"made {len(self._items)} items, not {self._length}")
        return self._items

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key: K) -> V:
        return self._made()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._made())

    def __repr__(self) -> str:
        shown: Any = self._items if self._items is not None else f"<{self._length} not made yet>"
        return f"LazyMapping({shown})"
