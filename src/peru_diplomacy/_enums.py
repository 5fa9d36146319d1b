"""The base of the library's text enums: members by value, in any case and spacing."""

from __future__ import annotations

import enum

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
