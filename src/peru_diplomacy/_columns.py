"""Every column of every table the library writes: name, type, values, meaning and origin.

The one place the tables' columns are written down: ``export`` derives its
column tuples and its readers' types from it, the codebook
(:func:`peru_diplomacy.export.codebook`, ``export --codebook``, the docs) is
made from it, and a test holds what the row functions write equal to it.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from .counterparts import CounterpartKind
from .events import EventKind
from .explanation import Basis
from .panel_options import StatusRule
from .periods import Status
from .provenance import Confidence, Region
from .representation import MissionKind, RepresentationLevel
from .sources import SOURCES

__all__ = ["TABLES", "Column", "ColumnType"]

ColumnType = Literal["text", "integer", "float", "boolean", "day", "partial date", "list"]


@attrs.frozen(kw_only=True)
class Column:
    """One column of a table."""

    name: str
    type: ColumnType
    meaning: str
    origin: str
    values: tuple[str, ...] = ()


def _c(name: str, type_: ColumnType, meaning: str, origin: str, values: tuple[str, ...] = ()) -> Column:
    return Column(name=name, type=type_, meaning=meaning, origin=origin, values=values)


def _values(enum: type[object]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)  # type: ignore[attr-defined]


# The upstream sources' origins come from the registry of sources (data/sources.toml); the rest are the
# project's own files and derivations.
TABLE = f"{SOURCES['wikipedia_foreign_relations_of_peru'].origin}, with the country key"
KEY = "data/source/country_key.tsv (version 2)"
ISO = SOURCES["iso_3166"].origin
COW = SOURCES["cow_states_2016"].origin
GW = SOURCES["gleditsch_ward_1999"].origin
M49 = SOURCES["un_m49"].origin
DIPEX = SOURCES["bayer_2006"].origin
MISSIONS = SOURCES["wikidata_missions_2022"].origin
DERIVED = "derived by the library from the events and lifetimes"
CITED = "data/updates/ (cited sources other than the table)"
STATUSES = _values(Status)
REGIONS = _values(Region)
CONFIDENCES = _values(Confidence)
KINDS = _values(EventKind)
END_REASONS = (*(k.value for k in EventKind if k.is_break), EventKind.ENDED.value, "state_ended")
"""Why a period ended: the kind of the event that closed it, or ``state_ended`` (its state ceased)."""
LEVELS = _values(RepresentationLevel)
PRECISIONS = ("year", "month", "day")

_STATE = (
    _c("alpha2", "text", "ISO 3166-1 alpha-2 code (empty for a former state or an entity ISO lacks)", ISO),
    _c("alpha3", "text", "ISO 3166-1 alpha-3 code, three letters (DDR for the GDR)", ISO),
    _c("numeric", "text", "ISO 3166-1 numeric code, three digits as text", ISO),
    _c("iso3166_3", "text", "ISO 3166-3 code of a former state, four letters (DDDE)", ISO),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "relations": (
        _c("relation_id", "text", "the relation's stable id (the counterpart's id: CHL, CZE, X-SADR)", TABLE),
        _c("counterpart", "text", "today's state of the lineage (or its last state)", ISO),
        _c("counterpart_id", "text", "that state's id", ISO),
        _c("kind", "text", "what kind of entity the counterpart is", "data/curation/", _values(CounterpartKind)),
        *_STATE,
        _c("cow_code", "integer", "the counterpart's Correlates of War code (its latest)", COW),
        _c("cow_abbrev", "text", "the COW abbreviation", COW),
        _c("gw_code", "integer", "the counterpart's Gleditsch-Ward code (its latest)", GW),
        _c("gw_abbrev", "text", "the GW abbreviation", GW),
        _c("m49_region", "text", "UN M49 region", M49),
        _c("m49_subregion", "text", "UN M49 sub-region", M49),
        _c("states", "list", "the ids of every state of the lineage, in order, joined by ;", "data/curation/"),
        _c("region", "text", "the table (region) the source row is in", TABLE, REGIONS),
        _c("source_row", "integer", "the row's number in its table, as in the country key (0: an amendment's)", KEY),
        _c("date_cell", "text", "the row's date cell, verbatim", TABLE),
        _c("established", "partial date", "the first establishment, at the source's precision", TABLE),
        _c("periods", "list", "periods of relations as start/end joined by ; (.. for an open end)", DERIVED),
        _c("event_count", "integer", "how many events the relation has", TABLE),
        _c("confidence", "text", "confidence that the row is this country", KEY, CONFIDENCES),
        _c("attributed_country", "text", "the country the key reads the row as", KEY),
        _c("references", "list", "the article's footnote numbers the row cites, joined by ;", TABLE),
        _c(
            "other_dates",
            "text",
            "dates other sources give differently, as date (source)",
            "data/source/disputed_dates.tsv",
        ),
        _c("alternatives", "list", "ids of other states the row could be, joined by ;", KEY),
        _c("contested_spans", "list", "spans another source contests, as start/end (source), joined by ;", CITED),
        _c("notes", "text", "the row's Notes cell, verbatim", TABLE),
    ),
    "events": (
        _c("relation_id", "text", "the relation the event belongs to", TABLE),
        _c("region", "text", "the table the relation's row is in", TABLE, REGIONS),
        _c("source_row", "integer", "the relation's row number", KEY),
        _c("sequence", "integer", "the event's place in its relation's history, from 1", DERIVED),
        _c("kind", "text", "what happened", TABLE, KINDS),
        _c("date", "partial date", "when, at the source's precision", TABLE),
        _c("precision", "text", "the date's precision", TABLE, PRECISIONS),
        _c("earliest", "day", "the first day the date may be", DERIVED),
        _c("latest", "day", "the last day the date may be", DERIVED),
        _c("state_id", "text", "the state of the lineage the event concerns", "data/curation/"),
        _c("state", "text", "that state's name", ISO),
        _c("text", "text", "the date as the source writes it", TABLE),
        _c("qualifier", "text", "a qualifier the source gives (New York, Joint Communique)", TABLE),
        _c("predecessor_id", "text", "for a succession: the state succeeded", "data/curation/"),
        _c("successor_id", "text", "for an ending: the state that followed", "data/curation/"),
        _c("references", "list", "footnote numbers the event's cell cites, joined by ;", TABLE),
        _c("origin", "text", "where the event comes from", f"{TABLE}; {CITED}", ("table", "other source")),
        _c("confidence", "text", "for an event of another source: how sure its research is", CITED, CONFIDENCES),
        _c("citation", "text", "for an event of another source: outlet, date and address", CITED),
        _c("citation_url", "text", "the cited page's address", CITED),
    ),
    "periods": (
        _c("relation_id", "text", "the relation", TABLE),
        _c("sequence", "integer", "the period's place among the relation's periods, from 1", DERIVED),
        _c("state_id", "text", "the state when the period began", "data/curation/"),
        _c("state", "text", "its name", ISO),
        _c("states", "list", "every state of the lineage during the period, joined by ;", DERIVED),
        _c("start", "partial date", "when relations began (or resumed)", TABLE),
        _c(
            "open_start",
            "boolean",
            "true: relations stood before start since a day no source gives (start is the first evidence, or a "
            "break that begins the history); the days before are uncertain",
            DERIVED,
        ),
        _c("start_precision", "text", "the start's precision", TABLE, PRECISIONS),
        _c("earliest_start", "day", "the first day the start may be", DERIVED),
        _c("latest_start", "day", "the last day the start may be", DERIVED),
        _c("end", "partial date", "when relations ended (empty: still standing at the horizon)", TABLE),
        _c("end_precision", "text", "the end's precision", TABLE, PRECISIONS),
        _c("earliest_end", "day", "the first day the end may be", DERIVED),
        _c("latest_end", "day", "the last day the end may be", DERIVED),
        _c(
            "end_reason",
            "text",
            "why the period ended: a break, a suspension, a declaration of war, an ending, or its state ceased "
            "(empty: open)",
            TABLE,
            END_REASONS,
        ),
        _c("confidence", "text", "confidence that the row is this country", KEY, CONFIDENCES),
    ),
    "panel": (
        _c("year", "integer", "the unit's year", DERIVED),
        _c("period", "partial date", "the unit: a year, a month or a day", DERIVED),
        _c(
            "state_id",
            "text",
            "the state as it was then (COW-571 for a state of the list with no relation)",
            "data/curation/; the lists",
        ),
        _c("state", "text", "its name", f"{ISO}; the lists"),
        _c("alpha3", "text", "ISO alpha-3 code, three letters, as in the relations table", ISO),
        _c("iso3166_3", "text", "ISO 3166-3 code of a former state", ISO),
        _c("cow_code", "integer", "the COW code in force in the unit (empty: not a member then)", COW),
        _c("cow_abbrev", "text", "its abbreviation", COW),
        _c("gw_code", "integer", "the GW code in force in the unit (empty: not a member then)", GW),
        _c("gw_abbrev", "text", "its abbreviation", GW),
        _c("relation_id", "text", "the relation the row belongs to (empty: a state with none)", TABLE),
        _c("status", "text", "relations in the unit under the panel's rule", DERIVED, STATUSES),
        _c("share_active", "float", "share of the unit's days on which relations certainly stood", DERIVED),
        _c("share_possible", "float", "share of the unit's days on which relations possibly stood", DERIVED),
        _c("confidence", "text", "confidence that the row is this country (empty: no relation)", KEY, CONFIDENCES),
        _c("contested", "boolean", "whether another source contests a day of the unit", CITED),
        _c("at_peru", "text", "COW: the state's representation in Peru, in COW's years", DIPEX, LEVELS),
        _c("in_counterpart", "text", "COW: Peru's representation in the state, in COW's years", DIPEX, LEVELS),
        _c("exchange", "boolean", "COW: representation either way (DE), in COW's years", DIPEX),
        _c(
            "basis",
            "text",
            "which rule gave the status (see Basis): for a relation's row, its explanation's on the unit's last day",
            DERIVED,
            _values(Basis),
        ),
        _c("other_state_id", "text", "the other state that held the row's code in the unit, if any", "the lists"),
    ),
    "states": (
        _c("state_id", "text", "the state's id", "data/curation/"),
        _c("name", "text", "its English short name", ISO),
        _c("kind", "text", "what kind of entity it is", "data/curation/", _values(CounterpartKind)),
        *_STATE,
        _c("cow_codes", "list", "its COW codes with their spans, as code (start/end), joined by ;", COW),
        _c("gw_codes", "list", "its GW codes with their spans, as code (start/end), joined by ;", GW),
        _c("m49_region", "text", "UN M49 region", M49),
        _c("m49_subregion", "text", "UN M49 sub-region", M49),
        _c(
            "existence",
            "list",
            "its lifetime as start/end spans, joined by ;",
            f"{COW}; {GW}; data/curation/lifetimes.toml",
        ),
        _c("relation_id", "text", "the relation whose lineage it belongs to", TABLE),
    ),
    "missions": (
        _c("relation_id", "text", "the relation the mission serves", TABLE),
        _c("state_id", "text", "the state of the relation the mission serves", "data/curation/"),
        _c("operator_id", "text", "the state that keeps the mission (PER: Peru's)", MISSIONS),
        _c("host_id", "text", "the state the mission stands in", MISSIONS),
        _c("city", "text", "its city, as Wikidata names it", MISSIONS),
        _c("kind", "text", "the mission's kind", MISSIONS, _values(MissionKind)),
        _c("resident", "boolean", "false: the state is served from a mission in another state", MISSIONS),
        _c("diplomatic", "boolean", "an embassy or nunciature: evidence that relations stood that day", DERIVED),
        _c("observed", "day", "the day the list was made", MISSIONS),
        _c("opened", "text", "when the mission opened, where Wikidata says", MISSIONS),
        _c("wikidata", "text", "the mission's Wikidata item", MISSIONS),
    ),
    "status_counts": (
        _c("period", "text", "the year (1970) or decade (1970s)", DERIVED),
        _c("first_year", "integer", "the period's first year in the count", DERIVED),
        _c("last_year", "integer", "its last year", DERIVED),
        _c("region", "text", "the region counted (empty: all)", TABLE, REGIONS),
        _c("rule", "text", "how the period's status is read", DERIVED, get_args(StatusRule)),
        _c("active", "integer", "relations that certainly stood", DERIVED),
        _c("uncertain", "integer", "relations the sources cannot settle", DERIVED),
        _c("inactive", "integer", "relations that certainly did not stand", DERIVED),
        _c("possibly_active", "integer", "active + uncertain", DERIVED),
        _c("total", "integer", "every relation counted", DERIVED),
    ),
    "event_counts": (
        _c("period", "text", "the decade (1970s) or year", DERIVED),
        _c("first_year", "integer", "the period's first year in the count", DERIVED),
        _c("last_year", "integer", "its last year", DERIVED),
        _c("region", "text", "the region counted (empty: all)", TABLE, REGIONS),
        _c("kind", "text", "the kind of event", TABLE, KINDS),
        _c("certain", "integer", "events whose date lies in the period", DERIVED),
        _c("possible", "integer", "certain, plus undated establishments that may lie in it", DERIVED),
    ),
}
"""Every table, its columns in order."""
