"""Timeline charts of relations, as SVG text: no plotting library needed.

One band per relation: the lifetimes of its states (a thin line, a tick at
each succession), the periods when relations certainly stood (solid), the
days the sources cannot settle (hatched: imprecise dates, contested spans,
after the horizon), the contested spans outlined, and its events marked
(a dot for an establishment, a cross for a break, a triangle for a
restoration, a diamond for a succession or an ending); a dashed line marks
the data's horizon. Every mark has a ``<title>`` a reader's mouse shows.

>>> from peru_diplomacy.charts import timeline_svg
>>> from peru_diplomacy import relations_with
>>> svg = timeline_svg(relations_with("Cuba"))
>>> svg.startswith("<svg"), svg.count('class="event broken"'), svg.count('class="event restored"')
(True, 1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from .counterparts import PERU_INDEPENDENCE
from .dates import PartialDate
from .errors import InvalidArgumentError
from .events import EventKind
from .periods import AFTER_ALL, Status
from .relation import Relation, contest_span

__all__ = ["MIN_WIDTH", "timeline_svg"]

MIN_WIDTH = 560
"""The narrowest chart (in pixels) whose labels, title and legend fit; a narrower one is refused."""

_ROW = 26
_LABEL = 230
_RIGHT = 24
_TOP = 34
_AXIS = 40
_LEGEND_ITEM = 150  # the width of one legend entry
_LEGEND_ROW = 18
_CHAR = 7.0  # an estimate of a character's width at the chart's 12-pixel sans-serif
_TICK_ROOM = 44  # the room a year label needs on the axis
_COLOURS = {"active": "#1b7837", "uncertain": "#d6a23a", "lifetime": "#8c8c8c", "contest": "#b2182b"}
_MARKS = {kind: kind.value for kind in EventKind}


def timeline_svg(
    relations: Relation | Iterable[Relation],
    *,
    first: int | None = None,
    last: int | None = None,
    width: int = 880,
    title: str | None = None,
) -> str:
    """An SVG chart of the relations' histories, one band each, from year ``first`` to ``last``.

    By default the chart runs from the earliest event or state (not before
    1800) to the year after the data's horizon. The dashed line of the
    horizon is drawn only where it falls inside the years shown. ``width`` is
    at least :data:`~peru_diplomacy.charts.MIN_WIDTH`; the year labels are spaced to the width, and the
    legend wraps to it.

    >>> from peru_diplomacy.charts import timeline_svg
    >>> from peru_diplomacy import by_region
    >>> svg = timeline_svg(by_region("Oceania"), first=1950)
    >>> svg.count('class="band"')
    16
    """
    from .dataset import packaged_dataset

    chosen = [relations] if isinstance(relations, Relation) else list(relations)
    if not chosen:
        raise InvalidArgumentError("a chart needs at least one relation")
    horizon = packaged_dataset().horizon
    if first is None:
        starts = [e.date.year for r in chosen for e in r.events]
        starts += [p.start.year for r in chosen for s in r.states for p in s.existence if not p.open_start]
        first = max(1800, min(starts, default=PERU_INDEPENDENCE.year) // 10 * 10)
    if last is None:
        last = horizon.year + 1
    if last <= first:
        raise InvalidArgumentError(f"first ({first}) must be before last ({last})")
    if width < MIN_WIDTH:
        raise InvalidArgumentError(
            f"width {width} is too narrow for the labels, title and legend: use at least {MIN_WIDTH} pixels"
        )
    o0, o1 = PartialDate(first).earliest_ordinal, PartialDate(last).latest_ordinal + 1
    plot = width - _LABEL - _RIGHT

    def x(ordinal: int) -> float:
        return _LABEL + plot * (min(max(ordinal, o0), o1) - o0) / (o1 - o0)

    per_row = max(1, (width - 24) // _LEGEND_ITEM)
    legend_rows = -(-len(_LEGEND_ITEMS) // per_row)
    legend_y = _TOP + _ROW * len(chosen) + _AXIS
    height = legend_y + _LEGEND_ROW * legend_rows + 8
    label = title or ("Peru's relations with " + chosen[0].counterpart.name if len(chosen) == 1 else "Peru's relations")
    room = int((width - 24) / _CHAR)
    shown_title = label if len(label) <= room else label[: room - 1] + "…"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}, {first}-{last}</title>",
        '<defs><pattern id="unsure" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6e3b4"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{_COLOURS["uncertain"]}" stroke-width="2"/></pattern></defs>',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="12" y="18" font-size="13" font-weight="bold">{escape(shown_title)}</text>',
    ]
    # Year labels no closer than a label's room: 5, 10, 20, 25, 50 or 100 years apart.
    step = next(
        (
            s
            for s in (5, 10, 20, 25, 50, 100, 200)
            if plot * s / (last - first + 1) >= _TICK_ROOM and (last - first) / s <= 12
        ),
        200,
    )
    axis_y = _TOP + _ROW * len(chosen) + 6
    for year in range((first + step - 1) // step * step, last + 1, step):
        tx = x(PartialDate(year).earliest_ordinal)
        parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{_TOP - 4}" y2="{axis_y}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle">{year}</text>')
    after_horizon = horizon.latest_ordinal + 1
    if o0 < after_horizon < o1:  # drawn only where it falls inside the years shown
        hx = x(after_horizon)
        parts.append(
            f'<line class="horizon" x1="{hx:.1f}" x2="{hx:.1f}" y1="{_TOP - 6}" y2="{axis_y}" stroke="#555" '
            f'stroke-dasharray="4 3"><title>the data\'s horizon: {horizon}; later days are uncertain</title></line>'
        )
    for index, relation in enumerate(chosen):
        parts += _band(relation, _TOP + index * _ROW, x, o0, o1)
    parts += _legend(legend_y, per_row)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _band(relation: Relation, top: int, x: object, o0: int, o1: int) -> list[str]:
    assert callable(x)
    mid = top + _ROW / 2
    name = relation.counterpart.name
    shown = name if len(name) <= 30 else name[:29] + "…"
    out = [
        f'<g class="band"><title>{escape(name)} ({relation.id})</title>',
        f'<text x="{_LABEL - 8}" y="{mid + 4:.1f}" text-anchor="end">{escape(shown)}</text>',
    ]
    for state in relation.states:
        for period in state.existence:
            a = period.start.earliest_ordinal
            b = AFTER_ALL if period.end is None else period.end.earliest_ordinal
            if b <= o0 or a >= o1:
                continue
            out.append(
                f'<line class="lifetime" x1="{x(a):.1f}" x2="{x(b):.1f}" y1="{mid:.1f}" y2="{mid:.1f}" '
                f'stroke="{_COLOURS["lifetime"]}" stroke-width="1.5"><title>{escape(state.name)}: '
                f"{escape(state.lifetime_text)}</title></line>"
            )
    timeline = relation.timeline
    for step, start in enumerate(timeline.starts):
        end = timeline.starts[step + 1] if step + 1 < len(timeline.starts) else AFTER_ALL
        status = timeline.statuses[step]
        if status is Status.INACTIVE or end <= o0 or start >= o1:
            continue
        x0, x1 = x(start), x(end)
        fill = _COLOURS["active"] if status is Status.ACTIVE else "url(#unsure)"
        out.append(
            f'<rect class="span {status.value}" x="{x0:.1f}" y="{mid - 6:.1f}" width="{max(x1 - x0, 0.8):.1f}" '
            f'height="12" fill="{fill}"><title>{status.value}</title></rect>'
        )
    for contest in relation.contests:
        a, b = contest_span(contest)
        if b <= o0 or a >= o1:
            continue
        out.append(
            f'<rect class="contest" x="{x(a):.1f}" y="{mid - 9:.1f}" width="{max(x(b) - x(a), 1.5):.1f}" height="18" '
            f'fill="none" stroke="{_COLOURS["contest"]}" stroke-width="1.2" stroke-dasharray="3 2">'
            f"<title>contested {contest.start} to {contest.end or 'the horizon'} by {escape(contest.source)}: "
            f"{escape(contest.reason)}</title></rect>"
        )
    for event in relation.events:
        a, b = event.date.earliest_ordinal, event.date.latest_ordinal + 1
        if b <= o0 or a >= o1:
            continue
        out.append(_mark(event.kind, x(a), x(b), mid, f"{event.kind.value} {event.date}: {event.state.name}"))
    out.append("</g>")
    return out


def _mark(kind: EventKind, x0: float, x1: float, mid: float, text: str) -> str:
    cx = (x0 + x1) / 2
    title = f"<title>{escape(text)}</title>"
    span = (
        f'<line x1="{x0:.1f}" x2="{x1:.1f}" y1="{mid + 9:.1f}" y2="{mid + 9:.1f}" stroke="#222"/>'
        if x1 - x0 > 3
        else ""
    )
    cls = f'class="event {_MARKS[kind]}"'
    shape = _event_shape(kind, cx, mid)
    return f"<g {cls}>{title}{span}{shape}</g>"


def _event_shape(kind: EventKind, cx: float, mid: float) -> str:
    """The mark of an event of ``kind`` centred on (``cx``, ``mid``): the chart's, and its legend's."""
    if kind.is_break:
        return (
            f'<path d="M{cx - 4:.1f},{mid - 4:.1f} L{cx + 4:.1f},{mid + 4:.1f} M{cx - 4:.1f},{mid + 4:.1f} '
            f'L{cx + 4:.1f},{mid - 4:.1f}" stroke="#b2182b" stroke-width="2.2"/>'
        )
    if kind is EventKind.RESTORED:
        return (
            f'<path d="M{cx - 5:.1f},{mid + 4:.1f} L{cx + 5:.1f},{mid + 4:.1f} L{cx:.1f},{mid - 5:.1f} Z" '
            'fill="#2166ac"/>'
        )
    if kind in (EventKind.SUCCEEDED, EventKind.ENDED):
        return (
            f'<path d="M{cx:.1f},{mid - 5:.1f} L{cx + 5:.1f},{mid:.1f} L{cx:.1f},{mid + 5:.1f} '
            f'L{cx - 5:.1f},{mid:.1f} Z" fill="#762a83"/>'
        )
    return f'<circle cx="{cx:.1f}" cy="{mid:.1f}" r="4" fill="#111" stroke="white" stroke-width="1"/>'


def _legend(y: int, per_row: int) -> list[str]:
    out = ['<g class="legend">']
    for n, (swatch, text) in enumerate(_LEGEND_ITEMS):
        xpos, ypos = 12 + _LEGEND_ITEM * (n % per_row), y + _LEGEND_ROW * (n // per_row)
        out.append(f'<g transform="translate({xpos},{ypos})">{swatch}<text x="22" y="9">{text}</text></g>')
    out.append("</g>")
    return out


_LEGEND_ITEMS: tuple[tuple[str, str], ...] = (
    (f'<rect width="16" height="10" fill="{_COLOURS["active"]}"/>', "relations stood"),
    ('<rect width="16" height="10" fill="url(#unsure)"/>', "uncertain"),
    (
        f'<rect width="16" height="10" fill="none" stroke="{_COLOURS["contest"]}" stroke-dasharray="3 2"/>',
        "contested",
    ),
    (f'<line x1="0" x2="16" y1="5" y2="5" stroke="{_COLOURS["lifetime"]}" stroke-width="1.5"/>', "state existed"),
    (_event_shape(EventKind.ESTABLISHED, 8, 5), "established"),
    (_event_shape(EventKind.BROKEN, 8, 5), "broken"),
    (_event_shape(EventKind.RESTORED, 8, 5), "restored"),
    (_event_shape(EventKind.SUCCEEDED, 8, 5), "succeeded / ended"),
    ('<line x1="8" x2="8" y1="0" y2="11" stroke="#555" stroke-dasharray="4 3"/>', "the data's horizon"),
)
"""The legend's entries: a swatch and its words."""
