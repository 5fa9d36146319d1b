"""The cattrs converter that turns records into plain JSON-ready data and back.

It defines the dataset file format (the library's own loader builds records
without it, and a test holds the two equal). The converter is yours: hooks
you register on it change nothing the library answers. Use it to store
records in your pipeline and read them back unchanged.

>>> from peru_diplomacy import converter, relations_with
>>> chile = relations_with("Chile")
>>> data = converter.unstructure(chile)
>>> data["counterpart"]["alpha3"], data["events"][0]["date"]
('CHL', '1822-10-13')
>>> converter.structure(data, type(chile)) == chile
True
"""

from __future__ import annotations

import cattrs

from .dates import PartialDate

__all__ = ["converter", "describe_errors", "make_converter"]


def make_converter() -> cattrs.Converter:
    """A new converter configured for this library's records.

    Partial dates become their ISO text, enums their values, tuples lists;
    structuring rejects unknown keys and reports every problem at once
    (:class:`cattrs.ClassValidationError`).

    >>> from peru_diplomacy import make_converter
    >>> from peru_diplomacy import PartialDate
    >>> make_converter().unstructure(PartialDate(1966, 9))
    '1966-09'
    """
    new = cattrs.Converter(forbid_extra_keys=True)
    new.register_unstructure_hook(PartialDate, PartialDate.isoformat)
    new.register_structure_hook(PartialDate, _structure_partial_date)
    return new


def _structure_partial_date(value: object, _: type) -> PartialDate:
    if not isinstance(value, str):
        raise TypeError(f"a partial date is ISO text such as '1966-09', not {type(value).__name__}")
    return PartialDate.fromisoformat(value)


def describe_errors(error: cattrs.BaseValidationError, path: str) -> list[str]:
    """Readable lines for a structuring error: where, what was expected, and why.

    >>> from peru_diplomacy.serialization import describe_errors
    >>> import cattrs
    >>> from peru_diplomacy import converter
    >>> from peru_diplomacy import Event
    >>> try:
    ...     converter.structure({"kind": "annexed", "date": "1990", "state": {}}, Event)
    ... except cattrs.BaseValidationError as error:
    ...     print(describe_errors(error, "event")[0])
    invalid value for type, expected EventKind: 'annexed' is not a valid EventKind: use one
    of ... @ event.kind
    """
    from cattrs import transform_error
    from cattrs.v import format_exception

    def explain(exc: BaseException, type_: type | None) -> str:
        text = format_exception(exc, type_)
        if isinstance(exc, (ValueError, TypeError)) and str(exc) and str(exc) not in text:
            text = f"{text}: {exc}"
        return text

    return transform_error(error, path=path, format_exception=explain)


converter: cattrs.Converter = make_converter()
"""The shared converter (see :func:`make_converter`)."""
