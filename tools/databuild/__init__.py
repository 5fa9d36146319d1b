"""Generate src/peru_diplomacy/data/relations.json from the sources in data/.

    python tools/build_dataset.py           # write the resource
    python tools/build_dataset.py --check   # fail if the committed resource differs

Inputs (all in this repository):
- data/source/foreign_relations_of_peru.txt: the article scrape (CC BY-SA 4.0);
- data/source/country_key.tsv: the recovered Country column, row by row;
- data/source/disputed_dates.tsv: dates other sources give differently;
- data/curation/rows.toml: readings of the hard date cells, and remarks;
- data/curation/counterparts.toml: states that are not current ISO countries, and names;
- data/curation/codes.tsv: each state's COW and Gleditsch-Ward codes;
- data/curation/lifetimes.toml: lifetimes the lists do not give, with sources;
- data/curation/absences.toml: sources saying Peru has had no relations with a state;
- data/curation/missions.toml: the missions file's names that ISO 3166 does not read;
- data/crosswalk/: the COW and GW state lists, UN M49 regions, COW Diplomatic Exchange and the
  missions Wikidata lists on 2022-11-16 (see its README);
- data/updates/: researched events, ruptures (wars, breaks, suspensions, predecessor states),
  measures that are not events, earlier relations, and the horizon (see its README).
ISO codes, official and Spanish names come from pycountry.

A cell the grammar cannot read, a footnote that does not exist, or a row the
key does not cover stops the build with an error naming the region and row.
"""

from .assemble import build, main, outputs, render
from .common import SourceError

__all__ = ["SourceError", "build", "main", "outputs", "render"]
