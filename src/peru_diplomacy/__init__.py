"""Peru's bilateral diplomatic relations, as the sources give them.

>>> from peru_diplomacy import relations_with
>>> chile = relations_with("Chile")
>>> chile.counterpart.alpha3, str(chile.established), chile.attribution.confidence.value
('CHL', '1822-10-13', 'high')

The data loads on the first query, not at import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._format import SCHEMA_VERSION

# Public by name, outside __all__ (documented in the API reference).
from ._release import DATA_VERSION as DATA_VERSION
from ._release import SOURCE_REVISION as SOURCE_REVISION
from ._version import __version__ as __version__
from .counterparts import CodeSystem, Counterpart, CounterpartKind
from .counterparts import Membership as Membership
from .dataset import MAX_PANEL_ROWS as MAX_PANEL_ROWS
from .dataset import Dataset, packaged_dataset
from .dates import DateLike as DateLike
from .dates import PartialDate
from .dates import Precision as Precision
from .dates import to_partial_date as to_partial_date
from .errors import (
    AmbiguousCountryError,
    AmendmentError,
    BeyondHorizonWarning,
    DatasetError,
    InvalidArgumentError,
    InvalidDateError,
    InvalidEventSequenceError,
    NoRelationError,
    NoStateOnDateError,
    PanelTooLargeError,
    PeruDiplomacyError,
    UnknownCountryError,
)
from .events import Event, EventKind
from .identity import NameKind as NameKind
from .periods import Period, Status
from .provenance import Attribution, Citation, Confidence, Contest, Region, Source
from .provenance import DateDispute as DateDispute
from .provenance import Measure as Measure
from .provenance import Reference as Reference
from .queries import (
    active_on,
    all_relations,
    by_region,
    established_between,
    ever_broken,
    explain,
    inactive_on,
    panel,
    predecessors_of,
    relations_with,
    statuses_on,
    successions,
    successors_of,
    timeline,
    uncertain_on,
)
from .relation import Relation
from .representation import Mission, MissionKind, Representation
from .representation import RepresentationLevel as RepresentationLevel

if TYPE_CHECKING:
    from . import export as export


DATA_SCHEMA_VERSION = SCHEMA_VERSION
"""The version of the dataset file format this release reads and writes."""

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


# Names that load their module on first use: cattrs, the export helpers and the records no lookup needs.
_LAZY = {
    "DatasetDocument": "._records",
    "DatasetMetadata": "._records",
    "ExcludedRow": "._records",
    "NameEntry": "._records",
    "Succession": "._records",
    "SystemState": "._records",
    "TimelineEntry": "._records",
    "PanelRow": ".panels",
    "cite": ".citation",
    "converter": ".serialization",
    "make_converter": ".serialization",
    "event_counts": ".summaries",
    "Basis": ".explanation",
    "Explanation": ".explanation",
    "Evidence": ".explanation",
    "status_counts": ".summaries",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name == "export":
        return importlib.import_module(".export", __name__)
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'peru_diplomacy' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The package's public names: ``__all__``, the names imported by name, and its modules."""
    typing_names = {"TYPE_CHECKING", "Any", "annotations"}
    return sorted({name for name in globals() if name not in typing_names} | {*_LAZY, "export"})


if TYPE_CHECKING:
    from ._records import DatasetDocument as DatasetDocument
    from ._records import DatasetMetadata as DatasetMetadata
    from ._records import ExcludedRow as ExcludedRow
    from ._records import NameEntry as NameEntry
    from ._records import Succession as Succession
    from ._records import SystemState as SystemState
    from ._records import TimelineEntry as TimelineEntry
    from .citation import cite as cite
    from .explanation import Basis as Basis
    from .explanation import Evidence as Evidence
    from .explanation import Explanation as Explanation
    from .panels import PanelRow as PanelRow
    from .serialization import converter as converter
    from .serialization import make_converter as make_converter
    from .summaries import event_counts as event_counts
    from .summaries import status_counts as status_counts
