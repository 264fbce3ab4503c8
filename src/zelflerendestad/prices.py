"""Prices weighed against motives: payments offered and fines on free-riding (steps 3b, 3c, 5).

A payment p (a share of a reference price) adds an extrinsic pull to a passive resident's
weekly chance to wake up, outside intrinsic receptivity:

    h' = clip(h + payment_response x p)

A fine f levied with chance i a week is an expected price i x f a member weighs against
contributing (Becker 1968), added to the deterrence in `commons/cooperation.py`:

    deterrence' = clip(deterrence + fine_weight x i x f)

and both are felt as control by every resident they reach, engaged or not, so they act
through crowding too (`crowding.py`): pressure' = clip(pressure + price_control x (p + f)).
Whether the price or the crowding wins, and what stays after the price is gone (crowding's
slow fade and reframing of the base), is not set here: it follows from the weights (Gneezy &
Rustichini 2000; Frey & Jegen 2001).
"""

from __future__ import annotations

import numpy as np

from .config.instruments_schema import InstrumentSettings
from .jit import floats, kernel


def paid_wake_probability(wake_p: np.ndarray, payment: np.ndarray,
                          s: InstrumentSettings) -> np.ndarray:
    """Wake-up chance with the extrinsic pull of a payment added."""
    wake_p, payment = np.broadcast_arrays(floats(wake_p), floats(payment))
    return _paid(wake_p, payment, s.payment_response)


@kernel
def paid_wake(wake_p, payment, response):  # noqa: ANN001, ANN201
    """One resident's wake-up chance with a payment's pull (unchanged at payment 0)."""
    return min(max(wake_p + response * payment, 0.0), 1.0)


@kernel
def _paid(wake_p, payment, response):  # noqa: ANN001
    out = np.empty(wake_p.size)
    for i in range(wake_p.size):
        out[i] = paid_wake(wake_p[i], payment[i], response)
    return out


def fined_deterrence(deterrence: np.ndarray, expected_fine: np.ndarray,
                     s: InstrumentSettings) -> np.ndarray:
    """Deterrence a member weighs with the expected fine added."""
    return np.clip(deterrence + s.fine_weight * expected_fine, 0.0, 1.0)


def price_pressure(pressure: np.ndarray, payment: np.ndarray, fine: np.ndarray,
                   s: InstrumentSettings) -> np.ndarray:
    """Control pressure with what a price signals added, for everyone it reaches."""
    pressure, payment, fine = np.broadcast_arrays(floats(pressure), floats(payment),
                                                  floats(fine))
    return _priced(pressure, payment, fine, s.price_control)


@kernel
def priced_pressure(pressure, payment, fine, price_control):  # noqa: ANN001, ANN201
    """One resident's control pressure with prices added (unchanged without a price)."""
    return min(max(pressure + price_control * (payment + fine), 0.0), 1.0)


@kernel
def _priced(pressure, payment, fine, price_control):  # noqa: ANN001
    out = np.empty(pressure.size)
    for i in range(pressure.size):
        out[i] = priced_pressure(pressure[i], payment[i], fine[i], price_control)
    return out
