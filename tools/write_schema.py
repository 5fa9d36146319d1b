"""Write the file format's snapshot beside the data: src/peru_diplomacy/data/schema.json.

    python tools/write_schema.py           # write it (refused if the format changed and its version did not)
    python tools/write_schema.py --check   # fail if it is not the format as it stands

The snapshot is SCHEMA_VERSION and every record's fields, as the reader and the writer see them
(peru_diplomacy._format.describe). A test holds it equal to the code, so that the format cannot
change without its version: a new field, a changed type or a removed one needs a new SCHEMA_VERSION.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from peru_diplomacy._format import SCHEMA_VERSION, snapshot, snapshot_mismatch

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "peru_diplomacy" / "data" / "schema.json"


def render() -> str:
    return json.dumps(snapshot(), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if the stored snapshot is out of date")
    args = parser.parse_args(argv)
    stored = json.loads(OUTPUT.read_text(encoding="utf-8")) if OUTPUT.exists() else {}
    problem = snapshot_mismatch(stored)
    if problem is None:
        print(f"write_schema: {OUTPUT.relative_to(ROOT)} is up to date (schema {SCHEMA_VERSION})")
        return 0
    if args.check or stored.get("schema_version") == SCHEMA_VERSION:
        print(f"write_schema: {problem}", file=sys.stderr)
        return 1
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"write_schema: wrote {OUTPUT.relative_to(ROOT)} (schema {SCHEMA_VERSION})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
