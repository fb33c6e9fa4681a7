"""The application layer: each thing the secretary can do, written once (no Textual here).

The command line (``minutes_tui.cli``) and the terminal app (``minutes_tui.screens``) only
gather input, call one function of a module here, and show the result.
"""
