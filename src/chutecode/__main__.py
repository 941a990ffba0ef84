"""Run the command-line interface: ``python -m chutecode``."""

from chutecode.cli import main

main()
