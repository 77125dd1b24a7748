"""Writes the stored feeds in this folder: the tables of tests/cbs_shapes.py in both CBS shapes.

Run it from anywhere: ``python tests/data/cbs-feed/make.py``.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from cbs_shapes import write_feeds  # noqa: E402  (the tests folder, put on the path above)

if __name__ == "__main__":
    write_feeds(HERE)
