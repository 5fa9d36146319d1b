"""The base of the library's text enums: members by value, in any case and spacing."""

from __future__ import annotations

import enum
from typing import Self

from .errors import InvalidArgumentError

__all__ = ["TextEnum"]


class TextEnum(enum.StrEnum):
    """A :class:`enum.StrEnum` whose members are also found by their value in any case.

    ``Region("europe")`` and ``EventKind(" Broken ")`` work, as
    ``Region("Europe")`` does; an unknown value raises :class:`ValueError`
    listing the values that would work.
    """

    @classmethod
    def _missing_(cls, value: object) -> TextEnum | None:
        if isinstance(value, str):
            folded = value.strip().casefold()
            for member in cls:
                if member.value.casefold() == folded:
                    return member
        raise InvalidArgumentError(
            f"{value!r} is not a valid {cls.__name__}: use one of {', '.join(repr(m.value) for m in cls)}"
        )

    @classmethod
    def coerce(cls, value: object, what: str) -> Self:
        """A member, or the member whose value ``value`` is in any case: how every argument is read.

        Raises :class:`~peru_diplomacy.InvalidArgumentError` naming ``what`` and the values that
        would work, or :class:`TypeError` for anything but a member or text.

        >>> from peru_diplomacy import Region
        >>> Region.coerce(" europe", "region")
        <Region.EUROPE: 'Europe'>
        >>> Region.coerce("Atlantis", "region")
        Traceback (most recent call last):
        ...
        peru_diplomacy.errors.InvalidArgumentError: unknown region 'Atlantis': use one of
        'Africa', 'Americas', 'Asia', 'Europe', 'Oceania'
        """
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            raise TypeError(f"a {what} is a {cls.__name__} or its value, not {type(value).__name__}")
        try:
            return cls(value)  # any case and spacing, as _missing_ reads it
        except InvalidArgumentError:
            names = ", ".join(repr(m.value) for m in cls)
            raise InvalidArgumentError(f"unknown {what} {value!r}: use one of {names}") from None
