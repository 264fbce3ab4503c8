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
    return _pressure(flags(engaged), flags(imposed_member),
                     *pressure_terms(subsidy, enforcement, s, engaged.size))


def pressure_terms(subsidy: bool | np.ndarray, enforcement: bool | np.ndarray,
                   s: CrowdingSettings, n: int) -> tuple:
    """(public programmes' pressure per resident, imposed weight) of `pressure_on`."""
    public = s.subsidy_weight * subsidy + s.enforcement_weight * enforcement
    return per_resident(public, n), s.imposed_weight


@kernel
def pressure_on(engaged, imposed, public, imposed_weight):  # noqa: ANN001, ANN201
    """One resident's controlling pressure (`control_pressure`; `public` the programmes')."""
    c = np.float64(engaged) * public + imposed_weight * np.float64(imposed)
    return min(max(c, 0.0), 1.0)


@kernel
def _pressure(engaged, imposed, public, imposed_weight):  # noqa: ANN001
    out = np.empty(engaged.size)
    for i in range(engaged.size):
        out[i] = pressure_on(engaged[i], imposed[i], public[i], imposed_weight)
    return out


def update_felt_control(felt: np.ndarray, pressure: np.ndarray,
                        s: CrowdingSettings) -> np.ndarray:
    """Felt control rises fast toward the pressure and fades slowly after it."""
    return _felt(floats(felt), floats(pressure), s.rise, s.fade)


@kernel
def felt_step(felt, pressure, rise, fade):  # noqa: ANN001, ANN201
    """One resident's felt control after a week (`update_felt_control`)."""
    rate = rise if pressure > felt else fade
    return felt + rate * (pressure - felt)


@kernel
def _felt(felt, pressure, rise, fade):  # noqa: ANN001
    out = np.empty(felt.size)
    for i in range(felt.size):
        out[i] = felt_step(felt[i], pressure[i], rise, fade)
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
                  *crowd_terms(s))


def crowd_terms(s: CrowdingSettings) -> tuple:
    """The settings of `crowd_step`, in its order."""
    return s.crowd_out, s.low_interest_gain, s.crowd_in, s.pivot, s.adjust, s.reframing


@kernel
def crowd_step(m, b, f, recognition, crowd_out, low_gain, crowd_in, pivot,  # noqa: ANN001, ANN201
               adjust, reframing):
    """One resident's (motivation, base) after a week (`crowd_motivation`)."""
    out = crowd_out * f * max(b - pivot, 0.0)
    low = low_gain * f * max(pivot - b, 0.0)
    target = min(max(b - out + low + crowd_in * recognition * (1.0 - b), 0.0), 1.0)
    moved = m + adjust * (target - m)
    return min(max(moved, 0.0), 1.0), min(max(b + reframing * f * (moved - b), 0.0), 1.0)


@kernel
def _crowd(motivation, base, felt, recognition, crowd_out, low_gain, crowd_in,  # noqa: ANN001
           pivot, adjust, reframing):
    new, new_base = np.empty(base.size), np.empty(base.size)
    for i in range(base.size):
        new[i], new_base[i] = crowd_step(motivation[i], base[i], felt[i], recognition[i],
                                         crowd_out, low_gain, crowd_in, pivot, adjust,
                                         reframing)
    return new, new_base


def recognition(engaged: np.ndarray, contact: np.ndarray, H: float,
                recognised_member: np.ndarray, s: CrowdingSettings) -> np.ndarray:
    """Recognition each resident feels: met by horizontal officials, or their commons is."""
    return _recognition(flags(engaged), floats(contact), H, flags(recognised_member),
                        s.commons_recognition)


@kernel
def recognised_by(engaged, contact, H, recognised, commons_recognition):  # noqa: ANN001, ANN201
    """The recognition one resident feels (`recognition`)."""
    street = min(1.0, H * contact) * np.float64(engaged)
    return max(street, commons_recognition * np.float64(recognised))


@kernel
def _recognition(engaged, contact, H, recognised, commons_recognition):  # noqa: ANN001
    out = np.empty(engaged.size)
    for i in range(engaged.size):
        out[i] = recognised_by(engaged[i], contact[i], H, recognised[i], commons_recognition)
    return out
