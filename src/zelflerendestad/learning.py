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
    return bits.matches(b.plus, b.minus, *bits.vector(reality))


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
    return m - 2 * _wrong(actions, bits.vector(reality)[0], m)


@kernel
def _wrong(actions, up, m):  # noqa: ANN001
    """Per row of action words, the dimensions (of the first m) where they differ from up."""
    out = np.empty(actions.shape[0], dtype=np.int16)
    for i in range(actions.shape[0]):
        count = 0
        for w in range(actions.shape[1]):
            x = actions[i, w] ^ up[w]
            if m < bits.BITS * (w + 1):  # the last word holds only m - 64 w dimensions
                x &= (bits.ONE << np.uint64(m - bits.BITS * w)) - bits.ONE
            count += bits.popcount64(x)
        out[i] = count
    return out


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
    margin, superior = _majority_margin(actions, action_score(actions, reality),
                                        score(code, reality), code.size)
    if superior == 0:
        return code
    majority = np.sign(margin).astype(np.int8)
    adopt = (margin != 0) & (u < 1.0 - (1.0 - p2) ** np.abs(margin))
    return np.where(adopt, majority, code)


@kernel
def _majority_margin(actions, scores, bar, m):  # noqa: ANN001
    """Over the rows scoring above `bar`: (+1 actions) - (-1 actions) per dimension, and rows."""
    plus = np.zeros(m, dtype=np.int64)
    rows = 0
    for i in range(actions.shape[0]):
        if scores[i] > bar:
            rows += 1
            for d in range(m):
                plus[d] += (actions[i, d >> 6] >> np.uint64(d & 63)) & bits.ONE
    return 2 * plus - rows, rows


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
    _copy_one(beliefs.plus, beliefs.minus, better, contact[better], rng.random(better.size))
    return better


@kernel
def _copy_one(p, q, learner, teacher, u):  # noqa: ANN001
    """Each learner takes its teacher's belief on the u-th of the dimensions where they differ.

    All teachers' beliefs are read before any learner's changes (a teacher may learn too).
    """
    word = np.empty(learner.size, dtype=np.int64)
    mask = np.empty(learner.size, dtype=np.uint64)
    for k in range(learner.size):
        a, b = learner[k], teacher[k]
        count = 0
        for w in range(p.shape[1]):
            count += bits.popcount64(_differ(p, q, a, b, w))
        j, w = min(int(u[k] * count), count - 1), 0
        while j >= bits.popcount64(_differ(p, q, a, b, w)):
            j -= bits.popcount64(_differ(p, q, a, b, w))
            w += 1
        word[k], mask[k] = w, bits.select64(_differ(p, q, a, b, w), j)
    tp, tq = np.empty(learner.size, np.uint64), np.empty(learner.size, np.uint64)
    for k in range(learner.size):
        tp[k], tq[k] = p[teacher[k], word[k]] & mask[k], q[teacher[k], word[k]] & mask[k]
    for k in range(learner.size):
        a, w = learner[k], word[k]
        p[a, w] = (p[a, w] & ~mask[k]) | tp[k]
        q[a, w] = (q[a, w] & ~mask[k]) | tq[k]


@kernel
def _differ(p, q, a, b, w):  # noqa: ANN001
    """Word w of the dimensions where residents a and b believe differently."""
    return (p[a, w] ^ p[b, w]) | (q[a, w] ^ q[b, w])


def experiment(beliefs: Beliefs, reality: np.ndarray, trying: np.ndarray,
               rng: np.random.Generator) -> None:
    """Each trying resident changes one belief at random and keeps it only if it works better."""
    dim = rng.integers(0, reality.size, trying.size)
    shift = rng.integers(1, 3, trying.size)  # to one of the two other values
    _keep_better(beliefs.plus, beliefs.minus, reality, trying, dim, shift)


@kernel
def _keep_better(plus, minus, reality, trying, dim, shift):  # noqa: ANN001
    """Resident trying[k] tries value (old + 1 + shift[k]) % 3 - 1 on dimension dim[k]."""
    for k in range(trying.size):
        i, d = trying[k], dim[k]
        w, bit = d >> 6, bits.ONE << np.uint64(d & 63)
        old = (1 if plus[i, w] & bit else 0) - (1 if minus[i, w] & bit else 0)
        new = (old + 1 + shift[k]) % 3 - 1
        if new == reality[d] and old != reality[d]:  # a better belief is reality's own value
            if reality[d] > 0:
                plus[i, w] |= bit
                minus[i, w] &= ~bit
            else:
                plus[i, w] &= ~bit
                minus[i, w] |= bit


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
