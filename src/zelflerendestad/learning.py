"""Action learning on March's (1991) model of exploration and exploitation (step 4).

Reality is m dimensions of +-1 ("what works here"); residents' beliefs and the municipality's
code are -1, 0 or +1 per dimension. Knowledge is the share of dimensions believed correctly.
- Socialisation (vertical, March's p1): where the code holds a view and a belief differs, the
  belief steps one notch toward the code with probability p1 (-1 -> 0 -> +1, gradual).
- Code learning (horizontal, March's p2): residents act on their beliefs (a coin flip where they
  hold no view, 0) and are judged by performance, the number of dimensions their actions get right
  minus those they get wrong. The superior group are those who outperform the code's own score;
  on each dimension the code adopts the majority of their actions with probability
  1 - (1 - p2)^k, k the majority's margin. Both use start-of-week state (synchronous).
  Gradual socialisation and judging by performance (so a lucky resident can be superior) are the
  two details of March's original program that his paper leaves out (Christensen 2015; Rodan
  2005); with them the model docks to Workiewicz's (2019) reproduction of March's Figure 1.
Beyond March: residents copy one dimension from a better-knowing contact (Lazer & Friedman 2007),
active residents experiment and keep what works (actieleren), a learning circle teaches the code,
reflection training raises learning capacity (leren leren), and reality may drift (turbulence).
With those rates at 0 the model is March's closed system exactly.
"""

from __future__ import annotations

import numpy as np

from .sampling import bernoulli_indices


def matches(beliefs: np.ndarray, reality: np.ndarray) -> np.ndarray | int:
    """Number of dimensions on which `beliefs` equal `reality` (per row, or for one vector)."""
    m = reality.shape[-1]
    # Counting matches in small integers, a cache-sized block of rows at a time, is 2-4x
    # faster than `.sum(axis=-1)` on a boolean (n, m) array (benchmarks/README.md); the
    # counts are exact.
    count = np.uint8 if m < 256 else np.uint16 if m < 65536 else np.int64
    if beliefs.ndim == 1:
        return int(np.count_nonzero(beliefs == reality))
    out = np.empty(beliefs.shape[0], dtype=count)
    block = max(1, (1 << 18) // max(m, 1))
    for lo in range(0, beliefs.shape[0], block):
        right = np.equal(beliefs[lo:lo + block], reality).view(np.uint8)
        np.einsum("ij->i", right, dtype=count, out=out[lo:lo + block])
    return out


def knowledge(beliefs: np.ndarray, reality: np.ndarray) -> np.ndarray:
    """Share of dimensions believed correctly (rows of `beliefs`, or one code vector)."""
    return matches(beliefs, reality) / reality.shape[-1]


def socialise(beliefs: np.ndarray, code: np.ndarray, p1: float,
              rng: np.random.Generator) -> np.ndarray:
    """Beliefs after one week of socialisation into the code (gradual steps)."""
    if p1 <= 0:
        return beliefs
    # Each resident-dimension gets its chance p1; only those that come up are visited, and of
    # them only cells where the code holds a view that differs from the belief move.
    cell = bernoulli_indices(beliefs.size, p1, rng)
    out = beliefs.copy()
    flat = out.ravel()
    target = code[cell % code.size]
    move = (target != 0) & (flat[cell] != target)
    cell, target = cell[move], target[move]
    flat[cell] += np.sign(target - flat[cell]).astype(np.int8)
    return out


def act(beliefs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Actions (+-1) on each dimension: one's belief, or a coin flip where one holds no view."""
    # One fair bit per cell, drawn as raw bytes: a fixed number of draws whatever the beliefs,
    # and about five times cheaper than a uniform per neutral cell. Arithmetic instead of
    # `np.where`, which branches per cell and costs 30x more on a random mask (8 ms at 100,000).
    bits = np.unpackbits(np.frombuffer(rng.bytes((beliefs.size + 7) // 8), dtype=np.uint8),
                         count=beliefs.size).reshape(beliefs.shape).view(np.int8)
    return beliefs + (beliefs == 0) * (2 * bits - 1)


def score(beliefs: np.ndarray, reality: np.ndarray) -> np.ndarray:
    """March's performance score: dimensions right minus dimensions wrong (0 counts as neither)."""
    # Values are -1, 0, +1, so right minus wrong is the dot product with reality.
    if beliefs.ndim == 1:
        return int(np.dot(beliefs.astype(np.int64), reality))
    return np.einsum("ij,j->i", beliefs, reality, dtype=np.int64 if reality.size > 32767
                     else np.int16)


def learn_code(code: np.ndarray, beliefs: np.ndarray, reality: np.ndarray, p2: float,
               rng: np.random.Generator) -> np.ndarray:
    """The code after one week of learning from the superior group (March's rule).

    Residents act (`act`); those whose actions score better than the code does form the
    superior group, and the code adopts the majority of their actions dimension by dimension.
    """
    u = rng.random(code.size)
    if p2 <= 0:
        return code
    actions = act(beliefs, rng)
    superior = actions[score(actions, reality) > score(code, reality)]
    if superior.shape[0] == 0:
        return code
    margin = superior.sum(axis=0, dtype=np.int64)  # actions are +-1: (+1 count) - (-1 count)
    majority = np.sign(margin).astype(np.int8)
    adopt = (margin != 0) & (u < 1.0 - (1.0 - p2) ** np.abs(margin))
    return np.where(adopt, majority, code)


def settled(beliefs: np.ndarray, code: np.ndarray, reality: np.ndarray) -> bool:
    """March's equilibrium: neither socialisation nor code learning can change anything.

    Socialisation has nothing left to do when every belief agrees with the code wherever the
    code holds a view; code learning has nothing left when no resident could outscore the code
    even with every coin flip going right.
    """
    if ((beliefs != code) & (code != 0)).any():
        return False
    best = score(beliefs, reality) + (beliefs == 0).sum(axis=-1)
    return not (best > score(code, reality)).any()


def learn_from_contacts(beliefs: np.ndarray, known: np.ndarray, contact: np.ndarray,
                        learners: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Learners copy one random differing dimension from a contact who knows more.

    Returns the indices of residents who copied something (to count lessons carried).
    """
    better = learners[known[contact[learners]] > known[learners]]
    if better.size == 0:
        return better
    teacher = contact[better]
    differ = beliefs[teacher] != beliefs[better]
    pick = np.argmax(differ * rng.random(differ.shape), axis=1)
    beliefs[better, pick] = beliefs[teacher, pick]
    return better


def experiment(beliefs: np.ndarray, reality: np.ndarray, trying: np.ndarray,
               rng: np.random.Generator) -> None:
    """Each trying resident changes one belief at random and keeps it only if it works better."""
    dim = rng.integers(0, reality.size, trying.size)
    shift = rng.integers(1, 3, trying.size).astype(np.int8)  # to one of the two other values
    old = beliefs[trying, dim]
    new = ((old + 1 + shift) % 3 - 1).astype(np.int8)
    better = (new == reality[dim]) & (old != reality[dim])
    beliefs[trying[better], dim[better]] = new[better]


def teach_code(code: np.ndarray, reality: np.ndarray, rng: np.random.Generator) -> None:
    """A learning circle shows the code one dimension it has wrong (in place)."""
    wrong = np.flatnonzero(code != reality)
    if wrong.size:
        d = wrong[rng.integers(wrong.size)]
        code[d] = reality[d]


def drift(reality: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """Turbulence: each dimension of reality flips with probability `rate`."""
    flip = rng.random(reality.size) < rate
    return np.where(flip, -reality, reality).astype(np.int8)


def grow_capacity(capacity: np.ndarray, trained: np.ndarray, trained_contacts: np.ndarray,
                  gain: float, spread: float) -> np.ndarray:
    """Reflection training raises capacity; trained connectors pass it on to contacts."""
    boost = gain * trained + spread * trained_contacts
    return np.clip(capacity + boost * (1.0 - capacity), 0.0, 1.0)


def random_contact(indptr: np.ndarray | None, indices: np.ndarray | None, degree: np.ndarray,
                   who: np.ndarray, rng: np.random.Generator, n: int) -> np.ndarray:
    """One random contact per resident in `who` (anyone else when fully mixed); -1 if none."""
    u = rng.random(who.size)
    if indptr is None:
        other = (u * (n - 1)).astype(np.int64)
        return other + (other >= who)
    deg = degree[who]
    pos = indptr[who] + (u * deg).astype(np.int64)
    return np.where(deg > 0, indices[np.minimum(pos, indices.size - 1)], -1)
