"""Marked blocks: the parts of a hand-written page that a program writes.

A block sits between two HTML comments (invisible on the site and on GitHub):

    <!-- generated:parameters start: do not edit by hand; regenerate with `make docs` -->
    ...
    <!-- generated:parameters end -->

Everything outside the markers is prose and is never touched.
"""

from __future__ import annotations

import re

START = "<!-- generated:{name} start: do not edit by hand; regenerate with `make docs` -->"
END = "<!-- generated:{name} end -->"
BLOCK_RE = re.compile(r"<!-- generated:(?P<name>[\w-]+) start[^>]*-->\n(?P<body>.*?)"
                      r"<!-- generated:(?P=name) end -->", re.S)


class MissingBlock(Exception):
    """A page lacks the markers of a block the generator must fill."""


def block_names(text: str) -> list[str]:
    """Names of the marked blocks in `text`, in order."""
    return [m.group("name") for m in BLOCK_RE.finditer(text)]


def fill(text: str, blocks: dict[str, str], page: str = "page") -> str:
    """`text` with the body of each named block replaced; every name must have markers."""
    missing = [name for name in blocks if name not in block_names(text)]
    if missing:
        raise MissingBlock(
            f"{page} has no marked block for {', '.join(missing)}; add the two lines\n"
            + "\n".join(f"  {START.format(name=n)}\n  {END.format(name=n)}" for n in missing))

    def body(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in blocks:
            return match.group(0)
        content = blocks[name].rstrip("\n") + "\n"
        return f"{START.format(name=name)}\n{content}{END.format(name=name)}"

    return BLOCK_RE.sub(body, text)
