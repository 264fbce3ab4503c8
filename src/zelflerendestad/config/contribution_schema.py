"""Config section for how members contribute to a commons: a yes/no choice, or an amount.

`CommonsSettings` includes `contribution` from here. In `choice` mode (the default) nothing
below is read and every run is as before. In `amount` mode a member gives a share of a weekly
endowment set by a social-preference type and a belief about the others' contributions
(`commons/amounts.py`), moved by the same motives that move the yes/no choice.
The type shares are the ones Fischbacher, Gachter & Fehr (2001) elicited with the strategy
method; the other numbers are assumptions, with the papers as the basis of the mechanism.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from .params import ASSUMPTION, SETTING, Section, param

FGF = "Fischbacher, Gachter & Fehr (2001)"
FG10 = "Fischbacher & Gachter (2010)"


class ContributionSettings(Section):
    """Contributions as amounts, with beliefs about the others learned from what members see."""

    mode: Literal["choice", "amount"] = param(
        "choice", "How an active member contributes: 'choice' (contribute or not, a chance "
        "lowered by last week's free-riding) or 'amount' (a share of a weekly endowment, from "
        "one's type and one's belief about the others)", unit="choice",
        basis=FG10 + " (amount mode)", value_source=SETTING)
    conditional_share: float = param(
        0.5, "Share of members who are conditional cooperators (amount mode): they give about "
        "what they believe the others give, a little less", unit="share [0, 1]",
        basis=FGF + "; " + FG10,
        value_source=FGF + " p. 397 (abstract: 50 percent conditional cooperators)",
        ge=0.0, le=1.0)
    free_rider_share: float = param(
        0.3, "Share of members who are free riders (amount mode): they give nothing whatever "
        "the others give", unit="share [0, 1]", basis=FGF,
        value_source=FGF + " p. 397 (abstract: a third free riders; 30% as usually cited)",
        ge=0.0, le=1.0)
    hump_share: float = param(
        0.14, "Share of members with a hump-shaped schedule (amount mode): they match the "
        "others up to half the endowment and give less the more the others give beyond it; "
        "the rest of the members give a fixed share drawn at joining", unit="share [0, 1]",
        basis=FGF, value_source=FGF + " p. 397 (14 percent hump-shaped, read in a summary of "
        "the paper; the table itself not checked)", ge=0.0, le=1.0)
    matching: float = param(
        0.8, "Share of their belief a conditional cooperator gives (below 1: the self-serving "
        "under-matching that makes cooperation unravel)", unit="share of belief",
        basis=FG10 + " (imperfect conditional cooperation drives the decline)",
        value_source="assumption (below 1 as the paper finds; the value is not taken from it)",
        ge=0.0, le=1.0)
    belief_weight: float = param(
        0.5, "Weight of last week's belief when a member updates it with the others' mean "
        "contribution they saw this week (0: believe what one just saw)", unit="share [0, 1]",
        basis=FG10 + " (beliefs follow the others' past contributions)",
        value_source=ASSUMPTION, ge=0.0, le=1.0)
    initial_belief: float = param(
        0.5, "Belief about the others' mean contribution a member joins with",
        unit="share of the endowment", basis=FG10,
        value_source="assumption (first-round contributions in public goods games are "
        "typically 40-60% of the endowment)", ge=0.0, le=1.0)
    motivation_reference: float = param(
        0.5, "Intrinsic motivation at which motivation neither raises nor lowers a member's "
        "amount (the types describe a member of this motivation)", unit="score [0, 1]",
        basis="Frey & Jegen (2001)",
        value_source="assumption (the default mean motivation, residents.motivation_mean)",
        ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _shares_fit(self) -> ContributionSettings:
        total = self.conditional_share + self.free_rider_share + self.hump_share
        if total > 1.0 + 1e-9:
            raise ValueError(f"conditional_share + free_rider_share + hump_share is {total:g}; "
                             "they are shares of the members and may add up to 1 at most")
        return self
