"""Batches scored side by side run every native library on one thread each."""

import threading

from threadpoolctl import threadpool_info

from client_intelligence.batch_threads import in_parallel_batch, map_batches


def _native_threads() -> dict[str, int]:
    return {info["user_api"]: info["num_threads"] for info in threadpool_info()}


def test_several_batches_run_on_one_native_thread_each_and_keep_their_order():
    import numpy  # noqa: F401  (loads OpenBLAS)
    import sklearn.ensemble  # noqa: F401  (loads OpenMP)

    seen = []

    def batch(item: int) -> int:
        seen.append((threading.current_thread() is threading.main_thread(), in_parallel_batch()))
        assert set(_native_threads().values()) == {1}
        return item * 10

    assert map_batches(batch, range(5), threads=2) == [0, 10, 20, 30, 40]
    assert seen == [(False, True)] * 5
    assert not in_parallel_batch()


def test_one_batch_runs_in_the_calling_thread_with_the_libraries_own_threads():
    before = _native_threads()

    def batch(item: int) -> int:
        assert not in_parallel_batch()
        assert threading.current_thread() is threading.main_thread()
        assert _native_threads() == before
        return item

    assert map_batches(batch, range(1), threads=2) == [0]
    assert map_batches(batch, range(3), threads=1) == [0, 1, 2]


def test_the_trees_split_rows_over_threads_only_outside_a_parallel_batch():
    from client_intelligence.forests import _in_parts

    def parts_of(_item: int) -> list[slice]:
        parts = []
        _in_parts(parts.append, 100_000)
        return sorted(parts, key=lambda part: part.start)

    alone = parts_of(0)
    assert alone == [slice(0, 50_000), slice(50_000, 100_000)]
    assert map_batches(parts_of, range(2), threads=2) == [[slice(0, 100_000)]] * 2
