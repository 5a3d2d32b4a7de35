
from pathlib import Path

import pytest

from mapapp.app import labels, sources
from mapapp.app.arguments import parse_args
from mapapp.io.paths import SEED_FILE
from mapapp.io.textio import InputError
from mapapp.render import html
from mapapp.io.layerfiles import document_from_layers, write_layers


def test_built_layers_read_back_into_the_same_document(seed_doc, tmp_layers):
    write_layers(seed_doc, tmp_layers, "seed.txt")
    doc = document_from_layers(tmp_layers, seed_doc.text)
    assert doc is not None
    assert {p.id for p in doc.places} == {p.id for p in seed_doc.places}
    baikonur = doc.place("baikonur-cosmodrome")
    assert [m.text for m in baikonur.mentions] == ["Kosmodrom Baikonur"]
    assert [c.id for c in baikonur.candidates] == [c.id for c in seed_doc.place("baikonur-cosmodrome").candidates]
    assert doc.place("country-kz").geometry.geom_type in ("Polygon", "MultiPolygon")
    assert len(doc.passages) == len(seed_doc.passages)


def test_layers_of_another_text_are_not_used(seed_doc, tmp_layers):
    write_layers(seed_doc, tmp_layers, "seed.txt")
    assert document_from_layers(tmp_layers, seed_doc.text + " changed") is None
    assert document_from_layers(tmp_layers / "missing", seed_doc.text) is None


def test_pasted_texts_get_a_folder_named_by_their_hash(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPAPP_LAYERS_DIR", str(tmp_path))
    a, b = sources.text_source("Paris und Rom"), sources.text_source("Paris und Wien")
    assert a.layer_dir.parent == tmp_path and a.layer_dir != b.layer_dir
    assert a.layer_dir == sources.text_source("Paris und Rom").layer_dir
    assert len(a.layer_dir.name) == 12


def test_file_source_uses_the_stem_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPAPP_LAYERS_DIR", str(tmp_path / "layers"))
    f = tmp_path / "notes.md"
    f.write_text("Ich war in Almaty.", encoding="utf-8")
    src = sources.file_source(f)
    assert src.layer_dir == tmp_path / "layers" / "notes" and src.text == "Ich war in Almaty."


def test_uploads_in_utf8_bom_or_windows_1252_decode():
    assert sources.decode_upload("\ufeffKöln".encode("utf-8")) == "Köln"
    assert sources.decode_upload("Köln".encode("cp1252")) == "Köln"


def test_place_info_counts_mentions_and_passages(seed_doc):
    info = labels.place_info(seed_doc.place("moscow-524901"))
    moscow = seed_doc.place("moscow-524901")
    assert info.mentions_line == f"{len(moscow.mentions)} mentions in {len(moscow.passages)} passages"
    assert info.country == "Russia"
    assert info.coords == "55.7520° N, 37.6160° E"
    border = labels.place_info(seed_doc.place("border-kz-ru"))
    assert "Kazakhstan" in border.country and "Russia" in border.country


def test_passage_html_marks_every_mention_and_escapes_text(seed_doc):
    p = seed_doc.passages[5]
    out = html.passage_html(seed_doc, p, {"baikonur-cosmodrome"})
    n_mentions = sum(1 for m, _ in seed_doc.mentions() if m.passage == 5)
    assert out.count("<mark") == n_mentions
    assert 'class="mention strong" data-place="baikonur-cosmodrome"' in out
    assert ">Kosmodrom Baikonur</mark>" in out


def test_marked_text_escapes_html_in_text_and_names():
    from mapapp.model import Mention, Place
    from shapely.geometry import Point
    place = Place("x<1>", "<b>Evil</b>", "cities", "city", "", "t", Point(0, 0), 0, 0)
    segments = html.marked_segments("a <script> Rom", 0, [(Mention(11, 14, "Rom"), place)])
    out = html.passages_html([html.ShownPassage(1, segments)])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<b>Evil" not in out and ">Rom</mark>" in out and 'data-place="x&lt;1&gt;"' in out


def test_carriage_returns_are_read_as_newlines(tmp_path):
    f = tmp_path / "mac.txt"
    f.write_bytes(b"Ich war in Almaty.\r\r# Heading\r\nund Moskau.")
    src = sources.file_source(f)
    assert src.text == "Ich war in Almaty.\n\n# Heading\nund Moskau."
    assert sources.text_source("a\r\rb").text == "a\n\nb"
    assert [s.text for s in html.marked_segments("x\r\ry\r\nz", 0, [])] == ["x\n\ny\nz"]


def test_a_missing_or_binary_file_raises_one_line(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        sources.file_source(tmp_path / "nope.txt")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(InputError, match="binary"):
        sources.file_source(tmp_path / "photo.txt")


def test_app_arguments_are_a_file_and_a_corpus(tmp_path):
    assert parse_args([]).file == SEED_FILE and parse_args([]).corpus is None
    assert parse_args(["--corpus", "out"]).corpus == Path("out")
    assert parse_args(["--corpus=x/y", "notes.txt"]) == parse_args(["notes.txt", "--corpus", "x/y"])
    assert parse_args(["notes.txt"]).file == Path("notes.txt")
    with pytest.raises(InputError, match="unrecognized arguments: --nope"):
        parse_args(["--nope"])


def test_layer_counts_cover_every_layer(seed_doc):
    counts = labels.layer_counts(seed_doc.places)
    from mapapp.layers import LAYERS

    assert list(counts) == list(LAYERS)
    assert counts == {**dict.fromkeys(LAYERS, 0), "countries": 2, "borders": 1, "cities": 2, "sites": 2}
    assert labels.layer_label("cities", 2) == "Cities (2)"


def test_a_mention_click_and_esc_from_the_page_count_once_each():
    from mapapp.app.clicks import ReaderEvents, reader_events

    value = {"click": {"place": "almaty-1526384", "n": "1-1"}, "clear": 0, "w": 1400, "h": 900}
    found, seen = reader_events(value, None)
    assert found == ReaderEvents("almaty-1526384", False, 1400, 900)
    again, seen = reader_events(value, seen)
    assert again.place is None and not again.clear and again.height == 900
    value = {**value, "clear": "2-2"}
    esc, seen = reader_events(value, seen)
    assert esc.clear and esc.place is None
    value = {**value, "click": {"place": "almaty-1526384", "n": "3-3"}}
    assert reader_events(value, seen)[0].place == "almaty-1526384", "the same mention clicked again"
    assert reader_events(None, seen) == (ReaderEvents(), seen)


def test_a_map_point_and_selected_words_from_the_page_count_once_and_are_checked():
    from mapapp.app.clicks import MAX_WORDS, reader_events

    value = {"point": {"lat": 47.6, "lng": 369.2, "n": "1-1"},
             "words": {"text": "  Boden\nsee ", "n": "1-2"}, "w": 1400, "h": 900}
    found, seen = reader_events(value, None)
    assert found.point == (47.6, pytest.approx(9.2)) and found.words == "Boden see"
    again, seen = reader_events(value, seen)
    assert again.point is None and again.words is None, "a rerun does not replay them"
    odd = {"point": {"lat": 95, "lng": 0, "n": "2-1"}, "words": {"text": "x" * (MAX_WORDS + 1), "n": "2-2"}}
    junk, _ = reader_events(odd, seen)
    assert junk.point is None and junk.words is None
    broken, _ = reader_events({"point": {"lat": "north", "n": "3"}, "words": "not an event"}, seen)
    assert broken.point is None and broken.words is None


def test_a_passages_mark_from_the_page_counts_once_and_is_checked():
    from mapapp.app.clicks import reader_events

    found, seen = reader_events({"passage": {"index": 20, "n": "1-1"}}, None)
    assert found.passage == 20 and found.place is None
    assert reader_events({"passage": {"index": 20, "n": "1-1"}}, seen)[0].passage is None, "not replayed"
    for junk in (-1, "3", True, None):
        assert reader_events({"passage": {"index": junk, "n": "2-2"}}, seen)[0].passage is None


def test_a_link_carries_place_passage_layers_and_text_and_ignores_junk():
    from mapapp.app.urlstate import UrlState, from_params, to_params
    from mapapp.layers import LAYERS

    state = UrlState(place="almaty-1526384", layers=("countries", "cities"), text="0123456789ab")
    params = to_params(state, LAYERS)
    assert params == {"text": "0123456789ab", "place": "almaty-1526384", "layers": "countries,cities"}
    assert from_params(params, LAYERS) == state
    assert to_params(UrlState(passage=5, layers=tuple(LAYERS)), LAYERS) == {"p": "6"}
    assert from_params({"p": "6"}, LAYERS).passage == 5
    assert from_params({"layers": "none"}, LAYERS).layers == ()
    junk = from_params({"p": "-3", "text": "../../etc/passwd", "layers": "cities,<b>"}, LAYERS)
    assert junk == UrlState(layers=("cities",))
    assert from_params({"p": "x"}, LAYERS).passage is None


def test_a_pasted_text_is_kept_under_its_hash(tmp_path, monkeypatch):
    from mapapp.app import textstore
    from mapapp.config import settings

    monkeypatch.setenv("MAPAPP_DATA_DIR", str(tmp_path))
    settings.cache_clear()
    key = textstore.keep("Wir flogen\r\rnach Almaty.", "trip.txt")
    assert key == sources.text_source("Wir flogen\r\rnach Almaty.").layer_dir.name
    assert textstore.find(key) == ("Wir flogen\n\nnach Almaty.", "trip.txt")
    assert textstore.find("ffffffffffff") is None
    assert textstore.find("../texts/x") is None
    (tmp_path / "texts" / f"{key}.json").write_text('{"text": "edited since"}', encoding="utf-8")
    assert textstore.find(key) is None, "a file that no longer matches its hash is not served"


def test_the_place_list_filters_folded_names_and_sorts(seed_doc):
    counts = {p.id: len(p.mentions) for p in seed_doc.places}
    found = labels.sorted_places(seed_doc.places, counts)
    assert [counts[p.id] for p in found] == sorted(counts.values(), reverse=True)
    assert [p.name for p in labels.sorted_places(seed_doc.places, counts, "MOS")] == ["Moscow"]
    by_name = [p.name for p in labels.sorted_places(seed_doc.places, counts, by_name=True)]
    assert by_name == sorted(by_name, key=str.casefold)
    assert labels.sorted_places(seed_doc.places, counts, "zzz") == []
    assert [p.name for p in labels.sorted_places(seed_doc.places, counts, "sary shagan")] == []
    assert [p.name for p in labels.sorted_places(seed_doc.places, counts, "sâry")] == ["Sary-Shagan test range"]


def test_stepping_visits_only_passages_that_name_places(seed_doc):
    from mapapp.app import paging

    named = sorted({m.passage for p in seed_doc.places for m in p.mentions})
    walk, at = [], None
    while (at := paging.step(seed_doc, at, +1)) is not None:
        walk.append(at)
    assert walk == named
    assert paging.step(seed_doc, None, -1) == named[-1]
    assert paging.step(seed_doc, named[0], -1) is None


@pytest.mark.parametrize("color", ["#fdb863", "#3f007d", "#e08214", "#ffcc00", "#542788"])
def test_a_chosen_mention_is_readable_on_its_colour(color):
    mark = html.Mark("x", "X", color, strong=True)
    assert html.contrast(mark.background, mark.foreground) >= 4.5
    assert html.Mark("x", "X", color, strong=False).foreground == "inherit"
