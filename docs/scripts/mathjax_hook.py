"""MkDocs hook: serve MathJax from the `django-static-mathjax` package, never from a CDN.

The docs' formulas (pymdownx.arithmatex) are typeset by MathJax 3 in the browser. The package
(a PyPI copy of MathJax 3.2, in the `docs` extra) is the registry source; this hook adds the
files the page needs to the site at build and serve time, so nothing is copied into git and the
site renders offline (tests/test_docs_site.py checks it in Chromium with the network shut).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

DEST = "javascripts/vendor/mathjax"
# tex-mml-chtml.js, plus what it loads on demand: TeX extensions, the CHTML fonts, the menu
KEEP = ("tex-mml-chtml.js", "input/", "output/chtml/", "ui/", "a11y/")


def mathjax_root() -> Path:
    """The es5/ folder of the installed MathJax package."""
    import mathjax  # the django-static-mathjax distribution

    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def on_files(files: Files, config: dict) -> Files:
    """Add the MathJax files under javascripts/vendor/mathjax/."""
    root = mathjax_root()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel.startswith(KEEP):
            files.append(File.generated(config, f"{DEST}/{rel}", abs_src_path=str(path)))
    return files
