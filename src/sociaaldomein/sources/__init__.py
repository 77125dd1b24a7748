"""Measurement sources: where figures come from besides files typed by hand.

:class:`~sociaaldomein.sources.base.Source` is what a source is;
:class:`~sociaaldomein.sources.cbs.CBSSource` reads CBS StatLine. Plugins add
sources through the hook ``sociaaldomein_sources``; ``Plugins().sources``
lists them by name.
"""

from __future__ import annotations

from sociaaldomein.sources.base import Fetched, Source, SourceError

__all__ = ["Fetched", "Source", "SourceError"]
