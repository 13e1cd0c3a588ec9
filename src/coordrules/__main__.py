"""``python -m coordrules``: the command-line tool."""

from coordrules.cli.main import main

raise SystemExit(main())
