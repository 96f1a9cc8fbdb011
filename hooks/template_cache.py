"""MkDocs hook: the theme's templates are compiled once, not on every build (common_agenda/template_cache.py)."""

from common_agenda import template_cache


def on_env(env, *, config, files):
    env.bytecode_cache = template_cache.shared()
    return env
