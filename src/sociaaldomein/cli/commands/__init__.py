"""One module per command: ``add_arguments(parser)`` and ``run(args) -> exit status``.

Each imports what it needs when it runs, so that ``--help`` stays fast.
"""
