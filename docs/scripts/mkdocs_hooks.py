"""MkDocs hook: stand-in pages for documentation that other work streams are still writing.

`extra.optional_pages` in mkdocs.yml maps a page (e.g. workshop.md) to a sentence on where it
comes from. While the page is not in docs/ a short generated page takes its place, so the nav,
the links to it and the strict build all work; once the real page lands it simply wins.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files


def on_files(files: Files, config) -> Files:  # noqa: ANN001 (MkDocs passes its config)
    """Add a stand-in for every optional page that is not in docs/ yet."""
    for name, note in (config.extra.get("optional_pages") or {}).items():
        if files.get_file_from_path(name) is None:
            title = name.removesuffix(".md").replace("_", " ").capitalize()
            content = (f"# {title}\n\n!!! note \"Coming\"\n    {note}\n\n"
                       "Meanwhile, see the [model description](odd.md) and the "
                       "[scenarios](scenarios.md).\n")
            files.append(File.generated(config, name, content=content))
    return files
