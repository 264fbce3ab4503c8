"""What each screen shows: plain data read from the room's city, never a token but one's own.

model + participant -> `me()` (their agent's state), `options()` (what they may pick) and
`city()` (the shared figures the projector shows and, when the trainer reveals them, the
phones). Pure reads: nothing here changes the model.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..commons.state import COMMONS, ENDED
from ..model import CityModel
from ..population import THEMES
from .roles import Role

CITY_FIGURES = ("engaged_share", "active_share", "trust_government", "community_strength",
                "members_share", "free_riding", "initiatives_living", "commons_living",
                "vertical_share", "horizontal_intensity", "officials_strain",
                "officials_street_time", "incidents", "public_value")
MAX_OPTIONS = 12  # rows of a phone's list


def city(model: CityModel) -> dict[str, float | None]:
    """This week's shared figures (the last recorded row; None where undefined, as JSON has)."""
    data = model.recorder.arrays()
    out = {k: float(data[k][-1]) for k in CITY_FIGURES if k in data and len(data[k])}
    return {k: None if np.isnan(v) else v for k, v in out.items()}


def _initiative(model: CityModel, k: int) -> dict[str, Any]:
    c = model.commons.commons
    return {"commons": k, "theme": THEMES[int(c.theme[k])], "neighbourhood": int(c.nbhd[k]),
            "members": int(c.members[k]), "stage": "commons" if c.stage[k] == COMMONS
            else "initiative", "open_conflicts": int(c.conflicts_open[k])}


def initiatives(model: CityModel, neighbourhood: int | None = None) -> list[dict[str, Any]]:
    """Initiatives that have not ended, those in `neighbourhood` first, largest first."""
    c = model.commons.commons
    living = np.flatnonzero(c.stage[: c.n] != ENDED)
    far = c.nbhd[living] != neighbourhood if neighbourhood is not None else 0
    order = np.lexsort((living, -c.members[living], far))
    return [_initiative(model, int(k)) for k in living[order][:MAX_OPTIONS]]


def people_to_connect(model: CityModel, who: int) -> list[dict[str, Any]]:
    """Engaged residents sharing `who`'s theme, not yet tied to them, other neighbourhoods first."""
    r, net = model.residents, model.network
    pool = np.flatnonzero(r.engaged & (r.theme == r.theme[who]))
    pool = pool[pool != who]
    if net.adjacency is not None:
        tied = net.adjacency.indices[net.adjacency.indptr[who]: net.adjacency.indptr[who + 1]]
        pool = np.setdiff1d(pool, tied)
    same = r.neighbourhood[pool] == r.neighbourhood[who]
    pool = pool[np.lexsort((pool, same))][:MAX_OPTIONS]
    return [{"resident": int(i), "neighbourhood": int(r.neighbourhood[i]),
             "theme": THEMES[int(r.theme[i])], "bridge": bool(r.neighbourhood[i]
                                                               != r.neighbourhood[who])}
            for i in pool]


def resident(model: CityModel, i: int, stance: bool | None) -> dict[str, Any]:
    """A played dwelling's state."""
    r = model.residents
    return {"resident": i, "neighbourhood": int(r.neighbourhood[i]),
            "theme": THEMES[int(r.theme[i])], "connector": bool(r.is_connector[i]),
            "engaged": bool(r.engaged[i]), "active": bool(r.active[i]),
            "burnt_out": bool(r.burnt_out[i]), "energy": float(r.energy[i]),
            "ownership": float(r.ownership[i]), "trust_government": float(r.trust_gov[i]),
            "member_of": int(r.member_of[i]),
            "made_rules": bool(model.commons.made[i]) if r.member_of[i] >= 0 else False,
            "stance": "model" if stance is None else "contribute" if stance else "free_ride"}


def official(model: CityModel, k: int) -> dict[str, Any]:
    """A played official's week and strain."""
    o, plan = model.officials, model.played.plans.get(k)
    return {"official": k, "urgency": float(o.urgency[k]), "strain": float(o.strain[k]),
            "street_time": float(o.street_time[k]), "learning_time": float(o.learning_time[k]),
            "order": int(o.order[k]), "style": float(o.style[k]), "off_sick": bool(o.off_sick[k]),
            "split": None if plan is None else dict(zip(("desk", "street", "learning"), plan,
                                                        strict=True))}


def me(model: CityModel, role: Role, agent: int | None) -> dict[str, Any]:
    """The state of what a participant steers."""
    if role is Role.OFFICIAL:
        return official(model, agent)
    if role in (Role.RESIDENT, Role.CONNECTOR):
        return resident(model, agent, model.played.stance.get(agent))
    return {}


def options(model: CityModel, role: Role, agent: int | None) -> dict[str, Any]:
    """What a participant may pick from: initiatives, people to connect with."""
    if role is Role.RESIDENT:
        return {"initiatives": initiatives(model, int(model.residents.neighbourhood[agent]))}
    if role is Role.CONNECTOR:
        return {"initiatives": initiatives(model, int(model.residents.neighbourhood[agent])),
                "people": people_to_connect(model, agent)}
    return {}
