"""The tables as CSV files with a Frictionless ``datapackage.json`` describing them from the codebook."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._columns import TABLES
from ..errors import InvalidArgumentError
from .tables import OF_RELATIONS, TABLE_REGISTRY, Row, Table, iter_panel_rows
from .text import csv_lines

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["write_datapackage"]


_FRICTIONLESS_TYPES = {
    "text": "string",
    "list": "string",
    "partial date": "string",
    "day": "date",
    "integer": "integer",
    "float": "number",
    "boolean": "boolean",
}


def write_datapackage(
    directory: str | os.PathLike[str],
    *,
    dataset: Dataset | None = None,
    tables: Iterable[Table] = OF_RELATIONS,
    panel_years: tuple[int, int] | None = None,
) -> Path:
    """Write the tables as CSV files with a Frictionless ``datapackage.json`` describing them.

    Each resource's schema comes from the codebook (types, allowed values,
    meanings, origins); the package names the data version, the licence and
    the sources. With ``panel_years=(first, last)``, a COW-frame panel of
    those years is included too. Returns the path of ``datapackage.json``.

    >>> from peru_diplomacy.export import write_datapackage
    >>> import json, tempfile
    >>> path = write_datapackage(tempfile.mkdtemp(), tables=["relations"])
    >>> [r["path"] for r in json.loads(path.read_text(encoding="utf-8"))["resources"]]
    ['relations.csv']
    """
    from .._files import atomic_text
    from ..citation import UPSTREAM
    from ..dataset import packaged_dataset

    data = packaged_dataset() if dataset is None else dataset
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = list(tables)
    if panel_years is not None and "panel" not in wanted:
        wanted.append("panel")
    resources = []
    for table in wanted:
        if table == "panel":
            if panel_years is None:
                raise InvalidArgumentError("the panel table needs panel_years=(first, last)")
            rows: Iterable[Row] = iter_panel_rows(data.panel(*panel_years, membership="cow"))
        elif table in OF_RELATIONS:
            rows = TABLE_REGISTRY[table].rows(data.relations)
        else:
            raise InvalidArgumentError(
                f"write_datapackage writes {', '.join(repr(t) for t in (*OF_RELATIONS, 'panel'))}, not {table!r}"
            )
        with atomic_text(folder / f"{table}.csv") as handle:  # the header even for a table with no rows
            handle.writelines(csv_lines(rows, TABLE_REGISTRY[table].columns))
        fields = []
        for column in TABLES[table]:
            field: dict[str, Any] = {
                "name": column.name,
                "type": _FRICTIONLESS_TYPES[column.type],
                "description": f"{column.meaning} (origin: {column.origin})",
            }
            if column.type == "boolean":
                field["trueValues"], field["falseValues"] = ["true"], ["false"]
            if column.values:
                field["constraints"] = {"enum": list(column.values)}
            fields.append(field)
        resources.append(
            {
                "name": table.replace("_", "-"),
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "missingValues": [""]},
            }
        )
    meta = data.metadata
    package = {
        "profile": "tabular-data-package",
        "name": "peru-diplomacy",
        "title": meta.title,
        "version": meta.data_version,
        "description": f"Data version {meta.data_version}: the table of {meta.source_revision}, knowledge to "
        f"{meta.horizon}. {meta.attribution}",
        "licenses": [{"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/"}],
        "sources": [{"title": f"{u.authors}: {u.title}", **({"path": u.url} if u.url else {})} for u in UPSTREAM],
        "resources": resources,
    }
    target = folder / "datapackage.json"
    with atomic_text(target) as handle:
        handle.write(json.dumps(package, ensure_ascii=False, indent=2) + "\n")
    return target
