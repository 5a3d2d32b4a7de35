"""Which two countries a border word speaks of, on a hand-made gazetteer (no index needed)."""
from __future__ import annotations

import random
import re
from bisect import bisect_left
import time

import pytest
from shapely.geometry import LineString, MultiLineString

from mapapp.mentions.recognize import Span
from mapapp.model import StoredGeometry
from mapapp.places.borders import border_places

NAMES = {"Russland": "RU", "Kasachstan": "KZ", "Ukraine": "UA", "Belarus": "BY", "China": "CN",
         "Frankreich": "FR", "Spanien": "ES", "Japan": "JP", "Mongolei": "MN"}
NEIGHBOURS = {("KZ", "RU"), ("RU", "UA"), ("BY", "RU"), ("BY", "UA"), ("CN", "KZ"), ("CN", "RU"),
              ("ES", "FR"), ("CN", "MN"), ("MN", "RU")}
BORDER = re.compile(r"\b(?:Grenze|Landgrenze)\b")


class FakeGazetteer:
    """The three questions border_places asks, answered from NEIGHBOURS."""

    def __init__(self, pairs=NEIGHBOURS):
        self.pairs = {tuple(sorted(p)) for p in pairs}

    def neighbours(self, code):
        return {b if a == code else a for a, b in self.pairs if code in (a, b)}

    def stored_border(self, a, b):
        x, y = sorted((a, b))
        if (x, y) not in self.pairs:
            return None
        return StoredGeometry(0.5, 0.5, MultiLineString([LineString([(0, 0), (1, 1)])]).wkb), 100.0

    def country(self, code):
        return type("Entry", (), {"name": code})()


def spans_of(text: str) -> tuple[list[Span], list[tuple[Span, str]]]:
    """Border words and country names of ``text``; passages are separated by blank lines."""
    breaks = [m.start() for m in re.finditer("\n\n", text)]

    def passage(pos):
        return bisect_left(breaks, pos)

    borders = [Span(m.start(), m.end(), m.group(), passage(m.start()), "border", m.group().lower())
               for m in BORDER.finditer(text)]
    names = re.compile(r"\b(?:" + "|".join(NAMES) + r")\b")
    countries = [(Span(m.start(), m.end(), m.group(), passage(m.start()), "toponym", m.group().lower()),
                  NAMES[m.group()]) for m in names.finditer(text)]
    return borders, countries


def pairs(text: str, gaz=None) -> list[tuple[str, str]]:
    borders, countries = spans_of(text)
    return [p.country_codes for p in border_places(borders, countries, text, gaz or FakeGazetteer())]


def test_grenze_zur_names_the_country_after_it_and_its_nearest_neighbour():
    text = "Belarus schaut zu. Russland verlegt Truppen an seiner Grenze zur Ukraine."
    assert pairs(text) == [("RU", "UA")]


def test_a_country_named_before_the_border_word_is_preferred_to_one_after():
    # Belarus and Russland both border the Ukraine; Belarus is nearer in characters but named after.
    text = "Russland verlegt Truppen an die Grenze zur Ukraine, Belarus auch."
    assert pairs(text) == [("RU", "UA")]


def test_grenze_zwischen_takes_the_first_country_as_target():
    assert pairs("Die Grenze zwischen Russland und Kasachstan ist lang.") == [("KZ", "RU")]


def test_two_countries_in_the_passage_give_their_border():
    assert pairs("Kasachstan und Russland teilen eine lange Landgrenze.") == [("KZ", "RU")]


def test_the_nearest_bordering_pair_wins():
    text = ("Frankreich und Spanien streiten über vieles, das hier lange erzählt wird. "
            "Russland und Kasachstan teilen eine Landgrenze.")
    assert pairs(text) == [("KZ", "RU")]
    text = ("Kasachstan und Russland teilen eine Landgrenze, von der hier noch lange erzählt wird. "
            "Frankreich und Spanien streiten.")
    assert pairs(text) == [("KZ", "RU")]
    text = "Kasachstan und Russland teilen eine Landgrenze. Frankreich und Spanien streiten."
    assert pairs(text) == [("ES", "FR")]   # nearer in characters, though named after the border word


def test_countries_must_share_a_border():
    assert pairs("Frankreich und Japan haben keine gemeinsame Grenze.") == []


def test_a_target_without_a_neighbour_in_the_passage_gives_no_border():
    assert pairs("Russland und Kasachstan; die Grenze zu Japan bleibt offen.") == []


def test_only_countries_of_the_same_passage_count():
    assert pairs("Russland.\n\nDie Grenze ist geschlossen.\n\nKasachstan.") == []


def test_every_mention_of_a_pair_joins_one_place():
    text = "Russland schließt die Grenze zu Kasachstan.\n\nDie Landgrenze zwischen Kasachstan und Russland."
    borders, countries = spans_of(text)
    [place] = border_places(borders, countries, text, FakeGazetteer())
    assert place.id == "border-kz-ru"
    assert [m.text for m in place.mentions] == ["Grenze", "Landgrenze"]
    assert [m.passage for m in place.mentions] == [0, 1]
    assert place.length_km == 100.0


def test_border_words_in_one_passage_cost_time_linear_in_their_number():
    # Each border word once rescanned every country mention of its passage (quadratic: 5,000
    # border words took about a minute). Four times the words must cost about four times the
    # CPU, not sixteen; a ratio of CPU times holds on a loaded machine where a wall-clock limit
    # does not (bench/scaling_bench.py prints the figures).
    def cpu_seconds(repeats: int) -> float:
        text = "Russland schließt die Grenze zu Kasachstan. " * repeats
        borders, countries = spans_of(text)
        start = time.process_time()
        [place] = border_places(borders, countries, text, FakeGazetteer())
        assert len(place.mentions) == repeats
        return time.process_time() - start

    cpu_seconds(250)
    small, large = min(cpu_seconds(1000) for _ in range(3)), min(cpu_seconds(4000) for _ in range(3))
    assert large / small < 8, f"4x the border words took {large / small:.1f}x the CPU time"


def reference_pair(border: Span, countries: list[tuple[Span, str]], text: str, gaz) -> tuple[str, str] | None:
    """The rule as first written (a scan of every mention per border word): the oracle."""
    same = [(s, cc) for s, cc in countries if s.passage == border.passage]
    if len({cc for _, cc in same}) < 2:
        return None
    target_words = re.compile(r"^\s*(?:zu|zur|zum|mit|nach|with|to|between|zwischen|der|dem|den|the|"
                              r"des|von|of|and|und|\s)*$", re.I)
    after = [(s, cc) for s, cc in same if s.start >= border.end and
             target_words.match(text[border.end:s.start]) and s.start - border.end < 20]
    ordered = sorted(same, key=lambda sc: abs(sc[0].start - border.start) + (0 if sc[0].end <= border.start else 40))
    if after:
        target = after[0][1]
        return next((tuple(sorted((cc, target))) for _, cc in ordered if cc != target and gaz.stored_border(cc, target)),
                    None)
    best = None
    for i, (s1, c1) in enumerate(ordered):
        for s2, c2 in ordered[i + 1:]:
            if c1 != c2 and gaz.stored_border(c1, c2):
                cost = abs(s1.start - border.start) + abs(s2.start - border.start)
                if best is None or cost < best[0]:
                    best = (cost, tuple(sorted((c1, c2))))
    return best[1] if best else None


@pytest.mark.parametrize("seed", range(5))
def test_indexed_choice_equals_the_full_scan_on_random_texts(seed):
    rng = random.Random(seed)
    fillers = ["zur", "und", "der", "zwischen", "schließt", "weit entfernt liegt", "x" * 30]
    for _ in range(300):
        words = [rng.choice([*NAMES, "Grenze", *fillers]) for _ in range(rng.randint(2, 25))]
        text = "".join(w + rng.choice([" ", "  ", ", ", "\n\n", " " * rng.randint(3, 50)]) for w in words)
        borders, countries = spans_of(text)
        gaz = FakeGazetteer(rng.sample(sorted(NEIGHBOURS), rng.randint(1, len(NEIGHBOURS))))
        expected = {}
        for b in borders:
            pair = reference_pair(b, countries, text, gaz)
            if pair:
                expected.setdefault(pair, []).append(b.start)
        got = {p.country_codes: [m.start for m in p.mentions] for p in border_places(borders, countries, text, gaz)}
        assert got == expected, text
