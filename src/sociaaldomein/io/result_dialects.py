"""The forms of a results CSV, apart from the writer so that the command line can offer
them without importing it (``sociaaldomein --help`` stays fast)."""

__all__ = ["RESULT_DIALECTS"]

#: The forms of a results CSV: for programs, and for Dutch Excel (see :mod:`.results`).
RESULT_DIALECTS = ("plain", "excel-nl")
