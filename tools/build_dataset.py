"""Generate src/peru_diplomacy/data/relations.json (and _release.py) from the sources in data/.

    python tools/build_dataset.py           # write the outputs
    python tools/build_dataset.py --check   # fail if a committed output differs

The build is the package tools/databuild/, one module per stage: article,
grammar (dates), names, states, other sources, assembly.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from databuild import main

if __name__ == "__main__":
    sys.exit(main())
