"""Full names written without an honorific ("Appel de Claire Martin.", "Anna Petrova came in",
"王伟今天来店", "김민지 방문"), replaced by `[NAME]`.

The RE2 patterns of macros/redaction.sql find names after an honorific or a client word; these
need lists (given names, surnames), so they are code. Recall first, measured (docs/privacy.md):

- Latin and Cyrillic scripts: a run of capitalised (or all-capitals) words is a name from its
  first known given name on (`Claire Martin`, `CLAIRE MARTIN`, `Vu Claire Martin`), or from
  its start when a meeting or call phrase of the note's language stands before it ("call
  with", "Appel de", "Звонок от" ...) or when a visit verb follows it at the start of a
  sentence ("... came in", "... est passée"). After such a phrase a single known given name,
  or a lower-case known given name and the word after it, is taken too.
- Arabic: a known given name and the family name after it (ال..., بن/بنت ...).
- Chinese: a common surname and one or two characters before a visit or call word; Japanese:
  a kanji run before と打ち合わせ/面談/電話 or at the start before 来店; Korean: a common surname
  and one to three syllables before 방문/통화/상담 ..., or opening the note.
- Never redacted: a span that is, or holds, a lexicon alias (seeds/concept_aliases.csv: brands
  and products) or a known brand, place or calendar word.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from client_intelligence.redaction.name_lists import (
    ARABIC_GIVEN_NAMES,
    CHINESE_SURNAMES,
    GIVEN_NAMES,
    JAPANESE_NOT_NAMES,
    KOREAN_NOT_NAMES,
    KOREAN_SURNAMES,
    NOT_NAME_WORDS,
    PARTICLES,
    TRIGGER_PATTERN,
    TRIGGERS,
    VISIT_VERBS,
)
from client_intelligence.redaction.name_lists import fold as _fold

PLACEHOLDER = "[NAME]"

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?;:\n•\-–—(]\s*)$")


def _project_file(*parts: str) -> Path | None:
    try:
        from client_intelligence.project import project_root

        path = project_root().joinpath(*parts)
    except Exception:  # noqa: BLE001 - no project: the built-in lists still apply
        return None
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def lexicon_aliases() -> frozenset[str]:
    """Every alias of the concept lexicon (brands, products, materials), folded."""
    path = _project_file("seeds", "concept_aliases.csv")
    if path is None:
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        return frozenset(_fold(row["alias"]) for row in csv.DictReader(handle) if row["alias"])


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    path = _project_file("seeds", "language_function_words.csv")
    if path is None:
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        return frozenset(_fold(row["word"]) for row in csv.DictReader(handle))


def _is_capitalised(word: str) -> bool:
    return word[0].isupper()


_CYRILLIC_ENDINGS = ("ой", "ей", "ою", "ом", "ем", "ы", "и", "е", "у", "ю", "а", "я")


def is_given_name(word: str) -> bool:
    """A known given name, in any case; Russian names also in their inflected forms."""
    folded = _fold(word)
    if folded in GIVEN_NAMES:
        return True
    if "а" <= folded[:1] <= "я":
        for ending in _CYRILLIC_ENDINGS:
            if folded.endswith(ending) and len(folded) > len(ending) + 2:
                stem = folded[: -len(ending)]
                if stem in GIVEN_NAMES or any(stem + end in GIVEN_NAMES for end in "аяи"):
                    return True
    return False


def _is_protected(words: list[str]) -> bool:
    """True when the span is, or holds, a lexicon alias or a brand/place/calendar word."""
    aliases = lexicon_aliases()
    folded = [_fold(word) for word in words]
    if any(word in NOT_NAME_WORDS or word in aliases for word in folded):
        return True
    return any(
        f"{a} {b}" in aliases or f"{a} {b}" in NOT_NAME_WORDS
        for a, b in zip(folded, folded[1:], strict=False)
    )


def _trigger_before(text: str, start: int, language: str | None) -> bool:
    before = _fold(text[max(0, start - 40) : start])
    patterns = TRIGGERS.get(language or "", None) or TRIGGERS["*"]
    return patterns.search(before) is not None


def _verb_after(text: str, end: int, language: str | None) -> bool:
    after = _fold(text[end : end + 30])
    patterns = VISIT_VERBS.get(language or "", None) or VISIT_VERBS["*"]
    return patterns.match(after) is not None


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of capitalised words separated by single spaces (particles allowed inside)."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    previous_end = -1
    for match in _WORD.finditer(text):
        word = match[0]
        gap = text[previous_end : match.start()] if previous_end >= 0 else None
        joined = gap is not None and gap in (" ", "\u00a0")
        if _is_capitalised(word) or (current and joined and _fold(word) in PARTICLES):
            if current and not joined:
                runs.append(current)
                current = []
            current.append(match)
        else:
            if current:
                runs.append(current)
            current = []
        previous_end = match.end()
    if current:
        runs.append(current)
    # a run does not end on a particle
    trimmed = []
    for run in runs:
        while run and _fold(run[-1][0]) in PARTICLES and not _is_capitalised(run[-1][0]):
            run = run[:-1]
        if run:
            trimmed.append(run)
    return trimmed


def _run_span(text: str, run: list[re.Match[str]], language: str | None) -> tuple[int, int] | None:
    """The name in one run of capitalised words, if any: from the first known given name or
    the first word after a meeting phrase; else the whole run opening a sentence before a
    visit verb."""
    words = [match[0] for match in run]

    def name_from(index: int) -> list[str]:
        rest = words[index : index + 4]
        while rest and _fold(rest[-1]) in PARTICLES:
            rest = rest[:-1]
        return rest

    for index, match in enumerate(run):
        if _fold(match[0]) in PARTICLES:
            continue
        rest = name_from(index)
        given = is_given_name(match[0])
        triggered = _trigger_before(text, match.start(), language)
        single = given and triggered and len(rest) == 1 and len(match[0]) > 2
        if ((len(rest) >= 2 and (given or triggered)) or single) and not _is_protected(rest):
            return match.start(), run[index + len(rest) - 1].end()
    first = 0
    while first < len(run) - 1 and TRIGGER_PATTERN.search(_fold(words[first]) + " "):
        first += 1
    rest = name_from(first)
    if (
        2 <= len(rest) <= 3
        and len(rest) == len(words) - first
        and _SENTENCE_START.search(text[: run[0].start()])
        and _verb_after(text, run[-1].end(), language)
        and not _is_protected(rest)
    ):
        return run[first].start(), run[-1].end()
    return None


def _latin_spans(text: str, language: str | None) -> list[tuple[int, int]]:
    spans = [span for run in _runs(text) if (span := _run_span(text, run, language))]
    return spans + _lower_case_spans(text, language)


def _lower_case_spans(text: str, language: str | None) -> list[tuple[int, int]]:
    """After a meeting phrase, a lower-case known given name and the word after it."""
    spans = []
    stop = function_words()
    words = list(_WORD.finditer(text))
    for index, match in enumerate(words):
        first = match[0]
        if not first.islower() or not is_given_name(first):
            continue
        if not _trigger_before(text, match.start(), language):
            continue
        end = match.end()
        following = words[index + 1] if index + 1 < len(words) else None
        if (
            following is not None
            and text[end : following.start()] == " "
            and following[0].islower()
            and len(following[0]) > 2
            and _fold(following[0]) not in stop
            and not _is_protected([following[0]])
        ):
            end = following.end()
        if not _is_protected([first]):
            spans.append((match.start(), end))
    return spans


_ARABIC_WORD = r"[\u0621-\u064A]+"
_ARABIC_NAME = re.compile(
    rf"(?<![\u0621-\u064A])({_ARABIC_WORD})"
    rf"((?:\s+(?:بن|بنت|ابن|أبو|ابو|آل)\s+{_ARABIC_WORD})*(?:\s+ال{_ARABIC_WORD})?)"
)


def _arabic_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _ARABIC_NAME.finditer(text):
        word, start = match[1], match.start(1)
        if word not in ARABIC_GIVEN_NAMES and word[:1] in "وبل" and word[1:] in ARABIC_GIVEN_NAMES:
            start += 1
        elif word not in ARABIC_GIVEN_NAMES:
            continue
        if match[2]:
            spans.append((start, match.end(2)))
    return spans


_HAN = "\u4e00-\u9fff"
_ZH_VERBS = (
    "来店|来访|到店|到访|光临|通话|电话|来电|致电|见面|面谈|今天|昨天|今日|上午|下午|早上|晚上|"
    "中午|周末|本周|上周|来了|打来|预约|约见|到场|试戴|试穿|说|表示|想|希望|要|询问|咨询|购买|买了|"
    "先生|女士|小姐|太太|夫人|和|与|跟|一起|的"
)
_ZH_SURNAME = "|".join(sorted(CHINESE_SURNAMES, key=len, reverse=True))
_ZH_NAME = re.compile(
    rf"(?<![{_HAN}])({_ZH_SURNAME})"
    rf"([{_HAN}]{{1,2}}?)(?=\s?(?:{_ZH_VERBS}))"
)
_ZH_AFTER = re.compile(
    rf"(?:与|和|跟|给|见了|接待了?|约了?|陪同)({_ZH_SURNAME})"
    rf"([{_HAN}]{{1,2}}?)(?=\s?(?:通话|见面|面谈|通电话|电话|聊|沟通|一起|吃饭|午餐|晚餐|[，。,.;；]))"
)


def _chinese_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in (_ZH_NAME, _ZH_AFTER):
        for match in pattern.finditer(text):
            name = match[1] + match[2]
            if name in JAPANESE_NOT_NAMES or _is_protected([name]):
                continue
            spans.append((match.start(1), match.end(2)))
    return spans


_KANJI = r"[\u4e00-\u9fff々]"
_JA_NAME = re.compile(
    rf"(?<!{_KANJI})({_KANJI}{{2,8}}[\u3041-\u3096]{{0,3}}?)"
    r"(?=\s?(?:と(?:の)?(?:お|ご)?(?:打ち合わせ|打合せ|面談|電話|通話|会食|食事|商談|相談)|"
    r"(?:が|は|より|から)?(?:ご|お)?(?:来店|来訪|来社|電話|連絡)|"
    r"、?(?:ご主人|ご家族|奥様|お嬢様|ご友人|お母様|ご一緒|ご夫婦)))"
)


def _japanese_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _JA_NAME.finditer(text):
        name = match[1]
        for prefix in JAPANESE_NOT_NAMES:
            if name.startswith(prefix):
                name = name[len(prefix) :]
                break
        start = match.end(1) - len(name)
        opening = match.start(1)
        at_start = _SENTENCE_START.search(text[:opening]) is not None or text[:opening].endswith(
            ("、", "。", "，", " ")
        )
        before_meeting = text[match.end(1) :].lstrip().startswith(("と", "、ご", "、お", "、奥"))
        if (
            not 2 <= len(name) <= 6
            or not re.match(_KANJI, name)
            or any(name.startswith(word) for word in JAPANESE_NOT_NAMES)
        ):
            continue
        honorific_prefix = text[:opening].endswith(("お", "ご"))  # お客様, ご主人: not names
        if not (at_start or before_meeting) or honorific_prefix or _is_protected([name]):
            continue
        spans.append((start, match.end(1)))
    return spans


_KO_SURNAME = "|".join(sorted(KOREAN_SURNAMES, key=len, reverse=True))
_KO_NAME = re.compile(
    rf"(?<![\uac00-\ud7a3])((?:{_KO_SURNAME})[\uac00-\ud7a3]{{1,3}}?)"
    r"(?=\s?(?:고객|님|씨|방문|내방|통화|상담|래방|"
    r"과 통화|와 통화|과 상담|와 상담|과 미팅|와 미팅)|"
    r"(?=[\s,.]|$))"
)


_KO_AFTER_OPENING = (
    r"(?:오전|오후|오늘|어제|저녁|점심|방문|내방|래방|통화|상담|전화|매장|고객|재방문|첫 방문|"
    r"님|씨|"
    r"남편|부인|아내|가족|따님|아드님|어머님|친구|지인|함께|혼자)"
)


def _korean_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _KO_NAME.finditer(text):
        name = match[1]
        after = text[match.end(1) :].lstrip()
        at_start = _SENTENCE_START.search(text[: match.start(1)]) is not None
        before_visit = re.match(
            r"(?:고객|님|씨|방문|내방|통화|상담|래방|[과와] (?:통화|상담|미팅))", after
        )
        if name in KOREAN_NOT_NAMES or len(name) > 4:
            continue
        # opening the note, a name is followed by a time or visit word ("한예린 오전 방문")
        if name.endswith(("에", "를", "을", "의", "로", "마다", "한", "된", "던")):
            continue
        opens_visit = at_start and len(name) >= 3 and re.match(_KO_AFTER_OPENING, after)
        if before_visit is None and not opens_visit:
            continue
        spans.append((match.start(1), match.end(1)))
    return spans


def find_names(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of every name found, merged and in text order."""
    spans: list[tuple[int, int]] = _latin_spans(text, language)
    if re.search(r"[\u0621-\u064A]", text):
        spans += _arabic_spans(text)
    if re.search(r"[\uac00-\ud7a3]", text):
        spans += _korean_spans(text)
    if re.search(r"[\u3041-\u30ff]", text) or language == "ja":
        spans += _japanese_spans(text)
    elif re.search(rf"[{_HAN}]", text):
        spans += _chinese_spans(text)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def redact_names(text: str | None, language: str | None = None) -> str | None:
    """`text` with the names written without an honorific replaced by `[NAME]`."""
    if text is None:
        return None
    spans = find_names(text, language)
    if not spans:
        return text
    parts, position = [], 0
    for start, end in spans:
        parts += [text[position:start], PLACEHOLDER]
        position = end
    parts.append(text[position:])
    return "".join(parts)
