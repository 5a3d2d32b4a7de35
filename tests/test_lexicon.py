"""Word classes stored in the index at build time: HanTa's own verdicts, and a cold geoparse without HanTa."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mapapp.gazetteer import lexicon
from mapapp.gazetteer.lexicon import english_words, hanta_proper, verdict_rows
from mapapp.mentions.lexicon import lexical_class
from mapapp.mentions.span import UNATTESTED


@pytest.mark.parametrize("word, lang", [
    ("Welt", "de"), ("Almaty", "de"), ("Moskau", "de"), ("Moskaus", "de"),
    ("Frankreichs", "de"), ("Brest", "en"), ("Belarus", "en"), ("Nashville", "de"), ("Paris", "en"),
    # an alternate name of a 94k town (the seed loaded the German model for it alone), and words of
    # the tagger's lexicon that name no place (an inflection or fold matches them to one)
    ("Novouralsk", "de"), ("Novouralsk", "en"), ("Uran", "de"), ("House", "en"), ("Passing", "en"),
])
def test_stored_verdicts_are_the_taggers_own(fixture_gazetteer, word, lang):
    stored = fixture_gazetteer.proper(word.lower(), lang)
    assert stored is not None and stored == hanta_proper(word, lang)


def test_a_german_word_the_index_holds_no_verdict_for_is_asked_of_the_tagger(fixture_gazetteer):
    assert fixture_gazetteer.proper("priozersk", "de") is None  # German guesses are stored for prominent places
    assert lexical_class("Priozersk", "de", fixture_gazetteer) == \
        ("proper" if hanta_proper("Priozersk", "de") else "common")


def test_an_english_word_no_list_has_met_is_a_place_with_evidence_and_the_tagger_stays_unloaded(fixture_gazetteer):
    """The index holds a verdict for every word English text is known to use that reaches a name:
    a town's name wordfreq never met in English (Priozersk) is unattested, a town after "in", and
    nothing on its own at the start of a sentence; HanTa is never loaded for it."""
    assert fixture_gazetteer.proper("priozersk", "en") is None
    script = (
        "import json, sys\n"
        "from mapapp.gazetteer.query import Gazetteer\n"
        "from mapapp.mentions.lexicon import lexical_class\n"
        "from mapapp.pipeline import geoparse\n"
        f"gaz = Gazetteer({str(fixture_gazetteer.path)!r})\n"
        "found = [[p.id for p in geoparse(t, 'en', gazetteer=gaz).places]\n"
        "         for t in ('Life in Priozersk is quiet.', 'Priozersk said nothing.')]\n"
        "print(json.dumps([found, lexical_class('Priozersk', 'en', gaz), 'HanTa' in sys.modules]))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    (in_town, alone), verdict, loaded = json.loads(out)
    assert len(in_town) == 1 and in_town[0].startswith("priozersk-") and alone == []
    assert verdict == UNATTESTED and not loaded


def test_small_places_names_have_their_english_verdicts_stored(fixture_gazetteer):
    """Vostochny, a village of 2,500 unknown to the tagger's lexicon, once loaded the English model."""
    assert fixture_gazetteer.proper("vostochny", "en") == hanta_proper("Vostochny", "en")
    assert fixture_gazetteer.proper("vostochny", "de") is None  # German guesses stay for prominent places


def test_english_words_are_the_names_and_the_words_that_reach_them():
    words = english_words({"shang", "l'aventure", "qwxzv", "sumi"}, seen={"shang", "sumi"},
                          vocabulary=["zhang", "shanghai", "the", "sumii"])
    # seen names; both apostrophes; a fold of a seen name (zh -> sh); no unseen name, no other word
    assert words == {"shang", "sumi", "l'aventure", "l\u2019aventure", "zhang", "sumii"}


def _proper_if_short(word: str, lang: str) -> bool:
    return len(word) < 6


def test_verdicts_of_small_places_are_guessed_over_the_pool(monkeypatch):
    monkeypatch.setattr(lexicon, "CHUNK", 1)  # every word its own task: the forked pool answers
    rows = list(verdict_rows({"vostochny": False, "qwxz": False}, {"vostochny", "zhang"},
                             proper=_proper_if_short, workers=2))
    english = {word: proper for word, lang, proper in rows if lang == "en"}
    assert english["vostochny"] == 0 and english["zhang"] == 1 and "qwxz" not in english
    assert ("vostochny", "de") not in {(word, lang) for word, lang, _ in rows}  # German: prominent names only


def test_a_cold_english_geoparse_of_a_small_place_does_not_load_the_tagger(fixture_gazetteer):
    script = (
        "import sys\n"
        "import mapapp.places.resolve as resolve\n"
        "from mapapp.gazetteer.query import Gazetteer\n"
        "from mapapp.pipeline import geoparse\n"
        "asked = []\n"
        "ask = resolve.lexical_of\n"
        "resolve.lexical_of = lambda span, *rest: asked.append(span.word) or ask(span, *rest)\n"
        f"doc = geoparse('Life in Vostochny is quiet.', 'en', gazetteer=Gazetteer({str(fixture_gazetteer.path)!r}))\n"
        "print([p.id for p in doc.places], asked, 'HanTa' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["['vostochny-797241']", "['Vostochny']", "False"]


def test_common_words_without_a_stored_verdict_are_not_read_as_towns(fixture_gazetteer):
    from mapapp.pipeline import geoparse

    doc = geoparse("Die Welt blickt auf das Uran aus Almaty.", "de", gazetteer=fixture_gazetteer)
    assert [p.id for p in doc.places] == ["almaty-1526384"]


def test_a_cold_geoparse_reads_word_classes_from_the_index_without_loading_the_tagger(fixture_gazetteer):
    script = (
        "import sys\n"
        "from mapapp.gazetteer.query import Gazetteer\n"
        "from mapapp.pipeline import geoparse\n"
        f"doc = geoparse('Die Welt blickt auf Almaty.', 'de', gazetteer=Gazetteer({str(fixture_gazetteer.path)!r}))\n"
        "print([p.id for p in doc.places], 'HanTa' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["['almaty-1526384']", "False"]


def test_the_seed_is_geoparsed_cold_without_loading_the_tagger():
    """Every word the seed's resolution asks about has its verdict in the full index (Nowouralsk,
    an alternate name of a 94k town, once cost the German model's second of loading)."""
    script = (
        "import sys\n"
        "from mapapp.io.paths import SEED_FILE\n"
        "from mapapp.pipeline import geoparse\n"
        "doc = geoparse(SEED_FILE.read_text(encoding='utf-8'), 'de')\n"
        "print(len(doc.places), 'HanTa' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    places, loaded = out.split()
    assert int(places) > 10 and loaded == "False"
