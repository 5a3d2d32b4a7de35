"""The name filter in front of SQLite: never hides a name the index holds, stops most others."""
from __future__ import annotations

import subprocess
import sys

from mapapp.gazetteer.namefilter import build_filter
from mapapp.gazetteer.query import get_gazetteer

NAMES = [f"town {i}" for i in range(5000)] + ["moskau", "wostotschny", "sary shagan", "paris"]


def test_every_key_it_was_built_from_passes():
    names = build_filter(NAMES)
    assert all(name in names for name in NAMES)


def test_most_absent_keys_are_stopped():
    names = build_filter(NAMES)
    passed = sum(f"absent {i}" in names for i in range(20_000))
    assert passed < 20_000 * 0.03  # ten bits a key: about 1 %


def test_a_filter_built_in_one_process_answers_the_same_in_another():
    """Python's own str hash differs between processes; the filter must not depend on it."""
    bits = build_filter(NAMES).bits
    code = ("import sys; from mapapp.gazetteer.namefilter import NameFilter; "
            "f = NameFilter(bytes.fromhex(sys.stdin.read())); "
            "print(all(n in f for n in ['moskau', 'wostotschny', 'sary shagan', 'town 4999']))")
    out = subprocess.run([sys.executable, "-c", code], input=bits.hex(), capture_output=True, text=True,
                         check=True, env={"PYTHONHASHSEED": "123"})
    assert out.stdout.strip() == "True"


def test_the_index_filters_hold_every_name_and_fold():
    gaz = get_gazetteer()
    filters = gaz._filters()
    rows = gaz._rows("SELECT key, fold FROM names WHERE rowid % 97 = 0", ())
    assert len(rows) > 5000
    assert all(key in filters["key"] and fold in filters["fold"] for key, fold in rows)


def test_lookups_through_the_filter_find_the_seed_places():
    gaz = get_gazetteer()
    assert any(h.entry.id.startswith("country-") for h in gaz.lookup("kasachstan"))
    assert gaz.lookup("nowouralsk", fold=True)
    assert gaz.lookup("zzqx no such place") == ()


def test_word_prefixes_are_the_shorter_runs_of_leading_words():
    from mapapp.gazetteer.build import word_prefixes

    assert word_prefixes(["rio de janeiro", "paris", "new york mills"]) == {
        "rio", "rio de", "new", "new york"}


def test_every_leading_run_of_an_index_name_may_begin_a_longer_one():
    gaz = get_gazetteer()
    rows = gaz._rows("SELECT key, fold FROM names WHERE rowid % 31 = 0 AND key LIKE '% %'", ())
    assert len(rows) > 3000
    for key, fold in rows:
        words = key.split(" ")
        assert all(gaz.may_begin_longer(" ".join(words[:j])) for j in range(1, len(words)))
    assert gaz.may_begin_longer("rio de") and gaz.may_begin_longer("nowo")  # Novo Mesto, folded
    assert sum(gaz.may_begin_longer(f"chief executive {i}") for i in range(2000)) < 2000 * 0.03
