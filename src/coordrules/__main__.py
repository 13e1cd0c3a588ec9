"""``python -m coordrules``: the command-line tool."""

from coordrules._cli import main

raise SystemExit(main())
