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

from . import beliefs as bits
from .beliefs import Beliefs
from .jit import kernel
from .sampling import bernoulli_indices


def _planes(beliefs: Beliefs | np.ndarray) -> Beliefs:
    return beliefs if isinstance(beliefs, Beliefs) else Beliefs.from_values(beliefs)


def matches(beliefs: Beliefs | np.ndarray, reality: np.ndarray) -> np.ndarray:
    """Number of dimensions on which each resident's belief equals `reality` (int16)."""
    b = _planes(beliefs)
    up, down = bits.vector(reality)
    return bits.popcount(b.plus & up) + bits.popcount(b.minus & down)


def knowledge(beliefs: Beliefs | np.ndarray, reality: np.ndarray) -> np.ndarray | float:
    """Share of dimensions believed correctly (per resident, or of one int8 vector)."""
    share = matches(beliefs, reality) / reality.shape[-1]
    return float(share[0]) if isinstance(beliefs, np.ndarray) and beliefs.ndim == 1 else share


def socialise(beliefs: Beliefs, code: np.ndarray, p1: float,
              rng: np.random.Generator) -> np.ndarray:
    """One week of socialisation into the code (gradual steps), in place.

    Only cells that can still move get their chance p1: the code holds a view there and the
    belief differs (31% of cells at week 26 of the default run, 6% by week 104). Returns the
    residents whose beliefs moved.
    """
    if p1 <= 0:
        return np.empty(0, dtype=np.int64)
    up, down = bits.vector(code)
    end = _movable_end(beliefs.plus, beliefs.minus, up, down)
    cell = bernoulli_indices(int(end[-1]) if end.size else 0, p1, rng)
    if cell.size == 0:
        return cell
    return _move_cells(beliefs.plus, beliefs.minus, up, down, end, cell)


@kernel
def _movable_end(plus, minus, up, down):  # noqa: ANN001
    """Cumulative count of movable cells (code holds a view, belief differs) up to each row."""
    end = np.empty(plus.shape[0], dtype=np.int64)
    total = 0
    for i in range(plus.shape[0]):
        for w in range(plus.shape[1]):
            total += bits.popcount64((up[w] & ~plus[i, w]) | (down[w] & ~minus[i, w]))
        end[i] = total
    return end


@kernel
def _move_cells(plus, minus, up, down, end, cells):  # noqa: ANN001
    """Step each drawn cell (sorted, numbered as `_movable_end` counts) one notch to the code.

    A row's movable cells are read before any of its cells moves, so all moves of the week
    start from the start-of-week beliefs. Returns the rows that moved, ascending.
    """
    moved = np.empty(cells.size, dtype=np.int64)
    movable = np.empty(plus.shape[1], dtype=np.uint64)
    count, row = 0, -1
    for c in cells:
        if row < 0 or c >= end[row]:
            row += 1
            while end[row] <= c:
                row += 1
            for w in range(plus.shape[1]):
                movable[w] = (up[w] & ~plus[row, w]) | (down[w] & ~minus[row, w])
            moved[count] = row
            count += 1
        j = c - (end[row - 1] if row else 0)
        w = 0
        while j >= bits.popcount64(movable[w]):
            j -= bits.popcount64(movable[w])
            w += 1
        bit = bits.select64(movable[w], j)
        # Toward +1: -1 -> 0 clears the minus bit, 0 -> +1 sets the plus bit; toward -1 alike.
        if up[w] & bit:
            if minus[row, w] & bit:
                minus[row, w] ^= bit
            else:
                plus[row, w] ^= bit
        elif plus[row, w] & bit:
            plus[row, w] ^= bit
        else:
            minus[row, w] ^= bit
    return moved[:count]


def act(beliefs: Beliefs, rng: np.random.Generator) -> np.ndarray:
    """Each resident's actions: their belief, or a coin flip where they hold no view.

    Returned as words like a plane of `Beliefs`: bit d set for +1 on dimension d, clear for -1.
    """
    # One fair bit per cell as raw bytes: a fixed number of draws whatever the beliefs.
    coins = np.frombuffer(rng.bytes(beliefs.plus.nbytes), dtype=bits.WORD).reshape(
        beliefs.plus.shape)
    return beliefs.plus | (coins & ~beliefs.minus)


def action_score(actions: np.ndarray, reality: np.ndarray) -> np.ndarray:
    """March's score of +-1 actions (words): dimensions right minus dimensions wrong."""
    m = reality.shape[-1]
    up, _ = bits.vector(reality)
    wrong = bits.popcount((actions ^ up) & bits.pack(np.ones(m, dtype=bool)))
    return m - 2 * wrong


def score(beliefs: np.ndarray, reality: np.ndarray) -> int:
    """March's score of one -1/0/+1 vector (the code): right minus wrong (0 counts neither)."""
    return int(np.dot(beliefs.astype(np.int64), reality))


def learn_code(code: np.ndarray, beliefs: Beliefs, reality: np.ndarray, p2: float,
               rng: np.random.Generator) -> np.ndarray:
    """The code after one week of learning from the superior group (March's rule).

    Residents act (`act`); those whose actions score better than the code does form the
    superior group, and the code adopts the majority of their actions dimension by dimension.
    """
    u = rng.random(code.size)
    if p2 <= 0:
        return code
    actions = act(beliefs, rng)
    superior = actions[action_score(actions, reality) > score(code, reality)]
    if superior.shape[0] == 0:
        return code
    plus = np.zeros(code.size, dtype=np.int64)
    for lo in range(0, superior.shape[0], 1 << 16):  # unpacked a block at a time: m bytes a row
        plus += bits.unpack(superior[lo:lo + (1 << 16)], code.size).sum(axis=0, dtype=np.int64)
    margin = 2 * plus - superior.shape[0]  # (+1 count) - (-1 count)
    majority = np.sign(margin).astype(np.int8)
    adopt = (margin != 0) & (u < 1.0 - (1.0 - p2) ** np.abs(margin))
    return np.where(adopt, majority, code)


def settled(beliefs: Beliefs, code: np.ndarray, reality: np.ndarray) -> bool:
    """March's equilibrium: neither socialisation nor code learning can change anything.

    Socialisation has nothing left to do when every belief agrees with the code wherever the
    code holds a view; code learning has nothing left when no resident could outscore the code
    even with every coin flip going right.
    """
    up, down = bits.vector(code)
    if ((up & ~beliefs.plus) | (down & ~beliefs.minus)).any():
        return False
    best = reality.size - 2 * matches(beliefs, -reality)  # right - wrong + no view
    return not (best > score(code, reality)).any()


def learn_from_contacts(beliefs: Beliefs, known: np.ndarray, contact: np.ndarray,
                        learners: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Learners copy one random differing dimension from a contact who knows more (in place).

    Returns the indices of residents who copied something (to count lessons carried).
    """
    better = learners[known[contact[learners]] > known[learners]]
    if better.size == 0:
        return better
    teacher = contact[better]
    p, q = beliefs.plus, beliefs.minus
    differ = (p[teacher] ^ p[better]) | (q[teacher] ^ q[better])  # knows more: differs
    count = bits.popcount(differ)
    j = np.minimum((rng.random(better.size) * count).astype(np.int16), count - 1)
    dim = bits.select(differ, j)
    word, mask = dim >> 6, np.left_shift(np.uint64(1), (dim & 63).astype(np.uint64))
    for plane in (p, q):
        plane[better, word] = (plane[better, word] & ~mask) | (plane[teacher, word] & mask)
    return better


def experiment(beliefs: Beliefs, reality: np.ndarray, trying: np.ndarray,
               rng: np.random.Generator) -> None:
    """Each trying resident changes one belief at random and keeps it only if it works better."""
    dim = rng.integers(0, reality.size, trying.size)
    shift = rng.integers(1, 3, trying.size).astype(np.int8)  # to one of the two other values
    word, bit = dim >> 6, (dim & 63).astype(np.uint64)
    old = ((beliefs.plus[trying, word] >> bit) & np.uint64(1)).astype(np.int8) - (
        (beliefs.minus[trying, word] >> bit) & np.uint64(1)).astype(np.int8)
    new = ((old + 1 + shift) % 3 - 1).astype(np.int8)
    better = (new == reality[dim]) & (old != reality[dim])
    who, word, mask = trying[better], word[better], np.left_shift(np.uint64(1), bit[better])
    up = reality[dim[better]] > 0  # a better belief is reality's own value
    beliefs.plus[who, word] = np.where(up, beliefs.plus[who, word] | mask,
                                       beliefs.plus[who, word] & ~mask)
    beliefs.minus[who, word] = np.where(up, beliefs.minus[who, word] & ~mask,
                                        beliefs.minus[who, word] | mask)


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
