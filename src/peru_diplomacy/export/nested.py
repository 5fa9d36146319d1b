"""Whole records as nested JSON, and back, through the library's cattrs converter."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..errors import DatasetError
from ..relation import Relation

__all__ = ["relations_from_json", "relations_to_json"]


def relations_to_json(relations: Iterable[Relation], *, indent: int | None = 2) -> str:
    """Whole records as a JSON array, through the library's cattrs converter.

    >>> from peru_diplomacy.export import relations_to_json
    >>> from peru_diplomacy import relations_with
    >>> text = relations_to_json([relations_with("Chile")], indent=None)
    >>> text[:40]
    '[{"id": "CHL", "counterpart": {"id": "CH'
    """
    from ..serialization import converter

    return json.dumps([converter.unstructure(r) for r in relations], ensure_ascii=False, indent=indent)


def relations_from_json(text: str | bytes) -> tuple[Relation, ...]:
    """Read records written by :func:`relations_to_json`.

    Anything else raises :class:`~peru_diplomacy.DatasetError` saying where
    (``[3] @ $.events[0].date``), never a cattrs exception.

    >>> from peru_diplomacy.export import relations_to_json
    >>> from peru_diplomacy.export import relations_from_json
    >>> from peru_diplomacy import relations_with
    >>> relations_from_json(relations_to_json([relations_with("Chile")])) == (relations_with("Chile"),)
    True
    """
    import cattrs

    from ..serialization import converter, describe_errors

    try:
        data: Any = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        raise DatasetError(f"the records are not valid JSON (are they truncated?): {error}") from None
    if not isinstance(data, list):
        raise DatasetError(f"the records must be a JSON array of relations, not {type(data).__name__}")
    relations = []
    for index, item in enumerate(data):
        try:
            relations.append(converter.structure(item, Relation))
        except cattrs.BaseValidationError as error:
            raise DatasetError("; ".join(describe_errors(error, f"[{index}]"))) from None
        except (ValueError, TypeError) as error:  # a record's own check (an incoherent history, a bad date)
            raise DatasetError(f"[{index}]: {error}") from None
    return tuple(relations)
