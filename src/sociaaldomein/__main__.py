"""``python -m sociaaldomein``: the command line."""

from sociaaldomein.cli import main_exit

main_exit()
