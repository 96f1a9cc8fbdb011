"""MkDocs hook: the Glossary page, and a definition on the first use of each term on every page."""

from common_agenda import glossary
from common_agenda.generated_files import add_generated
from common_agenda.site_state import content_of


def on_config(config):
    terms = content_of(config).glossary
    if terms and "abbr" in config.markdown_extensions:
        config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbreviations(terms)
        config.markdown_extensions.append(glossary.FasterAbbreviations())
    return config


def on_files(files, *, config):
    content = content_of(config)
    if content.glossary:
        add_generated(files, config, glossary.PAGE_URI, glossary.page_markdown(content.glossary, content.modules),
                      content.layout.display(content.layout.modules_dir / "glossary.yml"))
    return files


def on_page_content(html, *, page, config, files):
    if page.file.src_uri == glossary.PAGE_URI:
        return glossary.without_tooltips(html)
    return glossary.first_use_only(html)
