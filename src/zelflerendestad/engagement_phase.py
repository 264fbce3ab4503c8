"""Steps 3b and 3c of a week in a few passes over residents, one equation per mechanism.

Each mechanism's module owns its per-resident equation (`engagement.wake_chance`,
`volunteering.ownership_step`, `trust.trust_gov_step`, `crowding.crowd_step`, ...) and the
array function its tests call; the loops here only chain them, in the step list's order, so
that a week reads each resident's state once or twice instead of once per equation (issue 17).
The passes are cut where the step needs everyone before it goes on:

1. wake-up and lapse, and how visible each resident is to officials
   (street contact is visibility over its mean over all residents);
2. street contact, ownership, energy, burnout and activity, counting the active residents
   of each neighbourhood (the incidents are drawn from those counts);
3. trust in government (after the incidents) and in neighbours (after the engaged contacts
   are updated through the ties of those who woke or lapsed).

Crowding (step 3c) is one pass of its own. The random draws are those of the array
functions, in the same order and sizes, so results are bit-identical to chaining them
(`tests/test_engagement_phase.py`). The passes write the residents' new state into its
arrays in place (each resident's from its own old value only), so that a week allocates
no new array for it: at a million residents every fresh 8 MB array costs page faults and
leaves glibc's heap more fragmented (benchmarks/README.md, fifth round).
"""

from __future__ import annotations

import numpy as np

from .crowding import crowd_step, felt_step, pressure_on, recognised_by
from .engagement import lapse_chance, receptivity, spread, wake_chance
from .jit import kernel, unsigned
from .network import mean_over
from .prices import paid_wake, priced_pressure
from .trust import toward, trust_gov_step, visibility
from .volunteering import acts, burnout_step, energy_step, ownership_step

__all__ = ["crowd", "own_and_act", "trust_after", "wake_chances", "wake_up"]  # the passes


@kernel
def wake_chances(weighted, degree, threshold, motivation, payment, wake):  # noqa: ANN001
    """Every resident's chance to wake this week (`wake` as `wake_up`'s)."""
    out = np.empty(weighted.size)
    for i in range(weighted.size):
        out[i] = chance_of(weighted[i], degree[i], threshold[i], motivation[i], payment[i], wake)
    return out


@kernel
def chance_of(k, degree, threshold, motivation, payment, wake):  # noqa: ANN001, ANN201
    """One resident's chance to wake: receptivity, `engagement.wake_chance`, a payment's pull."""
    p_eff, q_eff, weight, reinforcement, share_threshold, response = wake
    h = wake_chance(p_eff, q_eff, k, degree, threshold, receptivity(motivation, weight),
                    reinforcement, share_threshold)
    return paid_wake(h, payment, response)


@kernel
def wake_up(engaged, weighted, degree, threshold, motivation, ownership, payment,  # noqa: ANN001
            u_wake, u_lapse, wake, lapse_rate, mean_degree, bias, visible):
    """Pass 1: (engaged now, how many woke); visibility to officials written into `visible`.

    `wake` is (p_eff, q_eff, receptivity weight, reinforcement, share threshold, payment
    response); `payment` the payment reaching each resident (0 without one).
    """
    n = engaged.size
    now, woke = np.empty(n, np.bool_), 0
    for i in range(n):
        h = chance_of(weighted[i], degree[i], threshold[i], motivation[i], payment[i], wake)
        now[i], w = spread(engaged[i], h, lapse_chance(lapse_rate, ownership[i]), u_wake[i],
                           u_lapse[i])
        woke += w
        visible[i] = visibility(now[i], degree[i], mean_degree, bias)
    return now, woke


@kernel
def own_and_act(engaged, contact, scale, ownership, base, active, active_sum,  # noqa: ANN001
                degree, energy, burnt_out, threshold, neighbourhood, n_nbhd, owning, spending,
                burning):
    """Pass 2: ownership, energy, burnt out and active in place; active per neighbourhood.

    `contact` (visibility on entry) is divided by `scale` in place: street contact. `owning`,
    `spending`, `burning`: `volunteering.ownership_terms`, `energy_terms`, `burnout_terms`.
    """
    recognition, role, procedure, decay = owning
    drain, lone, handover, recovery = spending
    level, recovered = burning
    active_by = np.zeros(n_nbhd, np.int64)
    for i in range(engaged.size):
        contact[i] = c = contact[i] / scale
        ownership[i] = ownership_step(ownership[i], base[i], engaged[i], c, recognition, role,
                                      procedure[i], decay)
        was_active = active[i]
        share = mean_over(active_sum[i], degree[i], np.float64(was_active))
        energy[i] = energy_step(energy[i], was_active, share, drain[i], lone, handover,
                                recovery)
        burnt_out[i] = burnout_step(burnt_out[i], energy[i], level, recovered)
        active[i] = acts(engaged[i], ownership[i], burnt_out[i], threshold[i])
        active_by[unsigned(neighbourhood[i])] += active[i]
    return active_by


@kernel
def trust_after(trust_gov, trust_nbr, engaged, contact, trust_sum, engaged_contacts,  # noqa: ANN001
                degree, hit_by_nbhd, neighbourhood, governing, neighbour_rate):
    """Pass 3: trust in government and in neighbours, in place.

    `governing`: `trust.trust_gov_terms`; `hit_by_nbhd`: `trust.neighbourhood_losses`.
    """
    presence, reliability, procedure, social = governing
    for i in range(engaged.size):
        t, hit = trust_gov[i], hit_by_nbhd[unsigned(neighbourhood[i])]
        trust_gov[i] = trust_gov_step(t, engaged[i], contact[i],
                                      mean_over(trust_sum[i], degree[i], t), presence,
                                      reliability, procedure[i], hit, social)
        share = mean_over(engaged_contacts[i], degree[i], np.float64(engaged[i]))
        trust_nbr[i] = toward(trust_nbr[i], share, neighbour_rate)


@kernel
def crowd(engaged, contact, member_of, imposed, recognised, felt_control, motivation,  # noqa: ANN001
          base, payment, fine, recognition_level, H, pressing, rise, fade, commons_recognition,
          price_control, crowding):
    """Step 3c: felt control, motivation and base motivation after the week, in place.

    `imposed` and `recognised` are per commons with a False appended, so that a member_of
    of -1 (no commons) reads it; `pressing`: `crowding.pressure_terms`; `crowding`:
    `crowding.crowd_terms`; prices (`payment`, `fine`, `recognition_level`) 0 without them.
    """
    public, imposed_weight = pressing
    crowd_out, low_gain, crowd_in, pivot, adjust, reframing = crowding
    for i in range(engaged.size):
        c = member_of[i]
        pressure = priced_pressure(pressure_on(engaged[i], imposed[c], public[i], imposed_weight),
                                   payment[i], fine[i], price_control)
        recognition = max(recognised_by(engaged[i], contact[i], H, recognised[c],
                                        commons_recognition), recognition_level[i])
        felt_control[i] = felt = felt_step(felt_control[i], pressure, rise, fade)
        motivation[i], base[i] = crowd_step(motivation[i], base[i], felt, recognition,
                                            crowd_out, low_gain, crowd_in, pivot, adjust,
                                            reframing)
