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
from .jit import flags, floats, kernel, per_resident


def control_pressure(engaged: np.ndarray, imposed_member: np.ndarray,
                     subsidy: bool | np.ndarray, enforcement: bool | np.ndarray,
                     s: CrowdingSettings) -> np.ndarray:
    """Controlling pressure each resident meets this week, in [0, 1].

    A programme is a bool for the whole city, or one per resident when it is targeted.
    """
    public = s.subsidy_weight * subsidy + s.enforcement_weight * enforcement
    return _pressure(flags(engaged), flags(imposed_member), per_resident(public, engaged.size),
                     s.imposed_weight)


@kernel
def _pressure(engaged, imposed, public, imposed_weight):  # noqa: ANN001
    out = np.empty(engaged.size)
    for i in range(engaged.size):
        c = np.float64(engaged[i]) * public[i] + imposed_weight * np.float64(imposed[i])
        out[i] = min(max(c, 0.0), 1.0)
    return out


def update_felt_control(felt: np.ndarray, pressure: np.ndarray,
                        s: CrowdingSettings) -> np.ndarray:
    """Felt control rises fast toward the pressure and fades slowly after it."""
    return _felt(floats(felt), floats(pressure), s.rise, s.fade)


@kernel
def _felt(felt, pressure, rise, fade):  # noqa: ANN001
    out = np.empty(felt.size)
    for i in range(felt.size):
        rate = rise if pressure[i] > felt[i] else fade
        out[i] = felt[i] + rate * (pressure[i] - felt[i])
    return out


def crowd_motivation(motivation: np.ndarray, base: np.ndarray, felt: np.ndarray,
                     recognition: np.ndarray, s: CrowdingSettings
                     ) -> tuple[np.ndarray, np.ndarray]:
    """New (motivation, base) after one week, given this week's felt control.

    The target m* (module docstring) is crowded toward the pivot by felt control and raised
    by recognition; motivation moves part of the way toward it, the base follows while control
    is felt.
    """
    return _crowd(floats(motivation), floats(base), floats(felt), floats(recognition),
                  s.crowd_out, s.low_interest_gain, s.crowd_in, s.pivot, s.adjust, s.reframing)


@kernel
def _crowd(motivation, base, felt, recognition, crowd_out, low_gain, crowd_in,  # noqa: ANN001
           pivot, adjust, reframing):
    new, new_base = np.empty(base.size), np.empty(base.size)
    for i in range(base.size):
        b, f, m = base[i], felt[i], motivation[i]
        out = crowd_out * f * max(b - pivot, 0.0)
        low = low_gain * f * max(pivot - b, 0.0)
        target = min(max(b - out + low + crowd_in * recognition[i] * (1.0 - b), 0.0), 1.0)
        moved = m + adjust * (target - m)
        new_base[i] = min(max(b + reframing * f * (moved - b), 0.0), 1.0)
        new[i] = min(max(moved, 0.0), 1.0)
    return new, new_base


def recognition(engaged: np.ndarray, contact: np.ndarray, H: float,
                recognised_member: np.ndarray, s: CrowdingSettings) -> np.ndarray:
    """Recognition each resident feels: met by horizontal officials, or their commons is."""
    return _recognition(flags(engaged), floats(contact), H, flags(recognised_member),
                        s.commons_recognition)


@kernel
def _recognition(engaged, contact, H, recognised, commons_recognition):  # noqa: ANN001
    out = np.empty(engaged.size)
    for i in range(engaged.size):
        street = min(1.0, H * contact[i]) * np.float64(engaged[i])
        out[i] = max(street, commons_recognition * np.float64(recognised[i]))
    return out
