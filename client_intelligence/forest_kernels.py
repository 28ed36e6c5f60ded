"""The compiled loops of client_intelligence.forests (numba; imported only for inputs large
enough to repay numba's start-up, about half a second per process)."""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(nogil=True, cache=True, inline="always")
def _leaf(x_row, feature, threshold, missing_left, left, right, is_leaf, node):
    """The leaf a row reaches from `node`, as scikit-learn's predictor walks it."""
    while not is_leaf[node]:
        value = x_row[feature[node]]
        if np.isnan(value):
            node = left[node] if missing_left[node] else right[node]
        elif value <= threshold[node]:
            node = left[node]
        else:
            node = right[node]
    return node


@numba.njit(nogil=True, cache=True)
def _leaves_kernel(x, feature, threshold, missing_left, left, right, is_leaf, roots, out):
    for row in range(x.shape[0]):
        for tree in range(roots.shape[0]):
            out[row, tree] = _leaf(
                x[row], feature, threshold, missing_left, left, right, is_leaf, roots[tree]
            )


@numba.njit(nogil=True, cache=True)
def _path_kernel(leaves, starts, columns, moves, out):
    for row in range(leaves.shape[0]):
        for tree in range(leaves.shape[1]):
            leaf = leaves[row, tree]
            for entry in range(starts[leaf], starts[leaf + 1]):
                out[row, columns[entry]] += moves[entry]
