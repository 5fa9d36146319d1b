"""How to cite the package and its data: a plain reference or BibTeX, for the version installed.

The data's licence (CC BY-SA 4.0) asks for attribution wherever the data or a
work based on it is shared; the reference carries it, with the sources the
data is built from.

>>> from peru_diplomacy import cite
>>> print(cite().splitlines()[0][:60])
The peru-diplomacy contributors (2026). peru-diplomacy: Peru
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from .errors import InvalidArgumentError
from .sources import UPSTREAM, Upstream

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["UPSTREAM", "CitationStyle", "Upstream", "cite"]

CitationStyle = Literal["text", "bibtex"]
"""The forms :func:`~peru_diplomacy.cite` writes: a plain reference, or BibTeX entries."""

AUTHORS = "The peru-diplomacy contributors"
TITLE = "peru-diplomacy: Peru's bilateral diplomatic relations"
REPOSITORY = "https://github.com/peru-diplomacy/peru-diplomacy"


"""The sources every release of the data is built from (the outlets of cited events are in the data)."""


AMENDMENT = "user amendment"
"""The outlet of a citation an amendment gives (its text is the amendment's ``source``)."""


def _outlets(dataset: Dataset) -> tuple[list[str], list[str]]:
    """The outlets the data cites beside the table (events, contests, measures, attributions), in order of
    first use, and the sources amendments cite (their texts)."""
    seen: dict[str, None] = {}
    amended: dict[str, None] = {}
    for relation in dataset.relations:
        citations = [e.citation for e in relation.events if e.citation is not None]
        citations += [c for contest in relation.contests for c in contest.citations]
        citations += [m.citation for m in relation.measures]
        if relation.attribution.override is not None:
            citations.append(relation.attribution.override)
        for cited in citations:
            if cited.outlet == AMENDMENT:
                amended.setdefault(cited.text, None)
            elif cited.outlet:
                seen.setdefault(cited.outlet, None)
    return list(seen), list(amended)


def cite(
    format: CitationStyle = "text",
    *,
    dataset: Dataset | None = None,
    style: CitationStyle | None = None,
) -> str:
    """The reference to cite for this package and its data (``format="bibtex"`` for BibTeX).

    It names the package's version and the data's (``metadata.data_version``,
    marked ``+amended`` for amended data, with the sources the amendments
    cite), the table's revision and the horizon, the licence's attribution,
    and every upstream source. ``format`` is the command line's ``--format``;
    ``style`` is its former name (deprecated).

    >>> from peru_diplomacy import cite
    >>> "data version 2026.3" in cite()
    True
    >>> cite(format="bibtex").splitlines()[0]
    '@misc{peru_diplomacy_2026_3,'
    """
    from ._version import __version__
    from .dataset import packaged_dataset

    if style is not None:
        import warnings

        warnings.warn("cite(style=...) is now cite(format=...)", DeprecationWarning, stacklevel=2)
        format = style
    data = packaged_dataset() if dataset is None else dataset
    meta = data.metadata
    year = meta.data_version.split(".", 1)[0] if meta.data_version[:4].isdigit() else str(meta.horizon.year)
    data_text = f"data version {meta.data_version} (table of {meta.source_revision}, knowledge to {meta.horizon})"
    describes = f"version {__version__}, {data_text}"
    outlets, amended = _outlets(data)
    if format == "bibtex":
        return _bibtex(year, __version__, data_text, meta.attribution, outlets, amended, meta.data_version)
    if format != "text":
        raise InvalidArgumentError(f"format must be 'text' or 'bibtex', not {format!r}")
    lines = [
        f"{AUTHORS} ({year}). {TITLE}, {describes}. {REPOSITORY}",
        "",
        f"Attribution (required by the data's licence, CC BY-SA 4.0): {meta.attribution} "
        "If you share the data or a work based on it, keep this attribution and share it under CC BY-SA 4.0.",
        "",
        "The data is built from:",
    ]
    for source in UPSTREAM:
        when = f" ({source.year})" if source.year else ""
        journal = f", {source.journal} {source.volume}: {source.pages.replace('--', '-')}" if source.journal else ""
        extra = journal + (f", {source.detail}" if source.detail else "")
        where = f". {source.url}" if source.url else ""
        lines.append(f"- {source.authors}{when}. {source.title}{extra}{where} [{source.used_for}]")
    if outlets:
        lines.append(f"- and the outlets cited for single events and spans: {'; '.join(outlets)}")
    if amended:
        lines.append(f"- and the sources your amendments cite: {'; '.join(amended)}")
    return "\n".join(lines) + "\n"


def _bibtex(
    year: str,
    version: str,
    data_text: str,
    attribution: str,
    outlets: list[str],
    amended: list[str],
    data_version: str,
) -> str:
    key = "peru_diplomacy_" + data_version.replace(".", "_").replace("+", "_")
    others = _escape("; ".join(outlets)) or "none"
    amendments = f" Amendments cite: {_escape('; '.join(amended))}." if amended else ""
    entries = [
        "\n".join(
            [
                f"@misc{{{key},",
                f"  author = {{{{{AUTHORS}}}}},",
                f"  title = {{{TITLE}}},",
                f"  year = {{{year}}},",
                f"  version = {{{version}}},",
                f"  howpublished = {{\\url{{{REPOSITORY}}}}},",
                f"  note = {{{_escape(data_text)}. {_escape(attribution)} "
                f"Other sources cited: {others}.{amendments}}},",
                "}",
            ]
        )
    ]
    for source in UPSTREAM:
        kind = "article" if source.kind == "article" else "misc"
        fields = [f"  author = {{{_authors(source.authors)}}},", f"  title = {{{source.title}}},"]
        fields.append(f"  year = {{{source.year or 'n.d.'}}},")  # an undated source says so
        for name in ("journal", "volume", "pages"):
            value = getattr(source, name)
            if value:
                fields.append(f"  {name} = {{{value}}},")
        if source.detail:
            fields.append(f"  note = {{{_escape(source.detail)}}},")
        if source.url:
            fields.append(f"  howpublished = {{\\url{{{source.url}}}}},")
        entries.append("\n".join([f"@{kind}{{{source.key},", *fields, "}"]))
    return "\n\n".join(entries) + "\n"


def _authors(authors: str) -> str:
    return authors if " and " in authors or "," in authors else "{" + authors + "}"


def _escape(text: str) -> str:
    return text.replace("&", "\\&").replace("%", "\\%").replace("#", "\\#").replace("_", "\\_")
