"""Stage 3, names: the states by id with their ISO codes, and every name the lookups should know."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from typing import Any

import pycountry

from peru_diplomacy._records import NameEntry
from peru_diplomacy.counterparts import Counterpart, CounterpartKind
from peru_diplomacy.identity import NameKind, normalize_name, normalize_query
from peru_diplomacy.relation import Relation

from .common import SourceError


class Registry:
    """Counterparts by id, and every name the lookups should know them by."""

    def __init__(self, curation: dict[str, Any]) -> None:
        self.curation = curation
        self.states: dict[str, Counterpart] = {}
        self.spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
        for state_id, spec in curation["states"].items():
            record = None
            if "historic" in spec:
                record = pycountry.historic_countries.get(alpha_3=spec["historic"])
                if record is None:
                    raise SourceError(f"counterparts.toml: no historic country {spec['historic']}")
            elif len(state_id) == 3:
                record = pycountry.countries.get(alpha_3=state_id)
            self.states[state_id] = Counterpart(
                id=state_id,
                name=spec["name"],
                kind=CounterpartKind(spec["kind"]),
                official_name=spec.get("official_name"),
                alpha2=None if record is None else record.alpha_2,
                alpha3=None if record is None else record.alpha_3,
                numeric=None if record is None else record.numeric,
                iso3166_3=None if record is None or "historic" not in spec else record.alpha_4,
            )

    def state(self, state_id: str, name: str | None = None) -> Counterpart:
        if state_id in self.states:
            return self.states[state_id]
        record = pycountry.countries.get(alpha_3=state_id)
        if record is None or name is None:
            raise SourceError(f"unknown counterpart {state_id!r}: add it to data/curation/counterparts.toml")
        kind = self.curation["kinds"].get(state_id, "sovereign_state")
        state = Counterpart(
            id=state_id,
            name=name,
            kind=CounterpartKind(kind),
            official_name=getattr(record, "official_name", None),
            alpha2=record.alpha_2,
            alpha3=record.alpha_3,
            numeric=record.numeric,
        )
        self.states[state_id] = state
        return state

    def world_state(self, alpha3: str) -> Counterpart:
        """The counterpart record of an ISO 3166-1 country (registered once)."""
        if alpha3 in self.states:
            return self.states[alpha3]
        record = pycountry.countries.get(alpha_3=alpha3)
        if record is None:
            raise SourceError(f"unknown ISO 3166-1 alpha-3 code {alpha3!r}")
        name = self.curation["world"]["labels"].get(alpha3) or getattr(record, "common_name", None) or record.name
        return self.state(alpha3, name)

    def names(self, relations: list[Relation]) -> list[NameEntry]:
        entries: dict[tuple[str, str | None, str | None], NameEntry] = {}

        def add(name: str, kind: NameKind, relation: str | None, state: str | None, label: str | None = None) -> None:
            """Index ``name`` (shown as ``label``, by default the name itself); the first entry wins."""
            key = normalize_query(name) if kind is NameKind.CODE else normalize_name(name)
            if key:
                entry = NameEntry(key=key, label=label or name, kind=kind, relation=relation, state=state)
                entries.setdefault((key, relation, state), entry)

        for relation in relations:
            for state in relation.states:
                for name, kind in self._names_of(state):
                    add(name, kind, relation.id, state.id)
        owners = {s.id: r.id for r in relations for s in r.states}
        for name, ids in self.curation["ambiguous"].items():
            for state_id in ids:
                record = pycountry.countries.get(alpha_3=state_id)
                world_label = None if record is None else getattr(record, "official_name", None) or record.name
                add(name, NameKind.ALIAS, owners.get(state_id), state_id, None if state_id in owners else world_label)
        # Every other state of the world, so that a lookup says "no relation" rather than "unknown";
        # a dataset name that is also one of theirs is ambiguous.
        in_data = {s.alpha3 for r in relations for s in r.states if s.alpha3}
        world = self.curation["world"]
        for record in pycountry.countries:
            if record.alpha_3 in in_data:
                continue
            label = world["labels"].get(record.alpha_3) or getattr(record, "common_name", None) or record.name
            names = [record.name, getattr(record, "official_name", None), getattr(record, "common_name", None)]
            names.append(self.spanish.gettext(record.name))
            for value, kind in [(n, NameKind.ALIAS) for n in names if n] + [
                (code, NameKind.CODE) for code in (record.alpha_2, record.alpha_3, record.numeric)
            ]:
                add(value, kind, None, record.alpha_3, label)
        in_data_historic = {s.iso3166_3 for r in relations for s in r.states if s.iso3166_3}
        # A former name of a state that lives on in a relation (Zaire, Dahomey, Burma, East Timor) is that
        # relation's: never a state of its own, so never an ambiguity with itself.
        renamed = {code: state for state, codes in self.curation["former_codes"].items() for code in codes}
        state_owner = {s.id: (r.id, s.id) for r in relations for s in r.states}
        for record in pycountry.historic_countries:
            if record.alpha_4 in in_data_historic:
                continue
            if record.alpha_4 in renamed:
                owner = state_owner.get(renamed[record.alpha_4])
                if owner is None:
                    raise SourceError(f"counterparts.toml [former_codes]: {renamed[record.alpha_4]} has no relation")
                add(record.name, NameKind.FORMER_NAME, *owner)
                continue
            label = world["labels"].get(record.alpha_4) or str(record.name)
            for value, kind in ((record.name, NameKind.FORMER_NAME), (record.alpha_4, NameKind.CODE)):
                add(value, kind, None, record.alpha_4, label)
        for state_id, aliases in world["aliases"].items():
            record = pycountry.countries.get(alpha_3=state_id) or pycountry.historic_countries.get(alpha_4=state_id)
            if record is None or state_id in in_data or state_id in in_data_historic:
                raise SourceError(f"counterparts.toml [world.aliases]: {state_id} is not a state without a relation")
            label = world["labels"].get(state_id) or getattr(record, "common_name", None) or record.name
            for value in aliases:
                add(value, NameKind.ALIAS, None, state_id, label)
        for state_id, spec in world["states"].items():
            for value in spec["names"]:
                add(value, NameKind.ALIAS, None, state_id, spec["label"])
        subject = self.state(self.curation["subject"]["id"], self.curation["subject"]["name"])
        for value, kind in self._names_of(subject):
            add(value, kind, None, subject.id, subject.name)
        return sorted(entries.values(), key=lambda e: (e.key, e.relation or "", e.state or ""))

    def _names_of(self, state: Counterpart) -> Iterator[tuple[str, NameKind]]:
        c = self.curation
        yield state.name, NameKind.NAME
        if state.official_name:
            yield state.official_name, NameKind.OFFICIAL_NAME
        record = None
        if state.kind is CounterpartKind.HISTORICAL_STATE and state.alpha3:
            record = pycountry.historic_countries.get(alpha_3=state.alpha3)
        elif state.alpha3:
            record = pycountry.countries.get(alpha_3=state.alpha3)
        if record is not None and state.id not in c["iso_withheld"]:
            yield record.name, NameKind.ALIAS
            if getattr(record, "common_name", None):
                yield record.common_name, NameKind.ALIAS
            if state.kind is not CounterpartKind.HISTORICAL_STATE:
                yield self.spanish.gettext(record.name), NameKind.SPANISH_NAME
        for alias in c["aliases"].get(state.id, []):
            yield alias, NameKind.ALIAS
        for name in c["former_names"].get(state.id, []):
            yield name, NameKind.FORMER_NAME
        for name in c["spanish"].get(state.id, []):
            yield name, NameKind.SPANISH_NAME
        for code in (state.alpha2, state.alpha3, state.numeric, state.iso3166_3):
            if code:
                yield code, NameKind.CODE
        for code in c["former_codes"].get(state.id, []):
            yield code, NameKind.CODE
