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
from ._version import __version__
from .counterparts import CodeSystem, Counterpart, CounterpartKind, Membership
from .dataset import MAX_PANEL_ROWS, Dataset, packaged_dataset
from .dates import DateLike, PartialDate, Precision, to_partial_date
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
from .identity import NameKind
from .periods import Period, Status
from .provenance import Attribution, Citation, Confidence, Contest, DateDispute, Measure, Reference, Region, Source
from .queries import (
    active_on,
    all_relations,
    by_region,
    established_between,
    ever_broken,
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
from .representation import Representation, RepresentationLevel

if TYPE_CHECKING:
    from . import export as export


DATA_SCHEMA_VERSION = SCHEMA_VERSION
"""The version of the dataset file format this release reads and writes."""

__all__ = [
    "DATA_SCHEMA_VERSION",
    "DATA_VERSION",
    "MAX_PANEL_ROWS",
    "SOURCE_REVISION",
    "AmbiguousCountryError",
    "AmendmentError",
    "Attribution",
    "BeyondHorizonWarning",
    "Citation",
    "CodeSystem",
    "Confidence",
    "Contest",
    "Counterpart",
    "CounterpartKind",
    "Dataset",
    "DatasetDocument",
    "DatasetError",
    "DatasetMetadata",
    "DateDispute",
    "DateLike",
    "Event",
    "EventKind",
    "ExcludedRow",
    "InvalidArgumentError",
    "InvalidDateError",
    "InvalidEventSequenceError",
    "Measure",
    "Membership",
    "NameEntry",
    "NameKind",
    "NoRelationError",
    "NoStateOnDateError",
    "PanelRow",
    "PanelTooLargeError",
    "PartialDate",
    "Period",
    "PeruDiplomacyError",
    "Precision",
    "Reference",
    "Region",
    "Relation",
    "Representation",
    "RepresentationLevel",
    "Source",
    "Status",
    "Succession",
    "SystemState",
    "TimelineEntry",
    "UnknownCountryError",
    "__version__",
    "active_on",
    "all_relations",
    "by_region",
    "cite",
    "converter",
    "established_between",
    "event_counts",
    "ever_broken",
    "export",
    "inactive_on",
    "make_converter",
    "packaged_dataset",
    "panel",
    "predecessors_of",
    "relations_with",
    "status_counts",
    "statuses_on",
    "successions",
    "successors_of",
    "timeline",
    "to_partial_date",
    "uncertain_on",
]


_LAZY_RECORDS = frozenset(
    {"DatasetDocument", "DatasetMetadata", "ExcludedRow", "NameEntry", "Succession", "SystemState", "TimelineEntry"}
)


def __getattr__(name: str) -> Any:
    if name == "SOURCE_REVISION":  # read from the data (its metadata line only), so it is said in one place
        return packaged_dataset().metadata.source_revision
    if name in ("status_counts", "event_counts"):
        from . import summaries

        return getattr(summaries, name)
    if name == "cite":
        from .citation import cite

        return cite
    if name == "DATA_VERSION":  # read from the data (its metadata line only), so it is said in one place
        return packaged_dataset().metadata.data_version
    if name == "PanelRow":
        from .panels import PanelRow

        return PanelRow
    # cattrs, the export helpers and the records no lookup needs load only when asked for.
    if name in _LAZY_RECORDS:
        from . import _records

        return getattr(_records, name)
    if name == "converter":
        from .serialization import converter

        return converter
    if name == "make_converter":
        from .serialization import make_converter

        return make_converter
    if name == "export":
        import importlib

        return importlib.import_module(".export", __name__)
    raise AttributeError(f"module 'peru_diplomacy' has no attribute {name!r}")


if TYPE_CHECKING:
    SOURCE_REVISION: str
    DATA_VERSION: str
    from ._records import DatasetDocument as DatasetDocument
    from ._records import DatasetMetadata as DatasetMetadata
    from ._records import ExcludedRow as ExcludedRow
    from ._records import NameEntry as NameEntry
    from ._records import Succession as Succession
    from ._records import SystemState as SystemState
    from ._records import TimelineEntry as TimelineEntry
    from .citation import cite as cite
    from .panels import PanelRow as PanelRow
    from .serialization import converter as converter
    from .serialization import make_converter as make_converter
    from .summaries import event_counts as event_counts
    from .summaries import status_counts as status_counts
