"""A closed session's memory goes back: cycles collected, free pages returned."""

import gc
import weakref

import numpy as np

from zelflerendestad.app.memory import limit_arenas, release_later, trim


class City:
    """Stands for a session: a large array in a reference cycle, as a city and its widgets are."""

    def __init__(self):
        self.residents = np.ones(2_000_000)
        self.me = self


def test_trim_frees_a_closed_sessions_cycle_at_once():
    gc.disable()  # as on an idle server: nothing else triggers a collection
    try:
        city = City()
        gone = weakref.ref(city)
        del city
        assert gone() is not None  # only the cycle collector can free it
        trim()
        assert gone() is None
    finally:
        gc.enable()


def test_release_later_trims_in_the_background():
    gc.disable()
    try:
        city = City()
        gone = weakref.ref(city)
        del city
        timer = release_later(0.01)
        timer.join(timeout=30)
        assert gone() is None and not timer.is_alive()
    finally:
        gc.enable()


def test_the_server_keeps_few_malloc_arenas():
    try:
        assert limit_arenas()  # glibc (the test machines' and a trainer's Linux) takes it
    finally:
        limit_arenas(16)  # glibc's own limit on 2 cores, for the rest of the tests
