"""Common Agenda's build code: plain functions that the thin MkDocs hooks in `hooks/` call.

Data flows one way: source files -> load and validate -> model -> render -> pages.
"""
