"""YAML that cannot hurt: plain data only, bounded in size, depth and alias expansion.

text -> `check_events()` (one pass over the parser's events, no recursion, no objects built) ->
`load()` (PyYAML's safe loader, refusing duplicate keys). Configs are small hand-written files,
so every limit below is far above what a real scenario needs and far below what exhausts a
laptop: a 500-deep nesting, a "billion laughs" alias bomb or a YAML tag stop at the first pass
with the line they are on, before anything is built.
"""

from __future__ import annotations

import yaml

MAX_BYTES = 1_000_000  # default.yaml is about 3 kB
MAX_DEPTH = 32  # the schema nests 4 levels; interventions add 2
MAX_NODES = 100_000  # values after expanding aliases (a full config has about 400)


class UnsafeYaml(ValueError):
    """A YAML text refused before loading; `line` is 1-based (None when unknown)."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(message)


def _line(mark: yaml.Mark | None) -> int | None:
    return mark.line + 1 if mark is not None else None


def check_events(text: str) -> None:
    """Refuse tags, deep nesting and alias expansion beyond the limits (raises `UnsafeYaml`)."""
    sizes: list[int] = []  # values inside each open collection
    anchors: dict[str, int] = {}
    opened: list[str | None] = []  # anchor of each open collection
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = _line(event.start_mark)
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise UnsafeYaml(f"YAML tag not allowed: `{tag}` (configs hold plain values; "
                             "remove the tag)", line)
        if isinstance(event, yaml.CollectionStartEvent):
            if len(sizes) >= MAX_DEPTH:
                raise UnsafeYaml(f"nested more than {MAX_DEPTH} levels deep", line)
            sizes.append(1)
            opened.append(event.anchor)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            size = sizes.pop()
            anchor = opened.pop()
        elif isinstance(event, yaml.ScalarEvent):
            size, anchor = 1, event.anchor
        elif isinstance(event, yaml.AliasEvent):
            size, anchor = anchors.get(event.anchor, 1), None
        else:
            continue
        if anchor is not None:
            anchors[anchor] = size
        if sizes:
            sizes[-1] += size
            if sum(sizes) > MAX_NODES:
                raise UnsafeYaml(f"more than {MAX_NODES:,} values once aliases (*name) are "
                                 "expanded", line)


class _NoDuplicates(yaml.SafeLoader):
    """The safe loader, refusing a key given twice in one mapping (the second would win)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[object, int | None] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            line = _line(key_node.start_mark)
            try:
                first = seen.get(key)
            except TypeError:
                raise UnsafeYaml("a key must be plain text or a number", line) from None
            if first is not None:
                raise UnsafeYaml(f"duplicate key `{key}` (first on line {first}); the second "
                                 "would silently replace the first: merge the two", line)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def load(text: str) -> object:
    """Parse one YAML document safely; raises `UnsafeYaml` or `yaml.YAMLError`."""
    if len(text) > MAX_BYTES:
        raise UnsafeYaml(f"larger than {MAX_BYTES:,} characters; a config is a few kB")
    check_events(text)
    return yaml.load(text, Loader=_NoDuplicates)  # noqa: S506 - a SafeLoader subclass
