"""Config section for targeted instruments priced in one unit: payments and fines (step 3c, 5).

A payment or fine `amount` is a share of a reference price (1: a full week's worth of the
effort asked). These weights only act while a `payment_offer` or `fine_start` event runs, so
their defaults leave every run without such an event unchanged.
"""

from __future__ import annotations

from .params import Section, param

GR = "Gneezy & Rustichini (2000)"
FJ = "Frey & Jegen (2001)"


class InstrumentSettings(Section):
    """How a price (payment offered, fine on free-riding) is weighed against the motives."""

    payment_response: float = param(
        0.05, "Extra weekly chance a passive resident offered a full-price payment wakes up "
        "(the extrinsic motive; scales with the amount)", unit="per week at amount 1",
        basis="Gneezy & Rustichini (2000b) (pay enough: effort rises with the amount)",
        value_source="assumption (no study gives a weekly wake-up chance per price)",
        ge=0.0, le=1.0)
    fine_weight: float = param(
        1.0, "Deterrence a member weighs per unit of expected fine (inspection x amount)",
        unit="deterrence per price unit", basis="Becker (1968) expected price; " + GR,
        value_source="assumption (one unit of deterrence per unit of expected fine)",
        ge=0.0, le=5.0)
    price_control: float = param(
        0.5, "Control a targeted resident feels from a full-price payment or fine, engaged or "
        "not (feeds crowding's felt control)", unit="control [0, 1] at amount 1",
        basis=FJ + "; " + GR + " (a fine turns a norm into a price)",
        value_source="assumption (a little above a subsidy's, crowding.subsidy_weight 0.4: a "
        "price is explicit)", ge=0.0, le=1.0)
