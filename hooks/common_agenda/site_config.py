"""The few settings of mkdocs.yml that the content checks depend on, read without MkDocs.

`python -m common_agenda check` must check the content as the build would: convert Markdown with
the site's extensions (section ids, unsafe HTML), find the docs folder and know whether pages get
folder addresses (page-path clashes). MkDocs reads mkdocs.yml with tags of its own; here `!ENV`
is resolved as MkDocs resolves it, `!!python/name:` imports the named object as MkDocs does (an
extension's setting can name a function), and any other tag is read as its untagged value: no
tag can build an object or run code, and none of the settings read here uses one today.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .markdown_setup import MarkdownSetup

CONFIG_FILE = "mkdocs.yml"
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")  # MkDocs puts these first, whatever mkdocs.yml lists


@dataclass(frozen=True)
class SiteConfig:
    markdown: MarkdownSetup
    docs_dir: Path
    directory_urls: bool


def read(root: Path) -> SiteConfig:
    """mkdocs.yml in `root`; OSError or yaml.YAMLError when it cannot be read (a one-line reason)."""
    settings = _settings(root / CONFIG_FILE, ())
    if not settings:
        raise yaml.YAMLError("it is empty; the build needs at least site_name")
    names, configs = _extensions(settings.get("markdown_extensions") or [])
    docs_dir = Path(os.path.normpath(root / str(settings.get("docs_dir") or "docs")))
    return SiteConfig(MarkdownSetup.of(names, configs), docs_dir, bool(settings.get("use_directory_urls", True)))


def _settings(path: Path, inheriting: tuple[Path, ...]) -> dict:
    """The file's settings over those of the file its INHERIT names (relative to it, in a chain), merged as
    MkDocs merges them: mappings key by key, any other value replaced, so a parent's extensions count."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise yaml.YAMLError(f"{path.name} is not UTF-8 text (byte {error.start})") from None
    settings = yaml.load(text, Loader=_Loader) or {}
    if not isinstance(settings, dict):
        raise yaml.YAMLError(f"the top level of {path.name} is not a mapping of settings")
    if "INHERIT" not in settings:
        return settings
    parent = Path(os.path.normpath(path.parent / str(settings.pop("INHERIT"))))
    if parent in inheriting + (path,):
        raise yaml.YAMLError(f"INHERIT in {path.name} leads back to {parent.name}, a loop")
    if not parent.is_file():
        raise yaml.YAMLError(f"INHERIT in {path.name} names {parent}, which does not exist")
    return _merged(_settings(parent, inheriting + (path,)), settings)


def _merged(parent: dict, child: dict) -> dict:
    return {**parent, **{key: _merged(parent[key], value) if isinstance(value, dict) and isinstance(parent.get(key), dict)
                         else value for key, value in child.items()}}


def _extensions(listed: list | dict) -> tuple[list[str], dict[str, dict]]:
    """Names in MkDocs' order (its built-ins first, each once) and the settings given for each."""
    items = listed.items() if isinstance(listed, dict) else [
        next(iter(item.items())) if isinstance(item, dict) else (item, None) for item in listed]
    names = list(BUILTIN_EXTENSIONS)
    configs = {}
    for name, config in items:
        names += [name] if name not in names else []
        if config:
            configs[name] = config
    return names, configs


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, typed as YAML types it; else the default."""
    if isinstance(node, yaml.SequenceNode):
        children = node.value
        default = loader.construct_object(children[-1]) if len(children) > 1 else None
        names = [loader.construct_scalar(child) for child in (children[:-1] if len(children) > 1 else children)]
    else:
        default, names = None, [loader.construct_scalar(node)]
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            return loader.construct_object(yaml.ScalarNode(loader.resolve(yaml.ScalarNode, value, (True, False)), value))
    return default


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    module, _, name = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError) as error:
        raise yaml.constructor.ConstructorError(None, None, f"!!python/name:{suffix}: {error}", node.start_mark) from None


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_multi_constructor("", _untagged)
