"""What a panel may be asked for, and what it is when not asked: its unit, its rule and its membership.

Said once here; the panel (``Dataset.panel``, ``panel``), the summaries, the command line's ``export``
options and the codebook take them from here.

>>> from typing import get_args
>>> from peru_diplomacy.panel_options import DEFAULT_RULE, StatusRule
>>> get_args(StatusRule), DEFAULT_RULE
(('on_day', 'any_time', 'throughout'), 'on_day')
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "DEFAULT_MEMBERSHIP",
    "DEFAULT_RULE",
    "DEFAULT_UNIT",
    "PanelMembership",
    "PanelRule",
    "PanelUnit",
    "StatusRule",
]

StatusRule = Literal["on_day", "any_time", "throughout"]
"""How the status of a span of days (a panel's unit, a summary's period) is read: ``on_day`` on its last
day (31 December for a year, the last day for a month), ``any_time`` on at least one day, ``throughout``
on every day; ``uncertain`` stays its own value."""

PanelUnit = Literal["year", "month", "day"]
"""The unit of a panel's rows."""

PanelRule = StatusRule
"""How a unit's status is read (:data:`StatusRule`)."""

PanelMembership = Literal["lifetime", "cow", "gw"]
"""Which state-units are rows: those in the state's lifetime, or in its COW or
Gleditsch–Ward system membership (so that the rows match the analyst's other data)."""

DEFAULT_UNIT: PanelUnit = "year"
"""A panel's unit unless asked: a row per state and year."""

DEFAULT_RULE: StatusRule = "on_day"
"""How a unit's (or a summary period's) status is read unless asked: on its last day."""

DEFAULT_MEMBERSHIP: PanelMembership = "lifetime"
"""Which state-units are rows unless asked: those of each state's lifetime."""
