"""Batches scored side by side, each on one thread.

Scoring runs one batch per core (scoring.score_profiles). Any thread pool a batch starts on top
of that, OpenBLAS's and OpenMP's in NumPy and scikit-learn or the compiled trees' own split of
rows (forests), only oversubscribes the cores: measured at 1,000,000 clients, it cost a fifth
of the throughput in thread start-ups and spinning workers. Scored by `map_batches`, each batch
runs every native library on one thread and the trees in the calling thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from threadpoolctl import threadpool_limits

Result = TypeVar("Result")

_STATE = threading.local()


def in_parallel_batch() -> bool:
    """True in a thread that scores one of several batches run at once."""
    return getattr(_STATE, "in_batch", False)


def map_batches(
    function: Callable[[int], Result], items: Sequence[int], threads: int
) -> list[Result]:
    """[function(item) for item in items]: one item in the calling thread, with the native
    libraries' own threads; several on `threads` threads, each item on one native thread."""
    if len(items) < 2 or threads < 2:
        return [function(item) for item in items]
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda item: _alone(function, item), items))


def _alone(function: Callable[[int], Result], item: int) -> Result:
    with _single_threaded():
        return function(item)


@contextmanager
def _single_threaded() -> Iterator[None]:
    # OpenMP's thread count belongs to the calling thread, so each worker sets its own; BLAS's is
    # process-wide and set once around the pool (map_batches)
    with threadpool_limits(limits=1, user_api="openmp"):
        _STATE.in_batch = True
        try:
            yield
        finally:
            _STATE.in_batch = False
