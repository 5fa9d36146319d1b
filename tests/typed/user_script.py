"""A user's script, type-checked with mypy --strict against the installed package (see .ci/run)."""

from __future__ import annotations

import datetime

from peru_diplomacy import (
    Counterpart,
    EventKind,
    PartialDate,
    Relation,
    Status,
    UnknownCountryError,
    active_on,
    relations_with,
)
from peru_diplomacy.export import dumps_csv, event_rows


def first_established(relation: Relation) -> PartialDate | None:
    return next((e.date for e in relation.events if e.kind is EventKind.ESTABLISHED), None)


def describe(country: str | int) -> str:
    try:
        relation = relations_with(country)
    except UnknownCountryError as error:
        return f"unknown: {', '.join(error.suggestions)}"
    counterpart: Counterpart = relation.counterpart
    status: Status = relation.status_on(datetime.date(1970, 1, 1))
    established = first_established(relation)
    year: int | None = None if established is None else established.year
    return f"{counterpart.name} ({counterpart.alpha3}): {status.value} in 1970, since {year}"


def main() -> None:
    print(describe("Chile"))
    print(describe("Chle"))
    print(len(active_on("1970-01-01")), "relations active on 1 January 1970")
    csv_text: str = dumps_csv(event_rows([relations_with("Japan")]))
    print(csv_text.splitlines()[0])


if __name__ == "__main__":
    main()
