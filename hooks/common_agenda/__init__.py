"""Common Agenda's build code: plain functions that the thin MkDocs hooks in `hooks/` call.

Data flows one way: source files -> load and validate -> model -> render -> pages.

Only the adapters below import MkDocs; the rest, the core, runs without it (`python -m
common_agenda check`), and tests/test_engine_independent.py keeps it so. Another engine would
need new adapters and hooks, not a new core.
"""

# The modules that speak to MkDocs: its File objects and config (generated_files, site_state)
# and its errors (engine). Keep this short: logic belongs in the core.
MKDOCS_ADAPTERS = frozenset({"engine", "generated_files", "site_state"})
