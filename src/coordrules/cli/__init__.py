"""The command line: ``coordrules COMMAND ...``, one module per command."""
