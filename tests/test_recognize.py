"""Recognition on the fixture gazetteer: which spans of a passage may name places, and where exactly."""
from __future__ import annotations

import pytest

from mapapp.mentions.lexicon import lexical_of
from mapapp.mentions.recognize import Recognizer, Span
from mapapp.places.resolve import resolve_spans


@pytest.fixture()
def recognizer(fixture_gazetteer) -> Recognizer:
    return Recognizer(fixture_gazetteer)


def toponyms(recognizer: Recognizer, text: str, lang: str) -> list[Span]:
    return [s for s in recognizer.spans(text, 0, 0, lang) if s.kind == "toponym"]


def only(spans: list[Span], text: str) -> Span:
    found = [s for s in spans if s.text == text]
    assert len(found) == 1, [s.text for s in spans]
    return found[0]


@pytest.mark.parametrize("text, lang, surface, key, place_id", [
    ("Die Wirtschaft Kasachstans wächst.", "de", "Kasachstans", "kasachstan", "country-kz"),
    ("Die Grenzen Russlands sind lang.", "de", "Russlands", "russland", "country-ru"),
    ("Russia's economy is growing.", "en", "Russia's", "russia", "country-ru"),
])
def test_inflected_names_reach_their_base_form(recognizer, text, lang, surface, key, place_id):
    span = only(toponyms(recognizer, text, lang), surface)
    assert (span.key, span.inflected, span.folded) == (key, True, False)
    assert place_id in {h.entry.id for h in span.hits}
    assert text[span.start:span.end] == surface


@pytest.mark.parametrize("german, place_id", [
    ("Wostotschny", "vostochny-797241"), ("Nowouralsk", "novouralsk-1538636"),
])
def test_german_transliterations_fold_onto_the_english_spelling(recognizer, german, place_id):
    span = only(toponyms(recognizer, f"Die Anlage liegt bei {german}.", "de"), german)
    assert span.folded and {h.entry.id for h in span.hits} == {place_id}
    assert all(h.folded for h in span.hits)


def test_the_exact_spelling_is_not_a_fold(recognizer):
    span = only(toponyms(recognizer, "The launch site near Vostochny is new.", "en"), "Vostochny")
    assert not span.folded and not span.inflected


def test_a_longer_name_wins_over_its_parts(recognizer):
    span = only(toponyms(recognizer, "Der Start am Kosmodrom Baikonur gelang.", "de"), "Kosmodrom Baikonur")
    assert [h.entry.id for h in span.hits] == ["baikonur-cosmodrome"] and span.ntokens == 2


def test_a_run_of_capitals_is_looked_up_only_as_far_as_a_name_may_begin(recognizer, fixture_gazetteer,
                                                                      monkeypatch):
    asked, real = [], fixture_gazetteer.lookup
    monkeypatch.setattr(fixture_gazetteer, "lookup", lambda key, fold=False: asked.append(key) or real(key, fold))
    text = "Chief Executive Officer Tim Cook flew from Kosmodrom Baikonur Airport Lounge Moscow."
    spans = toponyms(recognizer, text, "en")
    assert [s.text for s in spans] == ["Kosmodrom Baikonur", "Moscow"]
    assert {len(key.split()) for key in asked if key.startswith(("chief", "executive", "tim"))} == {1}
    assert "kosmodrom baikonur" in asked and "kosmodrom baikonur airport" not in asked


def test_common_nouns_are_read_as_words_not_names(recognizer, fixture_gazetteer):
    text = "Die Welt blickt auf das Uran aus Almaty."
    spans = recognizer.spans(text, 0, 0, "de")
    assert lexical_of(only(spans, "Welt"), "de", fixture_gazetteer) == "common"
    assert lexical_of(only(spans, "Uran"), "de", fixture_gazetteer) == "common"
    assert lexical_of(only(spans, "Almaty"), "de", fixture_gazetteer) == "proper"
    resolved, _ = resolve_spans(spans, fixture_gazetteer, "de")
    assert [(span.text, chosen.id) for span, chosen, _ in resolved] == [("Almaty", "almaty-1526384")]


@pytest.mark.parametrize("text, person", [
    ("Jack London wrote about the sea.", "London"),
    ("Paris Hilton arrived late.", "Paris"),
    ("Präsident Priozersk sagte nichts.", "Priozersk"),
])
def test_person_names_are_not_places(recognizer, text, person):
    lang = "de" if "sagte" in text else "en"
    spans = recognizer.spans(text, 0, 0, lang)
    assert all(s.person or person not in s.text for s in spans), [(s.text, s.person) for s in spans]


def test_the_same_names_outside_a_person_are_places(recognizer):
    spans = toponyms(recognizer, "She flew from London to Paris.", "en")
    assert [s.text for s in spans] == ["London", "Paris"] and not any(s.person for s in spans)


def test_spans_carry_exact_document_offsets(recognizer):
    doc = "Erster Absatz ohne Ort.\n\nDer Zug fuhr von Moskau nach Almaty, Kasachstan, und zurück."
    offset = doc.index("Der Zug")
    passage = doc[offset:]
    spans = recognizer.spans(passage, 1, offset, "de")
    assert [(s.text, s.start, s.end, s.passage) for s in spans] == [
        (name, doc.index(name), doc.index(name) + len(name), 1) for name in ("Moskau", "Almaty", "Kasachstan")]
    assert all(doc[s.start:s.end] == s.text for s in spans)


def test_a_qualifier_after_a_name_is_recorded(recognizer):
    spans = toponyms(recognizer, "Paris, Texas, is small.", "en")
    assert only(spans, "Paris").qualifier == "us-state-tx"
    assert only(spans, "Texas").hits[0].entry.id == "us-state-tx"


def test_dotted_state_abbreviations_stay_one_token():
    from mapapp.mentions.recognize import tokenize

    words = [t.text for t in tokenize("CHARLESTON, W.Va. (AP) — Emporia, Kan., and Vancouver, B.C.")]
    assert words == ["CHARLESTON", "W.Va.", "AP", "Emporia", "Kan.", "and", "Vancouver", "B.C."]


def test_an_all_caps_opening_place_is_a_dateline(recognizer):
    span = only(toponyms(recognizer, "PARIS, Texas (AP) — A tornado hit.", "en"), "PARIS")
    assert span.dateline and span.qualifier == "us-state-tx"
    assert not only(toponyms(recognizer, "A tornado hit PARIS today.", "en"), "PARIS").dateline


@pytest.mark.parametrize("text", ["Paris Saint-Germain won again.", "The Paris Public Library reopened."])
def test_organisations_named_after_a_place_give_no_place_span(recognizer, fixture_gazetteer, text):
    spans = recognizer.spans(text, 0, 0, "en")
    resolved, _ = resolve_spans(spans, fixture_gazetteer, "en")
    assert resolved == []


def test_sentence_initial_words_follow_a_full_stop_a_colon_or_a_quotation_mark():
    from mapapp.mentions.recognize import tokenize

    text = "Er kam aus Wien. Dann \u201eBerlin\u201c und: Paris (Hauptstadt) \u2026 Rom."
    assert [(t.text, t.sent_start) for t in tokenize(text, 100)] == [
        ("Er", True), ("kam", False), ("aus", False), ("Wien", False), ("Dann", True), ("Berlin", True),
        ("und", True), ("Paris", True), ("Hauptstadt", False), ("Rom", True)]
    assert all(text[t.start - 100:t.end - 100] == t.text for t in tokenize(text, 100))


def test_what_the_recogniser_remembers_never_changes_an_answer(fixture_gazetteer):
    """Words, runs and their verdicts are remembered across passages and languages ("Grenze" is a
    border only in German; a small town after a title is a person's name, a capital stays a place);
    a recogniser that has read other text answers as a fresh one."""
    texts = [("Die Grenze Russlands ist lang, sagte Jack London in Paris (Texas). Präsident Balqash "
              "traf Präsident Minsk.", "de"),
             ("Jack London flew from London to Paris, Texas, near the Grenze of Russia's border. Mayor "
              "Balqash met Mayor Minsk.", "en")]
    fresh = [Recognizer(fixture_gazetteer).spans(text, 0, 0, lang) for text, lang in texts]
    assert [s.text for s in fresh[0] if s.kind == "border"] == ["Grenze"]
    assert [s.text for s in fresh[1] if s.kind == "border"] == ["border"]
    for spans in fresh:
        assert "Minsk" in {s.text for s in spans} and "Balqash" not in {s.text for s in spans}
    warm = Recognizer(fixture_gazetteer)
    for order in (texts, texts[::-1], texts):
        assert {lang: warm.spans(text, 0, 0, lang) for text, lang in order} == \
            {lang: spans for (_, lang), spans in zip(texts, fresh)}
