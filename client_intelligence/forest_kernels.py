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


@numba.njit(nogil=True, cache=True)
def _raw_kernel(leaves, value, start, out):
    for row in range(leaves.shape[0]):
        total = start
        for tree in range(leaves.shape[1]):
            total += value[leaves[row, tree]]
        out[row] = total


@numba.njit(nogil=True, cache=True)
def _strongest_kernel(values, count, top, pushed):
    """Per row the `count` columns of largest |value| in descending order, ties to the lower
    column; -1 (and 0) past the row's last non-zero value."""
    for row in range(values.shape[0]):
        for slot in range(count):
            top[row, slot] = -1
            pushed[row, slot] = 0
        filled = 0
        for column in range(values.shape[1]):
            value = values[row, column]
            magnitude = abs(value)
            if magnitude == 0:
                continue
            slot = filled
            while slot > 0 and abs(pushed[row, slot - 1]) < magnitude:
                slot -= 1
            if slot >= count:
                continue
            last = min(filled, count - 1)
            for move in range(last, slot, -1):
                top[row, move] = top[row, move - 1]
                pushed[row, move] = pushed[row, move - 1]
            top[row, slot] = column
            pushed[row, slot] = value
            if filled < count:
                filled += 1


@numba.njit(nogil=True, cache=True)
def _group_sums_kernel(values, weights, groups, out):
    for row in range(values.shape[0]):
        for group in range(out.shape[1]):
            out[row, group] = 0.0
        for column in range(values.shape[1]):
            out[row, groups[column]] += values[row, column] * weights[column]
