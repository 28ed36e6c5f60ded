"""The few features that pushed a client's score most, in words an advisor reads at a glance.

E.g. "+2 complaint mentions in the last 90 days; -210 days since the last purchase; +4,200 EUR
spent in the last 365 days": the sign is the direction the feature pushes the score (+ towards a
purchase in `top_drivers`, towards churn in `churn_drivers`), then the client's own value and
what it counts; drivers are separated by "; " (a phrase may hold a comma). The pushes come from
the predictor that produced the score (client_intelligence.contributions); this module only
picks the strongest and phrases them.

Phrases come from a small table of feature families (mentions per concept bucket and their
`recent_` forms, days since something, euros, purchase counts, budgets, the BG/NBD features),
with a generic fallback that still reads ("+3 <feature in words>"), so a feature added in SQL
gets a sensible text before anyone writes a phrase for it.

Column-wise at any size: the strongest drivers are picked with NumPy, each distinct (feature,
direction, displayed value) is phrased once, and the texts are assembled by Arrow.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from client_intelligence.contributions import BASELINE_DRIVER, UnsupportedPredictorError, explain
from client_intelligence.forests import NUMPY_MAX_ROWS
from client_intelligence.purchase_history import (
    AVERAGE_SPEND,
    BASELINE_CLV,
    CHURN_PROBABILITY,
    P_ALIVE,
    PURCHASE_PROBABILITY,
    expected_purchases_column,
)

DRIVER_COUNT = 3
SEPARATOR = "; "
DEFAULT_RECENT_WINDOW_DAYS = 90  # dbt var recent_window_days
DEFAULT_HORIZONS = {"purchase": 90, "churn": 180, "clv": 365}
BASELINE_TEXT = "purchase history (BG/NBD)"

# How a value is shown: counts and days as integers, euros to two significant digits above 100,
# shares as percentages, expected purchases to one decimal, a change as up / down a percentage.
COUNT, DAYS, EUR, PERCENT, DECIMAL, CHANGE, NUMBER = (
    "count",
    "days",
    "eur",
    "percent",
    "decimal",
    "change",
    "number",
)

LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "pt": "Portuguese",
    "ru": "Russian",
    "zh": "Chinese",
}


@dataclass(frozen=True)
class Phrase:
    """How one feature reads: `template` holds {v} (the shown value) and {s} (plural "s");
    `missing` is the text for a client without a value, `zero` for a count or a sum of 0 ("no
    complaint mentions ...", which reads better than "-0 complaint mentions ..."; by default
    the template with "no")."""

    template: str
    unit: str
    missing: str
    zero: str | None = None

    def render(self, value: float) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return self.missing
        if value == 0 and self.unit in (COUNT, EUR):
            return self.zero or self.template.format(v="no", s="s")
        return self.template.format(v=format_value(self.unit, value), s="" if value == 1 else "s")


def display_value(unit: str, values: np.ndarray) -> np.ndarray:
    """The value as it will be shown, rounded (NaN stays NaN), so that equal texts share a key."""
    values = np.asarray(values, dtype=np.float64)
    if unit in (COUNT, DAYS):
        return np.rint(values)
    if unit in (PERCENT, CHANGE):
        return np.rint(values * 100)
    if unit == DECIMAL:
        return np.round(values, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        magnitude = np.floor(np.log10(np.abs(values)))
    if unit == EUR:  # 4,213 -> 4,200; 57.4 -> 57
        scale = np.where(np.abs(values) >= 100, 10.0 ** (magnitude - 1), 1.0)
    else:  # two significant digits
        scale = np.where(np.isfinite(magnitude) & (values != 0), 10.0 ** (magnitude - 1), 1.0)
    return np.rint(values / scale) * scale


def format_value(unit: str, value: float) -> str:
    """A displayed value (display_value's output) as text."""
    if unit in (COUNT, DAYS, EUR):
        return f"{value:,.0f}"
    if unit == PERCENT:
        return f"{value:.0f}%"
    if unit == DECIMAL:
        return f"{value:.1f}"
    if unit == CHANGE:
        return "flat" if value == 0 else f"{'up' if value > 0 else 'down'} {abs(value):.0f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"


def words(name: str) -> str:
    """A column name as words: "next_action" -> "next action", "spend_last_365d_eur" ->
    "spend last 365d"."""
    name = re.sub(r"_eur$", "", name)
    return name.replace("_", " ").strip()


def _first_lower(label: str) -> str:
    """ "Gift for partner" -> "gift for partner", but "DIY" stays."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


@dataclass(frozen=True)
class Phrasebook:
    """The phrase of every feature: the family table, the windows it names, the concept labels.

    `recent_window_days` is the dbt var the `recent_` features count over; `horizons` the label
    horizons the BG/NBD features look ahead; `concept_labels` (seeds/concepts.csv) names the
    per-concept counts `concept_<concept_id>_mentions`.
    """

    recent_window_days: int = DEFAULT_RECENT_WINDOW_DAYS
    horizons: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_HORIZONS))
    concept_labels: Mapping[str, str] = field(default_factory=dict)
    named: Mapping[str, Phrase] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "named", self._named())

    def phrase(self, feature: str) -> Phrase:
        """The phrase of a numeric feature: the named ones first, then the families, then a
        generic one built from the name."""
        return self.named.get(feature) or self._family(feature)

    def categorical(self, feature: str, value: object) -> str:
        """The text of a categorical feature's value, e.g. "writes in French"."""
        if feature == "primary_language":
            code = str(value) if value is not None else ""
            if code in ("", "unknown", "nan", "None"):
                return "no note language on record"
            return f"writes in {LANGUAGE_NAMES.get(code, code)}"
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return f"no {words(feature)} on record"
        return f"{words(feature)}: {value}"

    def baseline(self, target: str, p_alive: float, expected: float | None) -> str:
        """What BG/NBD's score rests on: P(alive) and the purchases it expects in the target's
        horizon. For churn the horizon is named: a client can be surely alive (P(alive) 100%)
        and still likely to go the churn horizon without buying, if they buy rarely."""
        alive = "P(alive) unknown" if math.isnan(p_alive) else f"P(alive) {p_alive:.0f}%"
        if expected is None or math.isnan(expected):
            return f"{BASELINE_TEXT}: {alive}"
        if target == "churn":
            days = self.horizons.get("churn", DEFAULT_HORIZONS["churn"])
            return f"{BASELINE_TEXT}: {alive}, {expected:.1f} expected purchases in {days} days"
        return f"{BASELINE_TEXT}: {alive}, {expected:.1f} expected purchases"

    def _named(self) -> dict[str, Phrase]:
        recent = f"in the last {self.recent_window_days} days"
        horizon = self.horizons
        no_purchase = "no purchase yet"
        table = {
            "note_count": Phrase("{v} advisor note{s}", COUNT, "no notes yet"),
            "recent_note_count": Phrase(f"{{v}} advisor note{{s}} {recent}", COUNT, "no notes"),
            "language_count": Phrase("{v} language{s} in the notes", COUNT, "no notes yet"),
            "days_since_last_note": Phrase("{v} day{s} since the last note", DAYS, "no notes yet"),
            "concept_mentions": Phrase("{v} concept mention{s} in all notes", COUNT, "no notes"),
            "distinct_concepts": Phrase("{v} distinct concept{s} mentioned", COUNT, "no notes"),
            "budget_min_eur": Phrase("{v} EUR budget (low end)", EUR, "no budget stated"),
            "budget_max_eur": Phrase("{v} EUR budget (high end)", EUR, "no budget stated"),
            "purchase_count": Phrase("{v} purchase{s}", COUNT, no_purchase),
            "recent_purchase_count": Phrase(f"{{v}} purchase{{s}} {recent}", COUNT, no_purchase),
            "monetary_total_eur": Phrase("{v} EUR spent in all", EUR, no_purchase, "nothing spent"),
            "monetary_avg_eur": Phrase("{v} EUR per purchase on average", EUR, no_purchase),
            "spend_last_365d_eur": Phrase(
                "{v} EUR spent in the last 365 days",
                EUR,
                "nothing spent in the last 365 days",
                "nothing spent in the last 365 days",
            ),
            "recency_days": Phrase("{v} day{s} since the last purchase", DAYS, no_purchase),
            "repeat_purchase_days": Phrase(
                "{v} purchase day{s} after the first", COUNT, no_purchase
            ),
            "purchase_span_days": Phrase(
                "{v} day{s} between the first and last purchase", DAYS, no_purchase
            ),
            "customer_age_days": Phrase("{v} day{s} since the first purchase", DAYS, no_purchase),
            "purchase_weighted_recency_days": Phrase(
                "{v} day{s} since the purchases, on average", DAYS, no_purchase
            ),
            "mean_purchase_gap_days": Phrase(
                "{v} day{s} between purchases on average", DAYS, "fewer than two purchase days"
            ),
            "last_purchase_gap_days": Phrase(
                "{v} day{s} between the last two purchases", DAYS, "fewer than two purchase days"
            ),
            "spend_trend": Phrase(
                "spend {v} (last 180 days against the 180 before)",
                CHANGE,
                "no spend in the last 365 days",
            ),
            "spend_share_last_90d": Phrase(
                "{v} of the last 365 days' spend made in the last 90 days",
                PERCENT,
                "no spend in the last 365 days",
            ),
            "tenure_days": Phrase("{v} day{s} as a client", DAYS, "no history yet"),
            P_ALIVE: Phrase("{v} chance still active (BG/NBD P(alive))", PERCENT, no_purchase),
            AVERAGE_SPEND: Phrase(
                "{v} EUR expected per purchase (Gamma-Gamma)", EUR, "no purchase history"
            ),
            BASELINE_CLV: Phrase(
                f"{{v}} EUR expected spend in the next {horizon.get('clv', 365)} days "
                "(BG/NBD + Gamma-Gamma)",
                EUR,
                "no purchase history",
            ),
            PURCHASE_PROBABILITY: Phrase(
                f"{{v}} chance of a purchase in {horizon.get('purchase', 90)} days (BG/NBD)",
                PERCENT,
                "no purchase history",
            ),
            CHURN_PROBABILITY: Phrase(
                f"{{v}} chance of no purchase in {horizon.get('churn', 180)} days (BG/NBD)",
                PERCENT,
                "no purchase history",
            ),
        }
        for target, days in horizon.items():
            table[expected_purchases_column(target)] = Phrase(
                f"{{v}} expected purchase{{s}} in the next {days} days (BG/NBD)",
                DECIMAL,
                "no purchase history",
            )
        return table

    def _family(self, feature: str) -> Phrase:
        recent = f"in the last {self.recent_window_days} days"
        if match := re.fullmatch(r"(recent_)?concept_(.+)_mentions", feature):
            concept = match.group(2)
            label = _first_lower(self.concept_labels.get(concept, concept.replace("_", " ")))
            window = f" {recent}" if match.group(1) else ""
            return Phrase(f"{{v}} mention{{s}} of {label}{window}", COUNT, f"no mention of {label}")
        if match := re.fullmatch(r"(recent_)?(.+)_mentions", feature):
            bucket = words(match.group(2))
            window = recent if match.group(1) else "in all notes"
            return Phrase(f"{{v}} {bucket} mention{{s}} {window}", COUNT, f"no {bucket} mentions")
        if match := re.fullmatch(r"days_since_(last_|first_)?(.+)", feature):
            which = (match.group(1) or "").rstrip("_")
            thing = words(match.group(2))
            since = f"the {which} {thing}" if which else thing
            return Phrase(f"{{v}} day{{s}} since {since}", DAYS, f"no {thing} yet")
        if match := re.fullmatch(r"recent_(.+?)(_count)?", feature):
            return Phrase(f"{{v}} {words(match.group(1))} {recent}", COUNT, "none")
        if feature.endswith("_eur"):
            return Phrase(f"{{v}} EUR {words(feature)}", EUR, f"no {words(feature)} on record")
        if feature.endswith("_days"):
            return Phrase(
                f"{{v}} day{{s}} {words(feature[: -len('_days')])}",
                DAYS,
                f"no {words(feature)} on record",
            )
        if feature.endswith("_count"):
            return Phrase(f"{{v}} {words(feature[: -len('_count')])}", COUNT, "none on record")
        return Phrase(f"{{v}} {words(feature)}", NUMBER, f"no {words(feature)} on record")


@functools.cache
def project_phrasebook(horizons: tuple[tuple[str, int], ...] | None = None) -> Phrasebook:
    """The phrasebook of this dbt project: recent_window_days from dbt_project.yml and the
    concept labels of seeds/concepts.csv (each read once per process); defaults where the
    project files are not at hand, so scoring never fails for want of a phrase."""
    from client_intelligence.project import project_root, project_vars

    window, labels = DEFAULT_RECENT_WINDOW_DAYS, {}
    try:
        window = int(project_vars().get("recent_window_days", window))
        concepts = pd.read_csv(project_root() / "seeds" / "concepts.csv", dtype=str)
        labels = dict(zip(concepts["concept_id"], concepts["label"], strict=True))
    except (OSError, ValueError, KeyError):
        pass
    return Phrasebook(window, dict(horizons) if horizons else dict(DEFAULT_HORIZONS), labels)


# --- picking and phrasing ----------------------------------------------------------------------


def strongest(values: np.ndarray, count: int = DRIVER_COUNT) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the columns of the `count` largest |values|, strongest first (equal ones by
    column order), and their values; column -1 where a row has fewer non-zero values."""
    rows, columns = values.shape
    count = min(count, columns)
    if rows > NUMPY_MAX_ROWS and count:
        from client_intelligence.forest_kernels import _strongest_kernel

        top = np.empty((rows, count), dtype=np.intp)
        pushed = np.empty((rows, count), dtype=values.dtype)
        _strongest_kernel(np.ascontiguousarray(values), count, top, pushed)
        return top, pushed
    order = np.argsort(-np.abs(values), axis=1, kind="stable")[:, :count]
    pushed = np.take_along_axis(values, order, axis=1)
    return np.where(pushed != 0, order, -1), pushed


class _Texts:
    """Distinct driver texts, each phrased once; rows hold indices into them."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, keys: np.ndarray, phrase) -> np.ndarray:
        """Phrase each distinct key (rows of `keys`, an integer code per row) once; the rows'
        indices into self.texts."""
        codes, uniques = pd.factorize(keys)
        first = len(self.texts)
        self.texts.extend(phrase(int(key)) for key in uniques)
        return codes.astype(np.int64) + first


def driver_texts(
    names: tuple[str, ...],
    top: np.ndarray,
    pushed: np.ndarray,
    features: pd.DataFrame,
    phrasebook: Phrasebook,
    target: str,
) -> pa.Array:
    """ "+v phrase; -v phrase; ..." per row from the strongest drivers (strongest's output)."""
    rows, slots = top.shape
    texts = _Texts()
    columns = _Columns(features)
    # every slot at once, feature by feature: each feature's values are phrased in one pass
    flat_top, flat_negative = top.reshape(-1), pushed.reshape(-1) < 0
    codes = np.full(rows * slots, -1, dtype=np.int64)
    order = np.argsort(flat_top, kind="stable")
    present, starts = np.unique(flat_top[order], return_index=True)
    ends = np.append(starts[1:], len(order))
    for group, start, end in zip(present, starts, ends, strict=True):
        if group < 0:
            continue
        where = order[start:end]
        codes[where] = _phrase_rows(
            names[group], where // slots, flat_negative[where], columns, phrasebook, target, texts
        )
    slot_codes = [codes[slot::slots] for slot in range(slots)]
    dictionary = pa.array(texts.texts, type=pa.string())
    parts = [dictionary.take(pa.array(codes, mask=codes < 0)) for codes in slot_codes]
    if not parts:
        return pa.array([""] * rows, type=pa.string())
    # the first slot is empty only when all are; "" there keeps Arrow from dropping the row
    parts[0] = pc.fill_null(parts[0], "")
    if len(parts) == 1:
        return parts[0]
    return pc.binary_join_element_wise(*parts, SEPARATOR, null_handling="skip")


class _Columns:
    """The feature columns as NumPy arrays, each converted once for all driver slots."""

    def __init__(self, features: pd.DataFrame) -> None:
        self.features = features
        self.arrays: dict[str, np.ndarray] = {}

    def is_numeric(self, name: str) -> bool:
        column = self.features[name]
        return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self.arrays:
            column = self.features[name]
            self.arrays[name] = (
                column.to_numpy(dtype=np.float64, na_value=np.nan)
                if self.is_numeric(name)
                else column.to_numpy()
            )
        return self.arrays[name]


def _phrase_rows(
    name: str,
    rows: np.ndarray,
    negative: np.ndarray,
    columns: _Columns,
    phrasebook: Phrasebook,
    target: str,
    texts: _Texts,
) -> np.ndarray:
    """Text indices of `rows` driven by one feature: each distinct (direction, value) once."""
    sign = negative.astype(np.int64)
    if name == BASELINE_DRIVER:
        alive, expected = _baseline_values(columns.features, target, rows)
        key = (alive + 1) * 1_000_000 + (expected + 1)

        def phrase(code: int) -> str:
            key, negative = divmod(code, 2)
            alive, expected = divmod(key, 1_000_000)
            return ("-" if negative else "+") + phrasebook.baseline(
                target, _unkey(alive - 1), _unkey(expected - 1, 10)
            )

        return texts.add(key * 2 + sign, phrase)
    if not columns.is_numeric(name):
        codes, categories = pd.factorize(columns[name][rows], use_na_sentinel=True)
        categories = list(categories)

        def phrase(code: int) -> str:
            index, negative = divmod(code, 2)
            value = categories[index - 1] if index else None
            return ("-" if negative else "+") + phrasebook.categorical(name, value)

        return texts.add((codes.astype(np.int64) + 1) * 2 + sign, phrase)
    spec = phrasebook.phrase(name)
    shown = display_value(spec.unit, columns[name][rows])
    codes, values = pd.factorize(shown, use_na_sentinel=True)
    values = np.asarray(values, dtype=np.float64)

    def phrase(code: int) -> str:
        index, negative = divmod(code, 2)
        value = values[index - 1] if index else float("nan")
        return ("-" if negative else "+") + spec.render(float(value))

    return texts.add((codes.astype(np.int64) + 1) * 2 + sign, phrase)


def _baseline_values(
    features: pd.DataFrame, target: str, rows: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """P(alive) in whole percent and expected purchases in tenths as integers (-1: unknown)."""
    take = slice(None) if rows is None else rows
    horizon_column = expected_purchases_column(target)
    result = []
    for column, scale in ((P_ALIVE, 100), (horizon_column, 10)):
        if column in features.columns:
            values = features[column].to_numpy(dtype=np.float64, na_value=np.nan)[take]
            values = np.rint(values * scale)
            result.append(np.where(np.isnan(values), -1, values).astype(np.int64))
        else:
            size = len(features) if rows is None else len(rows)
            result.append(np.full(size, -1, dtype=np.int64))
    return result[0], result[1]


def _unkey(value: int, scale: int = 1) -> float:
    return float("nan") if value < 0 else value / scale


def baseline_texts(features: pd.DataFrame, phrasebook: Phrasebook, target: str) -> pa.Array:
    """A score BG/NBD produced alone rests on the purchase history, e.g. "purchase history
    (BG/NBD): P(alive) 62%, 0.4 expected purchases" (purchase) or "... P(alive) 38%, 0.2
    expected purchases in 180 days" (churn)."""
    if P_ALIVE not in features.columns:
        return pa.array([""] * len(features), type=pa.string())
    alive, expected = _baseline_values(features, target)
    texts = _Texts()
    codes = texts.add(
        (alive + 1) * 1_000_000 + (expected + 1),
        lambda key: phrasebook.baseline(
            target, _unkey(key // 1_000_000 - 1), _unkey(key % 1_000_000 - 1, 10)
        ),
    )
    return pa.array(texts.texts, type=pa.string()).take(pa.array(codes))


def score_drivers(
    estimator,
    features: pd.DataFrame,
    target: str,
    phrasebook: Phrasebook | None = None,
    null_rows: np.ndarray | None = None,
) -> pa.Array:
    """The drivers of one target's score for every row, from the predictor that produced it.

    `null_rows` (a boolean mask) marks rows whose score is null: their drivers are null too. A
    predictor of a shape contributions cannot take apart gets empty drivers, never another
    predictor's.
    """
    result = _texts(estimator, features, target, phrasebook or Phrasebook())
    if null_rows is not None and np.any(null_rows):
        result = pc.if_else(
            pa.array(np.asarray(null_rows, dtype=bool)), pa.scalar(None, pa.string()), result
        )
    return result


def _texts(estimator, features: pd.DataFrame, target: str, phrasebook: Phrasebook) -> pa.Array:
    try:
        explained = explain(estimator, features)
    except UnsupportedPredictorError:
        return pa.array([""] * len(features), type=pa.string())
    if explained is None:
        return baseline_texts(features, phrasebook, target)
    top, pushed = strongest(explained.values)
    return driver_texts(explained.names, top, pushed, features, phrasebook, target)
