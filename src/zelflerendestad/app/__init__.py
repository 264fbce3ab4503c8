"""The workshop app: an interactive Solara page trainers run in front of a room.

The only sub-package that imports Solara. Start it with `zelflerendestad app` (see
`server.py`); the page is `page.Page`. Modules without "solara" in their imports (`i18n`,
`controls`, `library`, `session`, `layout`, `figures`, `state`, `commons_view`, `memory`)
hold the logic and are tested without a browser.
"""
