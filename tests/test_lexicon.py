"""Word classes stored in the index at build time: HanTa's own verdicts, and a cold geoparse without HanTa."""
from __future__ import annotations

import subprocess
import sys

import pytest

from mapapp.gazetteer.lexicon import hanta_proper
from mapapp.mentions.lexicon import lexical_class


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


def test_a_word_the_index_holds_no_verdict_for_is_asked_of_the_tagger(fixture_gazetteer):
    assert fixture_gazetteer.proper("vostochny", "en") is None  # a village's name, unknown to the lexicon
    assert lexical_class("Vostochny", "en", fixture_gazetteer) == \
        ("proper" if hanta_proper("Vostochny", "en") else "common")


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
