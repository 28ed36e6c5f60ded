"""The fitted gradient-boosted trees of an artifact, evaluated by one compiled loop.

scikit-learn's HistGradientBoosting predict walks the rows once per tree, each walk an OpenMP
parallel region: with 300 trees per client (purchase, churn, CLV and its two quantile models)
that is 300 passes over the whole feature matrix and 300 thread barriers per call, and on a
2-core machine shared with other work a barrier waits for a descheduled thread (measured: a
2,000-client scoring took 0.3 to 3 s, by the load). Here each row walks every tree while it is
in cache, in one compiled loop (numba, client_intelligence.forest_kernels) that releases the
GIL, so large inputs are split over threads without barriers; small inputs walk the trees level
by level in NumPy, the same comparisons in the same order.

The results are scikit-learn's, bit for bit: the same comparisons (`x <= threshold`, a missing
value going where `missing_go_to_left` says) and the raw prediction summed in the same order
(the baseline, then tree after tree). The same walk gives each row's leaf per tree, from which
client_intelligence.contributions reads the Saabas path contributions; the leaves of the last
matrix are kept, so the scores and the drivers of a batch walk its trees once.
"""

from __future__ import annotations

import os
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from client_intelligence.batch_threads import in_parallel_batch

# Rows per thread below which one thread is faster than two (thread start and a second copy of
# the trees in the other core's cache cost more than they save).
PARALLEL_MIN_ROWS = 4_096
# Up to this many rows the trees are walked level by level with NumPy instead: numba's start-up
# (about 0.5 s per process) costs more than it saves on a dbt run of the demo or a small CSV.
NUMPY_MAX_ROWS = 10_000


class UncompilableForestError(TypeError):
    """Trees this module does not evaluate (multi-class, categorical splits)."""


@dataclass(frozen=True)
class CompiledForest:
    """Every tree of one fitted binary classifier or regressor, its nodes in flat arrays (node
    ids offset per tree, so one array holds them all)."""

    feature: np.ndarray
    threshold: np.ndarray
    missing_left: np.ndarray
    left: np.ndarray
    right: np.ndarray
    is_leaf: np.ndarray
    value: np.ndarray
    count: np.ndarray  # training rows through each node (float64)
    roots: np.ndarray  # the first node of each tree, in boosting order
    start: float  # the model's constant first prediction

    @classmethod
    def of(cls, model) -> CompiledForest:
        if any(len(predictors) != 1 for predictors in model._predictors):
            raise UncompilableForestError("compiled trees are binary classifiers and regressors")
        nodes = [predictors[0].nodes for predictors in model._predictors]
        if not nodes or any(tree["is_categorical"].any() for tree in nodes):
            raise UncompilableForestError("categorical splits are left to scikit-learn")
        sizes = np.array([len(tree) for tree in nodes], dtype=np.intp)
        roots = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)
        flat = np.concatenate(nodes)
        offset = np.repeat(roots, sizes)
        return cls(
            feature=flat["feature_idx"].astype(np.intp),
            threshold=flat["num_threshold"].astype(np.float64),
            missing_left=flat["missing_go_to_left"].astype(np.bool_),
            left=flat["left"].astype(np.intp) + offset,
            right=flat["right"].astype(np.intp) + offset,
            is_leaf=flat["is_leaf"].astype(np.bool_),
            value=flat["value"].astype(np.float64),
            count=flat["count"].astype(np.float64),
            roots=roots,
            start=float(np.ravel(model._baseline_prediction)[0]),
        )

    # the leaves of the last read-only input, kept while it lives: the scores and the drivers
    # of a batch read the same preprocessed matrix (fast_estimators makes it read-only), so its
    # trees are walked once for both
    last: threading.local = field(default_factory=threading.local, compare=False, repr=False)

    def leaves(self, x: np.ndarray) -> np.ndarray:
        """(rows, trees): the node each row reaches in each tree."""
        remembered = getattr(self.last, "leaves", None)
        if remembered is not None and remembered[0]() is x:
            return remembered[1]
        values = np.ascontiguousarray(x, dtype=np.float64)
        if len(values) <= NUMPY_MAX_ROWS:
            out = self._leaves_by_level(values)
        else:
            out = np.empty((len(values), len(self.roots)), dtype=np.intp)
            walk = (self.feature, self.threshold, self.missing_left, self.left, self.right)
            kernels = _kernels()

            def run(rows: slice) -> None:
                kernels._leaves_kernel(values[rows], *walk, self.is_leaf, self.roots, out[rows])

            _in_parts(run, len(values))
        if isinstance(x, np.ndarray) and not x.flags.writeable:  # it cannot change while kept
            self.last.leaves = (weakref.ref(x), out)
        return out

    def _leaves_by_level(self, values: np.ndarray) -> np.ndarray:
        """leaves() in NumPy: every row one level down per step, each tree in turn."""
        rows = np.arange(len(values))
        out = np.empty((len(values), len(self.roots)), dtype=np.intp)
        for tree, root in enumerate(self.roots):
            node = np.full(len(values), root, dtype=np.intp)
            walking = ~self.is_leaf[node]
            while walking.any():
                value = values[rows, self.feature[node]]
                left = np.where(
                    np.isnan(value), self.missing_left[node], value <= self.threshold[node]
                )
                node = np.where(walking, np.where(left, self.left[node], self.right[node]), node)
                walking = ~self.is_leaf[node]
            out[:, tree] = node
        return out

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The raw prediction of every row (decision_function: log-odds for a classifier):
        the starting constant, then each tree's leaf value in boosting order."""
        leaves = self.leaves(x)
        if len(leaves) > NUMPY_MAX_ROWS:
            out = np.empty(len(leaves), dtype=np.float64)
            kernel = _kernels()._raw_kernel
            _in_parts(
                lambda rows: kernel(leaves[rows], self.value, self.start, out[rows]), len(leaves)
            )
            return out
        out = np.full(len(leaves), self.start, dtype=np.float64)
        for tree in range(leaves.shape[1]):
            out += self.value[leaves[:, tree]]
        return out

    def path_sums(self, x: np.ndarray, paths: LeafPaths) -> np.ndarray:
        """(rows, paths.width): per row, the moves of the paths to the leaves it reaches, summed
        per column, tree after tree in boosting order."""
        leaves = self.leaves(x)
        out = np.zeros((len(leaves), paths.width), dtype=np.float64)
        if len(leaves) > NUMPY_MAX_ROWS:
            kernel = _kernels()._path_kernel

            def run(rows: slice) -> None:
                kernel(leaves[rows], paths.starts, paths.columns, paths.moves, out[rows])

            _in_parts(run, len(leaves))
            return out
        rows = np.arange(len(leaves))
        longest = int(np.diff(paths.starts).max(initial=0))
        for tree in range(leaves.shape[1]):
            first, last = paths.starts[leaves[:, tree]], paths.starts[leaves[:, tree] + 1]
            for step in range(longest):  # a path names each column once: no repeated cell
                entry = first + step
                on = entry < last
                out[rows[on], paths.columns[entry[on]]] += paths.moves[entry[on]]
        return out


@dataclass(frozen=True)
class LeafPaths:
    """For every leaf node of a CompiledForest, the (column, move) pairs of the path to it:
    entries starts[node] .. starts[node + 1] of columns and moves (none for split nodes)."""

    starts: np.ndarray
    columns: np.ndarray
    moves: np.ndarray
    width: int


def _kernels():
    from client_intelligence import forest_kernels

    return forest_kernels


def _in_parts(run, rows: int) -> None:
    """run(rows slice) over all rows: in two threads when there are enough rows and cores, and
    the caller is not already one of several batches scored at once."""
    threads = min(os.cpu_count() or 1, 2)
    if threads < 2 or rows < 2 * PARALLEL_MIN_ROWS or in_parallel_batch():
        run(slice(0, rows))
        return
    middle = rows // 2
    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(run, part) for part in (slice(0, middle), slice(middle, rows))]:
            future.result()


# Compiled once per fitted model object, kept while it lives (not pickled with it).
_COMPILED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def compiled_forest(model) -> CompiledForest:
    """The model's compiled trees, built once per model object (UncompilableForestError where
    they cannot be)."""
    forest = _COMPILED.get(model)
    if forest is None:
        forest = _COMPILED[model] = CompiledForest.of(model)
    return forest
