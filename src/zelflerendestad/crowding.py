"""Motivation crowding (step 3c): controlling instruments and recognition move motivation.

Crowding theory (Frey & Jegen 2001) says an outside intervention that is felt as controlling
lowers intrinsic motivation, one felt as supportive raises it. The meta-analyses disagree on
*whose* motivation moves: contingent tangible rewards undermine interest in interesting tasks
(Deci, Koestner & Ryan 1999) but hardly, or the other way, in low-interest ones (Cameron et al.
2001); fines can turn a norm into a price that stays after the fine is gone (Gneezy &
Rustichini 2000); across 50 experiments crowding out is common but neither universal nor
always lasting (Bowles & Polania-Reyes 2012). The mechanism here keeps those as parameters,
not outcomes:

    pressure  c_i = clip(engaged_i x (w_s x subsidy + w_e x enforcement) + w_i x imposed_i)
    felt      f' = f + rise x (c - f)   if c > f,   f + fade x (c - f) otherwise
    target    m*_i = b_i - out x f_i x max(b_i - pivot, 0) + low x f_i x max(pivot - b_i, 0)
                     + in x R_i x (1 - b_i)
    motivation m' = m + adjust x (m* - m);  base b' = b + reframing x f x (m - b)

with b the prior (base) motivation, R recognition (street contact with horizontal officials,
membership of a recognised commons). Hysteresis comes from two places that can each be
switched off: felt control fading slower than it rises (fade < rise), and the base itself
shifting while control is felt (reframing > 0).
"""

from __future__ import annotations

import numpy as np

from .config.crowding_schema import CrowdingSettings


def control_pressure(engaged: np.ndarray, imposed_member: np.ndarray,
                     subsidy: bool | np.ndarray, enforcement: bool | np.ndarray,
                     s: CrowdingSettings) -> np.ndarray:
    """Controlling pressure each resident meets this week, in [0, 1].

    A programme is a bool for the whole city, or one per resident when it is targeted.
    """
    public = s.subsidy_weight * subsidy + s.enforcement_weight * enforcement
    return np.clip(engaged * public + s.imposed_weight * imposed_member, 0.0, 1.0)


def update_felt_control(felt: np.ndarray, pressure: np.ndarray,
                        s: CrowdingSettings) -> np.ndarray:
    """Felt control rises fast toward the pressure and fades slowly after it."""
    rate = np.where(pressure > felt, s.rise, s.fade)
    return felt + rate * (pressure - felt)


def motivation_target(base: np.ndarray, felt: np.ndarray, recognition: np.ndarray,
                      s: CrowdingSettings) -> np.ndarray:
    """Where motivation is heading: crowded toward the pivot by control, up by recognition."""
    out = s.crowd_out * felt * np.maximum(base - s.pivot, 0.0)
    low = s.low_interest_gain * felt * np.maximum(s.pivot - base, 0.0)
    crowd_in = s.crowd_in * recognition * (1.0 - base)
    return np.clip(base - out + low + crowd_in, 0.0, 1.0)


def crowd_motivation(motivation: np.ndarray, base: np.ndarray, felt: np.ndarray,
                     recognition: np.ndarray, s: CrowdingSettings
                     ) -> tuple[np.ndarray, np.ndarray]:
    """New (motivation, base) after one week, given this week's felt control."""
    target = motivation_target(base, felt, recognition, s)
    new = motivation + s.adjust * (target - motivation)
    new_base = base + s.reframing * felt * (new - base)
    return np.clip(new, 0.0, 1.0), np.clip(new_base, 0.0, 1.0)


def recognition(engaged: np.ndarray, contact: np.ndarray, H: float,
                recognised_member: np.ndarray, s: CrowdingSettings) -> np.ndarray:
    """Recognition each resident feels: met by horizontal officials, or their commons is."""
    street = np.minimum(1.0, H * contact) * engaged
    return np.maximum(street, s.commons_recognition * recognised_member)
