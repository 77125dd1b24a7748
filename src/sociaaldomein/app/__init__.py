"""The application layer: the accountability run that the command line and any tool share.

:func:`~sociaaldomein.app.run.account_for` takes a set or a plan, measurement
sources, a reporting period and a subject, and gives an
:class:`~sociaaldomein.core.accountability.Accountability`: what the report,
``evaluate`` and a dashboard show. The command line only parses arguments
and prints what these functions return.
"""
