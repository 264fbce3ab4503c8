"""Count a week's passes over resident-sized arrays, instead of estimating them.

A pass is one numpy operation with an operand or result of at least n elements (n residents):
each element-wise ufunc call and reduction, each numpy function (`np.where`, `np.cumsum`, ...)
and each boolean or fancy index of that size. An ndarray subclass does the counting; for the
counted week the model's state arrays, its belief planes and every array its random streams
hand out are viewed as that subclass, so whatever the step derives from them is counted too.
Sparse products are counted apart (scipy's C++ loop, one traversal of the ties each; a product
with k columns counts once). A numba kernel (`jit.py`) counts as one pass, whatever it reads.
Arrays made from scratch and only combined with each other (a rare `np.zeros(n)` used alone)
escape the count, so the figure is a lower bound. The volume weighs each pass by its size in
units of n: a pass over an (n, 30) belief matrix counts 30.

Usage: .venv/bin/python benchmarks/passes.py [N] [warm-up weeks]
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse._sparsetools as sparsetools

ROOT = Path(__file__).resolve().parent.parent


class Counted(np.ndarray):
    """An ndarray that counts the resident-sized operations it takes part in."""

    tally: Counter = Counter()
    volume = 0.0  # the same operations weighted by their size in units of n ((n, m): m)
    size_at_least = 1 << 62  # set to n while counting

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):  # noqa: ANN001, D105
        out = kwargs.get("out")
        if out is not None:
            kwargs["out"] = tuple(plain(o) for o in out)
        result = getattr(ufunc, method)(*[plain(x) for x in inputs], **kwargs)
        if big(*inputs, result):
            Counted.tally[f"{ufunc.__name__}.{method}" if method != "__call__"
                          else ufunc.__name__] += 1
        return wrap(result)

    def __array_function__(self, func, types, args, kwargs):  # noqa: ANN001, D105
        result = func(*unwrap(args), **unwrap(kwargs))
        if big(*flat(args), *flat(kwargs), result):
            Counted.tally[func.__name__] += 1
        return wrap(result)

    def __getitem__(self, index):  # noqa: ANN001, D105
        result = plain(self)[unwrap(index)]
        if fancy(index) and big(index, result):
            Counted.tally["index (gather)"] += 1
        return wrap(result)

    def __setitem__(self, index, value) -> None:  # noqa: ANN001, D105
        if fancy(index) and big(index, value):
            Counted.tally["index (scatter)"] += 1
        plain(self)[unwrap(index)] = unwrap(value)


def plain(x: Any) -> Any:
    return x.view(np.ndarray) if isinstance(x, Counted) else x


def wrap(x: Any) -> Any:
    if isinstance(x, np.ndarray) and not isinstance(x, Counted) and x.ndim:
        return x.view(Counted)
    if isinstance(x, tuple):
        return tuple(wrap(v) for v in x)
    return x


def unwrap(x: Any) -> Any:
    if isinstance(x, (list, tuple)):
        return type(x)(unwrap(v) for v in x)
    if isinstance(x, dict):
        return {k: unwrap(v) for k, v in x.items()}
    return plain(x)


def flat(x: Any) -> list:
    if isinstance(x, (list, tuple)):
        return [v for item in x for v in flat(item)]
    if isinstance(x, dict):
        return flat(list(x.values()))
    return [x]


def big(*xs: Any) -> bool:
    """True if any operand is resident-sized; adds its size in units of n to the volume."""
    size = max((x.size for x in flat(list(xs)) if isinstance(x, np.ndarray)), default=0)
    if size >= Counted.size_at_least:
        Counted.volume += size / Counted.size_at_least
        return True
    return False


def fancy(index: Any) -> bool:
    return any(isinstance(i, np.ndarray) for i in flat([index]))


class CountedGenerator:
    """A random stream whose arrays come out counted (the draws themselves are passes too)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._rng, name)
        if not callable(method):
            return method

        def counted(*args: Any, **kwargs: Any) -> Any:
            out = method(*unwrap(args), **unwrap(kwargs))
            if big(out):
                Counted.tally[f"random ({name})"] += 1
            return wrap(out)
        return counted


class CountedStreams:
    def __init__(self, streams: Any) -> None:
        self._streams, self._cache = streams, {}

    def __getitem__(self, name: str) -> CountedGenerator:
        if name not in self._cache:
            self._cache[name] = CountedGenerator(self._streams[name])
        return self._cache[name]


def count_sparse_products() -> None:
    """Patch scipy's CSR product kernels so that each call is tallied."""
    for name in ("csr_matvec", "csr_matvecs"):
        kernel = getattr(sparsetools, name)

        def counted(*args: Any, _kernel=kernel, _name=name) -> Any:  # noqa: ANN001
            Counted.tally[f"sparse product ({_name})"] += 1
            return _kernel(*[plain(a) for a in args])
        setattr(sparsetools, name, counted)


def count_kernels() -> None:
    """Patch the numba kernels (`jit.py`) so that each call over resident-sized arrays is
    tallied: one loop over residents (or ties, or drawn cells) counts as one pass."""
    from numba.core.registry import CPUDispatcher

    for module in [m for name, m in sys.modules.items() if name.startswith("zelflerendestad")]:
        exported = getattr(module, "__all__", ())
        for name, kernel in list(vars(module).items()):
            if not (isinstance(kernel, CPUDispatcher)
                    and (name.startswith("_") or name in exported)):
                continue  # other public ones (popcount64) are called inside other kernels only

            def counted(*args: Any, _kernel=kernel, _name=name) -> Any:  # noqa: ANN001
                if big(*args):
                    Counted.tally[f"kernel ({_name})"] += 1
                return wrap(_kernel(*unwrap(args)))
            setattr(module, name, counted)


def count_week(n: int = 10_000, warm_up: int = 26) -> dict:
    """Passes in week `warm_up + 1` of the default scenario at n residents, by mechanism."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_scale import city_config
    from zelflerendestad.model import CityModel

    model = CityModel(city_config(n), seed=1)
    model.run(warm_up)
    r = model.residents
    for f in fields(r):
        value = getattr(r, f.name)
        if isinstance(value, np.ndarray):
            setattr(r, f.name, wrap(value))
    if hasattr(r.beliefs, "plus"):  # bit-planes (beliefs.py)
        r.beliefs.plus, r.beliefs.minus = wrap(r.beliefs.plus), wrap(r.beliefs.minus)
    model.known = wrap(model.known)
    net = model.network
    net.degree = wrap(net.degree)
    model.streams = CountedStreams(model.streams)
    count_sparse_products()
    count_kernels()
    by_mechanism: dict[str, int] = {}
    Counted.size_at_least = n
    for name in model.phases:
        method = getattr(model, name)

        def timed(*a: Any, _m=method, _name=name, **k: Any) -> Any:  # noqa: ANN001
            before = sum(Counted.tally.values())
            out = _m(*a, **k)
            by_mechanism[_name] = by_mechanism.get(_name, 0) + sum(Counted.tally.values()) - before
            return out
        setattr(model, name, timed)
    type(model).step(model)
    Counted.size_at_least = 1 << 62
    sparse = sum(v for k, v in Counted.tally.items() if k.startswith("sparse"))
    random = sum(v for k, v in Counted.tally.items() if k.startswith("random"))
    kernels = sum(v for k, v in Counted.tally.items() if k.startswith("kernel"))
    return {"n": n, "week": model.week, "passes": sum(Counted.tally.values()) - sparse,
            "volume_in_n": round(Counted.volume, 1),
            "random_draws": random, "sparse_products": sparse, "kernels": kernels,
            "by_mechanism": {k: v for k, v in by_mechanism.items() if v},
            "by_operation": dict(Counted.tally.most_common())}


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    result = count_week(n, int(sys.argv[2]) if len(sys.argv) > 2 else 26)
    print(f"week {result['week']} at N = {n:,}: {result['passes']} passes over n-sized arrays "
          f"({result['random_draws']} of them random draws, {result['kernels']} numba kernels), "
          f"{result['sparse_products']} "
          f"sparse products; volume {result['volume_in_n']} x n elements")
    for k, v in result["by_mechanism"].items():
        print(f"  {k:<22}{v:>5}")
    for k, v in result["by_operation"].items():
        print(f"    {k:<30}{v:>5}")
