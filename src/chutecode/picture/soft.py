"""The most likely valid reading of a ring from the probability of every gore being 1.

A picture gives, for each gore, how likely it is to be coloured (``1``); hidden, cut or smudged
gores sit near one half. The ring code is redundant (SPEC sections 1-4): spacer bits are zeros,
a terminator and fill have fixed patterns, a symbol is a letter (1-26), a printable ASCII
character or a UTF-8 byte, and the place ring holds degrees, minutes and seconds in fixed
ranges and a hemisphere letter. Among the bit strings that are valid readings of a ring, this
module finds the one of highest likelihood, and says for every symbol how sure it is: the
posterior probability of its value against the other values valid at that place. Where the
gores barely tell the letters of a word apart (a hidden bit, a faint photo), the reading that
makes an English word is preferred (:data:`WORD_MARGIN`); the letters stay unsure.

Everything here works in log-likelihoods: for gore ``j``, ``log P(picture | bit)``.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["SymbolSet", "RingChoice", "Option", "symbol_sets", "ring_options", "finish", "PLACE_RANGES"]

#: Allowed values of the eight place symbols, in order (degrees, minutes, seconds, hemisphere).
PLACE_RANGES = ((0, 90), (0, 59), (0, 59), None, (0, 180), (0, 59), (0, 59), None)

_LETTERS_N_S = (14, 19)
_LETTERS_E_W = (5, 23)


@dataclass(frozen=True)
class SymbolSet:
    """The values a codec allows a symbol to take, and its group shape.

    Attributes:
        name: the codec hypothesis (``letters``, ``ascii``, ``utf8``).
        spacer: spacer bits.
        data: data bits.
        allowed: boolean mask over the ``2 ** data`` values for message symbols.
        hemispheres: the values of N and S, and of E and W.
    """

    name: str
    spacer: int
    data: int
    allowed: np.ndarray
    hemispheres: tuple[tuple[int, int], tuple[int, int]]

    def place_masks(self, data: int) -> tuple[np.ndarray, ...]:
        """Allowed values of each of the eight place symbols with ``data`` data bits."""
        return _place_masks(1 << data, *self.hemispheres)


@functools.lru_cache(maxsize=64)
def _place_table(size: int, north_south: tuple[int, int], east_west: tuple[int, int]) -> np.ndarray:
    return np.stack(_place_masks(size, north_south, east_west))


@functools.lru_cache(maxsize=256)
def _mask_cached(size: int, values: tuple[int, ...]) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[[v for v in values if 0 <= v < size]] = True
    mask.flags.writeable = False
    return mask


def _mask(size: int, values: range | list[int] | tuple[int, ...]) -> np.ndarray:
    return _mask_cached(size, tuple(values))


def _place_masks(
    size: int, north_south: tuple[int, int], east_west: tuple[int, int]
) -> tuple[np.ndarray, ...]:
    masks = []
    for limits in PLACE_RANGES:
        masks.append(_mask(size, range(limits[0], limits[1] + 1)) if limits else None)
    masks[3] = _mask(size, north_south)
    masks[7] = _mask(size, east_west)
    return tuple(masks)  # type: ignore[arg-type]


def symbol_sets(group: int, codec: str | None, spacer: int | None) -> list[SymbolSet]:
    """The codec hypotheses to read with, most common first (letters, ascii, utf8)."""
    out = []
    for name in ("letters", "ascii", "utf8"):
        if codec is not None and codec != name:
            continue
        default = 2 if name == "utf8" else 3
        sp = (
            spacer
            if spacer is not None
            else (default if group == 10 else max(1, group - (8 if name == "utf8" else 7)))
        )
        data = group - sp
        if data < (8 if name == "utf8" else 7) or sp < 1:
            continue
        size = 1 << data
        if name == "letters":
            allowed = _mask(size, range(0, 27))
            hemispheres = (_LETTERS_N_S, _LETTERS_E_W)
        elif name == "ascii":
            allowed = _mask(size, range(32, 127))
            hemispheres = ((ord("N"), ord("S")), (ord("E"), ord("W")))
        else:
            bad = set(range(0, 32)) | {127, 0xC0, 0xC1} | set(range(0xF5, 0x100))
            allowed = _mask(size, [v for v in range(size) if v not in bad])
            hemispheres = ((ord("N"), ord("S")), (ord("E"), ord("W")))
        out.append(SymbolSet(name, sp, data, allowed, hemispheres))
    return out


@dataclass(frozen=True)
class RingChoice:
    """The best valid reading found for one ring.

    Attributes:
        bits: the bit string, in the order the gores were given.
        loglik: its log-likelihood.
        kind: ``line``, ``full``, ``place`` or ``padding``.
        spacer: spacer bits of its groups (the place ring may be one narrower).
        symbol_groups: index of the first gore of every symbol, in reading order.
        symbols: the values.
        confidence: per symbol, the posterior probability of its value.
        runner_up: per symbol, the next likeliest value.
    """

    bits: str
    loglik: float
    kind: str
    spacer: int
    symbol_groups: tuple[int, ...]
    symbols: tuple[int, ...]
    confidence: tuple[float, ...]
    runner_up: tuple[int, ...]


def _value_bits(data: int) -> np.ndarray:
    values = np.arange(1 << data)
    return ((values[:, None] >> np.arange(data - 1, -1, -1)[None, :]) & 1).astype(np.float64)


def _logsumexp(values: np.ndarray, axis: int) -> np.ndarray:
    top = np.max(values, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    return np.squeeze(top, axis=axis) + np.log(np.sum(np.exp(values - top), axis=axis))


class _Groups:
    """Log-likelihoods of every group pattern of one ring at one group phase."""

    def __init__(self, l0: np.ndarray, l1: np.ndarray, phase: int, group: int, spacer: int) -> None:
        gores = l0.size
        order = (phase + np.arange(gores)) % gores
        self.order = order
        count = gores // group
        a0 = l0[order].reshape(count, group)
        a1 = l1[order].reshape(count, group)
        self.count = count
        self.spacer = spacer
        self.fill = a1.sum(axis=1)
        base = a0[:, :spacer].sum(axis=1)
        self.terminator = base + a1[:, spacer:].sum(axis=1)
        table = _value_bits(group - spacer)  # (values, data)
        self.values = (
            base[:, None]
            + a0[:, spacer:].sum(axis=1)[:, None]
            + ((a1[:, spacer:] - a0[:, spacer:]) @ table.T)
        )  # (count, values)

    def symbol(self, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Best allowed value per group, its log-likelihood, and the log of the summed likelihood."""
        masked = np.where(mask[None, :], self.values, -np.inf)
        best = np.argmax(masked, axis=1)
        return best, masked[np.arange(self.count), best], _logsumexp(masked, axis=1)


def _confidences(
    groups: _Groups, indices: list[int], masks: list[np.ndarray], values: list[int]
) -> tuple[tuple[float, ...], tuple[int, ...]]:
    conf, runner = [], []
    for index, mask, value in zip(indices, masks, values, strict=True):
        row = np.where(mask, groups.values[index], -np.inf)
        total = _logsumexp(row[None, :], axis=1)[0]
        conf.append(float(math.exp(row[value] - total)))
        others = row.copy()
        others[value] = -np.inf
        runner.append(int(np.argmax(others)) if np.isfinite(others).any() else value)
    return tuple(conf), tuple(runner)


def _bits_of(groups: _Groups, gores: int, group: int, pattern: list[tuple[str, int]]) -> str:
    """Bit string (in input order) of a ring whose groups, from the phase on, are ``pattern``."""
    out = ["0"] * gores
    data = group - groups.spacer
    for index, (kind, value) in enumerate(pattern):
        if kind == "F":
            chunk = "1" * group
        elif kind == "T":
            chunk = "0" * groups.spacer + "1" * data
        else:
            chunk = "0" * groups.spacer + format(value, f"0{data}b")
        for offset, bit in enumerate(chunk):
            out[int(groups.order[index * group + offset])] = bit
    return "".join(out)


def _line_best(groups: _Groups, best_ll: np.ndarray) -> tuple[float, int, int]:
    """``(loglik, terminator group, symbols)`` of the best line reading (symbols, terminator, fill)."""
    count = groups.count
    cum_s = np.concatenate([[0.0], np.cumsum(np.concatenate([best_ll, best_ll]))])
    cum_f = np.concatenate([[0.0], np.cumsum(np.concatenate([groups.fill, groups.fill, groups.fill]))])
    t = np.arange(count)[:, None]
    n = np.arange(1, count)[None, :]
    symbols = cum_s[t + count] - cum_s[t + count - n]
    fills = cum_f[t + count + 1 + (count - n - 1)] - cum_f[t + count + 1]
    total = symbols + groups.terminator[:, None] + fills
    if not np.isfinite(total).any():
        return -math.inf, 0, 1
    at = int(np.argmax(total))
    return float(total.flat[at]), at // (count - 1), at % (count - 1) + 1


def _place_best(groups: _Groups, masks: tuple[np.ndarray, ...]) -> tuple[float, int]:
    """``(loglik, first group)`` of the best place reading (eight symbols, then terminator and fill)."""
    count = groups.count
    if count < 8:
        return -math.inf, 0
    per = np.stack(
        [np.max(np.where(m[None, :], groups.values, -np.inf), axis=1) for m in masks]
    )  # (8, count)
    starts = np.arange(count)
    total = np.zeros(count)
    for k in range(8):
        total += per[k, (starts + k) % count]
    if count > 8:
        total += groups.terminator[(starts + 8) % count]
        for k in range(9, count):
            total += groups.fill[(starts + k) % count]
    at = int(np.argmax(total))
    return float(total[at]), at


@dataclass(frozen=True)
class Option:
    """The best reading of a ring at one group phase, before its bits are written out."""

    loglik: float
    phase: int
    kind: str
    spacer: int
    start: int = 0  # line: the terminator group; place: the first group
    length: int = 0  # line: symbols


def _all_phases(
    l0: np.ndarray, l1: np.ndarray, group: int, spacer: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fill, terminator and value log-likelihoods of every group at every phase:
    shapes ``(phases, count)``, ``(phases, count)`` and ``(phases, count, values)``."""
    gores = l0.size
    count = gores // group
    order = (np.arange(group)[:, None] + np.arange(gores)[None, :]) % gores
    a0 = l0[order].reshape(group, count, group)
    a1 = l1[order].reshape(group, count, group)
    fill = a1.sum(axis=2)
    base = a0[:, :, :spacer].sum(axis=2)
    terminator = base + a1[:, :, spacer:].sum(axis=2)
    table = _value_bits(group - spacer)
    values = (base + a0[:, :, spacer:].sum(axis=2))[..., None] + (
        a1[:, :, spacer:] - a0[:, :, spacer:]
    ) @ table.T
    return fill, terminator, values


def _lines_all(
    fill: np.ndarray, terminator: np.ndarray, best_ll: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Best line reading at every phase: log-likelihood, terminator group and symbol count."""
    phases, count = fill.shape
    zero = np.zeros((phases, 1))
    cum_s = np.concatenate([zero, np.cumsum(np.concatenate([best_ll, best_ll], axis=1), axis=1)], axis=1)
    cum_f = np.concatenate([zero, np.cumsum(np.concatenate([fill, fill, fill], axis=1), axis=1)], axis=1)
    t = np.arange(count)[:, None]
    n = np.arange(1, count)[None, :]
    symbols = cum_s[:, t + count] - cum_s[:, t + count - n]
    fills = cum_f[:, t + count + 1 + (count - n - 1)] - cum_f[:, t + count + 1]
    total = (symbols + terminator[:, :, None] + fills).reshape(phases, -1)
    at = np.argmax(total, axis=1)
    return total[np.arange(phases), at], at // (count - 1), at % (count - 1) + 1


def _places_all(
    fill: np.ndarray, terminator: np.ndarray, values: np.ndarray, masks: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Best place reading at every phase: log-likelihood and first group."""
    phases, count = fill.shape
    if count < 8:
        return np.full(phases, -np.inf), np.zeros(phases, dtype=np.intp)
    per = np.max(
        np.where(masks[None, :, None, :], values[:, None, :, :], -np.inf), axis=3
    )  # (phases, 8, count)
    starts = np.arange(count)
    total = np.zeros((phases, count))
    for k in range(8):
        total += per[:, k, (starts + k) % count]
    if count > 8:
        total += terminator[:, (starts + 8) % count]
        for k in range(9, count):
            total += fill[:, (starts + k) % count]
    at = np.argmax(total, axis=1)
    return total[np.arange(phases), at], at


def ring_options(
    l0: np.ndarray, l1: np.ndarray, group: int, symbols: SymbolSet, *, place: bool
) -> list[Option]:
    """The best valid reading of one ring at every group phase (the gore where a group begins).

    Args:
        l0, l1: per gore, the log-likelihood of the picture if the gore is 0 or 1.
        group: gores in a group.
        symbols: the codec hypothesis.
        place: also consider a place reading (the outermost ring).
    """
    fill, terminator, values = _all_phases(l0, l1, group, symbols.spacer)
    best_ll = np.max(np.where(symbols.allowed[None, None, :], values, -np.inf), axis=2)
    kinds: list[tuple[str, Any, int, Any, Any]] = [
        ("padding", fill.sum(axis=1), symbols.spacer, None, None),
        ("full", best_ll.sum(axis=1), symbols.spacer, None, None),
    ]
    if fill.shape[1] >= 2:
        line_ll, line_t, line_n = _lines_all(fill, terminator, best_ll)
        kinds.append(("line", line_ll, symbols.spacer, line_t, line_n))
    if place:
        for sp in (symbols.spacer, symbols.spacer - 1) if symbols.spacer > 1 else (symbols.spacer,):
            if sp == symbols.spacer:
                parts = (fill, terminator, values)
            else:
                parts = _all_phases(l0, l1, group, sp)
            masks = _place_table(1 << (group - sp), *symbols.hemispheres)
            ll, start = _places_all(*parts, masks)
            kinds.append(("place", ll, sp, start, None))
    out = []
    for phase in range(group):
        best = max(kinds, key=lambda k: float(k[1][phase]))
        kind, ll, sp, start, length = best
        out.append(
            Option(
                float(ll[phase]),
                phase,
                kind,
                sp,
                0 if start is None else int(start[phase]),
                0 if length is None else int(length[phase]),
            )
        )
    return out


#: How often each letter is used in English text, per thousand letters (A to Z).
_LETTER_USE = (
    82,
    15,
    28,
    43,
    127,
    22,
    20,
    61,
    70,
    2,
    8,
    40,
    24,
    67,
    75,
    19,
    1,
    60,
    63,
    91,
    28,
    10,
    24,
    2,
    20,
    1,
)

#: Weight of the letter prior: far below what one clear gore says, so it only breaks ties.
_PRIOR_WEIGHT = 1e-3

#: Symbols less sure than this (their posterior probability) are unsure.
UNSURE = 0.9

#: How much likelier (as a log-likelihood, e**3 = 20 times) the gores must make a reading of a word
#: that is no English word than one that is, for the first to be read.
WORD_MARGIN = 3.0

#: Letters of a word that are unsure, at most, for its readings to be weighed as words; and the
#: likeliest letters tried at each.
_WORD_UNSURE, _WORD_TRIES = 3, 3


@functools.lru_cache(maxsize=32)
def _letter_prior_cached(name: str, size: int) -> np.ndarray | None:
    prior = np.zeros(size)
    use = np.log(np.asarray(_LETTER_USE, dtype=np.float64) / 1000.0)
    if name == "letters" and size > 26:
        prior[1:27] = use
    elif name in ("ascii", "utf8") and size > ord("z"):
        prior[ord("A") : ord("Z") + 1] = use
        prior[ord("a") : ord("z") + 1] = use
    else:
        return None
    prior = _PRIOR_WEIGHT * (prior - prior.max())
    prior.flags.writeable = False
    return prior


def _letter_prior(symbols: SymbolSet, data: int) -> np.ndarray | None:
    """A tiny log prior over the values of a message symbol: commoner letters a little likelier."""
    return _letter_prior_cached(symbols.name, 1 << data)


def finish(l0: np.ndarray, l1: np.ndarray, group: int, symbols: SymbolSet, option: Option) -> RingChoice:
    """The bits, symbols and confidences of a reading chosen by :func:`ring_options`."""
    gores = l0.size
    groups = _Groups(l0, l1, option.phase, group, option.spacer)
    count = groups.count
    pattern: list[tuple[str, int]] = [("F", 0)] * count
    if option.kind == "padding":
        return RingChoice("1" * gores, option.loglik, "padding", option.spacer, (), (), (), ())
    if option.kind == "place":
        masks = list(symbols.place_masks(group - option.spacer))
        firsts = [(option.start + k) % count for k in range(8)]
        if count > 8:
            pattern[(option.start + 8) % count] = ("T", 0)
    else:
        if option.kind == "full":
            firsts = list(range(count))
        else:
            firsts = [(option.start - option.length + k) % count for k in range(option.length)]
            pattern[option.start] = ("T", 0)
        masks = [symbols.allowed] * len(firsts)
    # Where the gores cannot tell two values apart (a hidden bit), the commoner letter is read;
    # the symbol stays unsure, with the other value as the one it could be.
    tie_break = _letter_prior(symbols, group - option.spacer) if option.kind != "place" else None
    values = [
        int(np.argmax(np.where(m, groups.values[i] + (0.0 if tie_break is None else tie_break), -np.inf)))
        for m, i in zip(masks, firsts, strict=True)
    ]
    conf, runner = _confidences(groups, firsts, masks, values)
    if symbols.name == "letters" and option.kind != "place":
        words = _as_words(groups, firsts, masks, values, conf, tie_break)
        if words != values:
            values = words
            conf, runner = _confidences(groups, firsts, masks, values)
    for i, v in zip(firsts, values, strict=True):
        pattern[i] = ("S", v)
    return RingChoice(
        _bits_of(groups, gores, group, pattern),
        option.loglik,
        option.kind,
        option.spacer,
        tuple(int(groups.order[i * group]) for i in firsts),
        tuple(values),
        conf,
        runner,
    )


def _as_words(
    groups: _Groups,
    firsts: list[int],
    masks: list[np.ndarray],
    values: list[int],
    conf: tuple[float, ...],
    prior: np.ndarray | None,
) -> list[int]:
    """The letters of a ring, each word with unsure letters read as an English word where the
    gores make that reading at most :data:`WORD_MARGIN` less likely than the likeliest one.

    A word is a run of letters (1-26) between spaces (0) or the ring's ends. Its unsure letters
    (at most :data:`_WORD_UNSURE`) are each tried as their :data:`_WORD_TRIES` likeliest letters;
    a word that is an English word already is kept. The symbols stay unsure, with the likeliest
    other letter as the one they could be. ``conf`` is every symbol's confidence as read.
    """
    out = list(values)
    start = 0
    while start < len(out):
        if out[start] == 0:
            start += 1
            continue
        end = start
        while end < len(out) and out[end] != 0:
            end += 1
        unsure = [k for k in range(start, end) if conf[k] < UNSURE]
        if unsure and len(unsure) <= _WORD_UNSURE and not _is_english(out[start:end]):
            out[start:end] = _likeliest_word(groups, firsts, masks, out, start, end, unsure, prior)
        start = end
    return out


def _likeliest_word(
    groups: _Groups,
    firsts: list[int],
    masks: list[np.ndarray],
    values: list[int],
    start: int,
    end: int,
    unsure: list[int],
    prior: np.ndarray | None,
) -> list[int]:
    """The letters ``values[start:end]`` with the unsure ones chosen to make the likeliest reading,
    an English word counting :data:`WORD_MARGIN` more."""
    options = []
    for k in unsure:
        scores = np.where(masks[k], groups.values[firsts[k]] + (0.0 if prior is None else prior), -np.inf)
        scores[0] = -np.inf  # a letter stays a letter: spaces are not moved
        best = np.argsort(scores)[::-1][:_WORD_TRIES]
        options.append([(int(v), float(scores[v])) for v in best if np.isfinite(scores[v])])
    word = list(values[start:end])
    best_word, best_score = word, -math.inf
    for combo in itertools.product(*options):
        for k, (value, _) in zip(unsure, combo, strict=True):
            word[k - start] = value
        score = sum(ll for _, ll in combo) - (0.0 if _is_english(word) else WORD_MARGIN)
        if score > best_score:
            best_word, best_score = list(word), score
    return best_word


def _is_english(values: list[int]) -> bool:
    """Whether letter values (1-26) spell an English word."""
    from chutecode.picture.dictionary import is_word  # the list loads on the first unsure letter

    return is_word(_letters(values))


def _letters(values: list[int]) -> str:
    """Letter values (1-26) as capitals."""
    return "".join(chr(64 + v) for v in values)
