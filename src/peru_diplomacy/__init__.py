"""Peru's bilateral diplomatic relations, as the sources give them.

>>> from peru_diplomacy import relations_with
>>> chile = relations_with("Chile")
>>> chile.counterpart.alpha3, str(chile.established), chile.attribution.confidence.value
('CHL', '1822-10-13', 'high')

The data loads on the first query, not at import; and importing the package loads none of its
modules: each public name loads its module on first use, so the command line starts (and answers
Ctrl-C) before anything heavy is imported.
"""

from __future__ import annotations

import importlib

# Public by name, outside __all__ (documented in the API reference).
from ._release import DATA_VERSION as DATA_VERSION
from ._release import SOURCE_REVISION as SOURCE_REVISION
from ._version import __version__ as __version__

TYPE_CHECKING = False  # as typing says, without importing typing (start-up is what this module saves)
if TYPE_CHECKING:  # the names _WHERE loads, for type checkers (a test holds the two lists equal)
    from typing import Any

    from . import export as export
    from ._records import DatasetDocument as DatasetDocument
    from ._records import DatasetMetadata as DatasetMetadata
    from ._records import ExcludedRow as ExcludedRow
    from ._records import NameEntry as NameEntry
    from ._records import Succession as Succession
    from ._records import SystemState as SystemState
    from ._records import TimelineEntry as TimelineEntry
    from .citation import cite as cite
    from .counterparts import CodeSystem as CodeSystem
    from .counterparts import Counterpart as Counterpart
    from .counterparts import CounterpartKind as CounterpartKind
    from .counterparts import Membership as Membership
    from .dataset import Dataset as Dataset
    from .dataset import packaged_dataset as packaged_dataset
    from .dates import DateLike as DateLike
    from .dates import PartialDate as PartialDate
    from .dates import Precision as Precision
    from .dates import to_partial_date as to_partial_date
    from .errors import AmbiguousCountryError as AmbiguousCountryError
    from .errors import AmendmentError as AmendmentError
    from .errors import BeyondHorizonWarning as BeyondHorizonWarning
    from .errors import DatasetError as DatasetError
    from .errors import InvalidArgumentError as InvalidArgumentError
    from .errors import InvalidDateError as InvalidDateError
    from .errors import InvalidEventSequenceError as InvalidEventSequenceError
    from .errors import NoRelationError as NoRelationError
    from .errors import NoStateOnDateError as NoStateOnDateError
    from .errors import PanelTooLargeError as PanelTooLargeError
    from .errors import PeruDiplomacyError as PeruDiplomacyError
    from .errors import UnknownCountryError as UnknownCountryError
    from .events import Event as Event
    from .events import EventKind as EventKind
    from .explanation import Basis as Basis
    from .explanation import Evidence as Evidence
    from .explanation import Explanation as Explanation
    from .identity import NameKind as NameKind
    from .panels import PanelRow as PanelRow
    from .periods import Period as Period
    from .periods import Status as Status
    from .provenance import Attribution as Attribution
    from .provenance import Citation as Citation
    from .provenance import Confidence as Confidence
    from .provenance import Contest as Contest
    from .provenance import DateDispute as DateDispute
    from .provenance import Measure as Measure
    from .provenance import Reference as Reference
    from .provenance import Region as Region
    from .provenance import Source as Source
    from .queries import active_on as active_on
    from .queries import all_relations as all_relations
    from .queries import by_region as by_region
    from .queries import established_between as established_between
    from .queries import ever_broken as ever_broken
    from .queries import explain as explain
    from .queries import inactive_on as inactive_on
    from .queries import panel as panel
    from .queries import predecessors_of as predecessors_of
    from .queries import relations_with as relations_with
    from .queries import statuses_on as statuses_on
    from .queries import successions as successions
    from .queries import successors_of as successors_of
    from .queries import timeline as timeline
    from .queries import uncertain_on as uncertain_on
    from .questions import MAX_PANEL_ROWS as MAX_PANEL_ROWS
    from .relation import Relation as Relation
    from .representation import Mission as Mission
    from .representation import MissionKind as MissionKind
    from .representation import Representation as Representation
    from .representation import RepresentationLevel as RepresentationLevel
    from .serialization import converter as converter
    from .serialization import make_converter as make_converter
    from .summaries import event_counts as event_counts
    from .summaries import status_counts as status_counts

    DATA_SCHEMA_VERSION: int

# The documented API, what ``from peru_diplomacy import *`` gives: the queries, the records they
# answer with, their enums and the errors. Everything else named in the docs (the export helpers,
# the converter, the dataset's own records, constants) is imported by name.
__all__ = [
    "AmbiguousCountryError",
    "AmendmentError",
    "Attribution",
    "Basis",
    "BeyondHorizonWarning",
    "Citation",
    "CodeSystem",
    "Confidence",
    "Contest",
    "Counterpart",
    "CounterpartKind",
    "Dataset",
    "DatasetError",
    "Event",
    "EventKind",
    "Explanation",
    "InvalidArgumentError",
    "InvalidDateError",
    "InvalidEventSequenceError",
    "Mission",
    "MissionKind",
    "NoRelationError",
    "NoStateOnDateError",
    "PanelTooLargeError",
    "PartialDate",
    "Period",
    "PeruDiplomacyError",
    "Region",
    "Relation",
    "Representation",
    "Source",
    "Status",
    "UnknownCountryError",
    "active_on",
    "all_relations",
    "by_region",
    "cite",
    "established_between",
    "ever_broken",
    "explain",
    "inactive_on",
    "packaged_dataset",
    "panel",
    "predecessors_of",
    "relations_with",
    "statuses_on",
    "successions",
    "successors_of",
    "timeline",
    "uncertain_on",
]

_WHERE = {
    "DATA_SCHEMA_VERSION": "._format:SCHEMA_VERSION",
    "DatasetDocument": "._records",
    "DatasetMetadata": "._records",
    "ExcludedRow": "._records",
    "NameEntry": "._records",
    "Succession": "._records",
    "SystemState": "._records",
    "TimelineEntry": "._records",
    "cite": ".citation",
    "CodeSystem": ".counterparts",
    "Counterpart": ".counterparts",
    "CounterpartKind": ".counterparts",
    "Membership": ".counterparts",
    "Dataset": ".dataset",
    "MAX_PANEL_ROWS": ".questions",
    "packaged_dataset": ".dataset",
    "DateLike": ".dates",
    "PartialDate": ".dates",
    "Precision": ".dates",
    "to_partial_date": ".dates",
    "AmbiguousCountryError": ".errors",
    "AmendmentError": ".errors",
    "BeyondHorizonWarning": ".errors",
    "DatasetError": ".errors",
    "InvalidArgumentError": ".errors",
    "InvalidDateError": ".errors",
    "InvalidEventSequenceError": ".errors",
    "NoRelationError": ".errors",
    "NoStateOnDateError": ".errors",
    "PanelTooLargeError": ".errors",
    "PeruDiplomacyError": ".errors",
    "UnknownCountryError": ".errors",
    "Event": ".events",
    "EventKind": ".events",
    "Basis": ".explanation",
    "Evidence": ".explanation",
    "Explanation": ".explanation",
    "NameKind": ".identity",
    "PanelRow": ".panels",
    "Period": ".periods",
    "Status": ".periods",
    "Attribution": ".provenance",
    "Citation": ".provenance",
    "Confidence": ".provenance",
    "Contest": ".provenance",
    "DateDispute": ".provenance",
    "Measure": ".provenance",
    "Reference": ".provenance",
    "Region": ".provenance",
    "Source": ".provenance",
    "active_on": ".queries",
    "all_relations": ".queries",
    "by_region": ".queries",
    "established_between": ".queries",
    "ever_broken": ".queries",
    "explain": ".queries",
    "inactive_on": ".queries",
    "panel": ".queries",
    "predecessors_of": ".queries",
    "relations_with": ".queries",
    "statuses_on": ".queries",
    "successions": ".queries",
    "successors_of": ".queries",
    "timeline": ".queries",
    "uncertain_on": ".queries",
    "Relation": ".relation",
    "Mission": ".representation",
    "MissionKind": ".representation",
    "Representation": ".representation",
    "RepresentationLevel": ".representation",
    "converter": ".serialization",
    "make_converter": ".serialization",
    "event_counts": ".summaries",
    "status_counts": ".summaries",
}
"""Where each public name lives (``module`` or ``module:attribute``): its module loads when the name is
first read, and the name is then bound here."""


def __getattr__(name: str) -> Any:
    if name == "export":
        return importlib.import_module(".export", __name__)
    try:
        module, _, attribute = _WHERE[name].partition(":")
    except KeyError:
        raise AttributeError(f"module 'peru_diplomacy' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module, __name__), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's public names: ``__all__``, the names imported by name, and its modules."""
    return sorted({"DATA_VERSION", "SOURCE_REVISION", "__version__", "export", *_WHERE})
