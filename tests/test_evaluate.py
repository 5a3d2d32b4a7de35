"""Scoring of the geoparser against gold, and the shape of the dev set files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapapp.evaluate import (
    Predicted, cli, error_auc, great_circle_km, predictions_from_document, score,
)
from mapapp.model import Document, Mention, Place
from shapely.geometry import Point

DEVSET = Path(__file__).resolve().parent.parent / "data" / "devset"

TEXT = "Aus Kiew reisten sie nach Paris, Texas, und dann nach Russland."


def gold_doc(**extra) -> dict:
    mentions = [
        {"start": 4, "end": 8, "text": "Kiew", "kind": "toponym", "type": "Literal",
         "lat": 50.45, "lon": 30.52, "scored": True},
        {"start": 26, "end": 31, "text": "Paris", "kind": "toponym", "type": "Literal",
         "lat": 33.66, "lon": -95.56, "scored": True},
        {"start": 33, "end": 38, "text": "Texas", "kind": "toponym", "type": "Literal",
         "lat": 31.0, "lon": -100.0, "scored": True},
        {"start": 54, "end": 62, "text": "Russland", "kind": "toponym", "type": "Metonymic",
         "lat": 55.75, "lon": 37.62, "cc": "RU", "scored": True},
    ]
    return {"id": "d1", "lang": "de", "text": TEXT, "mentions": mentions, **extra}


def test_offsets_of_the_hand_made_gold_match_its_text():
    doc = gold_doc()
    assert [doc["text"][m["start"]:m["end"]] for m in doc["mentions"]] == \
        ["Kiew", "Paris", "Texas", "Russland"]


def test_perfect_prediction_scores_one():
    preds = [Predicted(4, 8, lat=50.45, lon=30.52, layer="cities"),
             Predicted(26, 31, lat=33.66, lon=-95.56, layer="cities"),
             Predicted(33, 38, lat=31.0, lon=-100.0, layer="regions"),
             Predicted(54, 62, lat=61.0, lon=90.0, country_code="RU", layer="countries")]
    s = score([gold_doc()], {"d1": preds})
    assert (s.true_positives, s.precision, s.recall, s.f1) == (4, 1.0, 1.0, 1.0)
    assert (s.correct, s.resolved, s.accuracy) == (4, 4, 1.0)
    assert s.mean_km == pytest.approx(0.0, abs=1e-6)


def test_partial_overlap_counts_and_double_prediction_counts_once():
    preds = [Predicted(0, 6, lat=50.45, lon=30.52),      # "Aus Ki": overlaps Kiew
             Predicted(5, 8, lat=50.45, lon=30.52),      # second prediction on Kiew: FP
             Predicted(9, 16, lat=0.0, lon=0.0)]         # "reisten": spurious
    s = score([gold_doc()], {"d1": preds})
    assert s.true_positives == 1
    assert s.false_positives == 2
    assert s.false_negatives == 3
    assert s.precision == pytest.approx(1 / 3)
    assert s.recall == pytest.approx(1 / 4)
    assert s.f1 == pytest.approx(2 * (1 / 3) * (1 / 4) / (1 / 3 + 1 / 4))
    whats = sorted(e.what for e in s.errors)
    assert whats == ["FN", "FN", "FN", "FP", "FP"]


def test_one_prediction_spanning_two_gold_mentions_matches_only_one():
    preds = [Predicted(26, 38, lat=33.66, lon=-95.56)]  # "Paris, Texas"
    s = score([gold_doc()], {"d1": preds})
    assert (s.true_positives, s.false_positives, s.false_negatives) == (1, 0, 3)


def test_resolution_beyond_161_km_is_wrong_and_country_code_is_right():
    # Paris, France for Paris, Texas: ~7,800 km off. Russia as a country: right by cc.
    preds = [Predicted(26, 31, lat=48.86, lon=2.35, country_code="FR", layer="cities"),
             Predicted(54, 62, lat=61.0, lon=90.0, country_code="RU", layer="countries"),
             Predicted(4, 8, lat=50.45 + 1.0, lon=30.52, layer="cities")]  # ~111 km off
    s = score([gold_doc()], {"d1": preds})
    assert s.resolved == 3
    assert s.correct == 2
    assert s.accuracy == pytest.approx(2 / 3)
    far = [e for e in s.errors if e.what == "FAR"]
    assert [e.text for e in far] == ["Paris"]
    assert s.errors_km[0] == pytest.approx(111.2, abs=0.5)  # sorted by gold index: Kiew first
    assert max(s.errors_km) > 7000


def test_country_code_without_country_layer_is_judged_by_distance():
    preds = [Predicted(54, 62, lat=43.1, lon=131.9, country_code="RU", layer="cities")]  # Vladivostok
    s = score([gold_doc()], {"d1": preds})
    assert (s.resolved, s.correct) == (1, 0)


def test_borders_are_ignored_on_both_sides():
    doc = gold_doc()
    doc["mentions"].append({"start": 39, "end": 42, "text": "und", "kind": "border",
                            "type": "Literal", "scored": True})
    preds = [Predicted(39, 42, kind="border")]
    s = score([doc], {"d1": preds})
    assert (s.gold, s.predicted) == (4, 0)


def test_unscored_gold_neither_counts_nor_penalises():
    doc = gold_doc()
    doc["mentions"][2]["scored"] = False
    preds = [Predicted(33, 38, lat=31.0, lon=-100.0)]
    s = score([doc], {"d1": preds})
    assert (s.gold, s.predicted, s.true_positives) == (3, 0, 0)


def test_recall_by_type():
    preds = [Predicted(54, 62, lat=55.75, lon=37.62)]
    s = score([gold_doc()], {"d1": preds})
    assert s.by_type == {"Literal": (0, 3), "Metonymic": (1, 1)}


def test_great_circle_and_auc():
    assert great_circle_km(52.52, 13.405, 48.8566, 2.3522) == pytest.approx(878, abs=5)
    assert error_auc([0.0, 0.0]) == 0.0
    assert error_auc([20039.0, 20039.0]) == pytest.approx(1.0)
    assert 0.0 < error_auc([0.0, 100.0, 1000.0]) < 1.0


def test_predictions_from_document_carry_the_place():
    kiew = Place(id="c1", name="Kyiv", layer="cities", category="capital", country_code="UA",
                 source="test", geometry=Point(30.52, 50.45), lat=50.45, lon=30.52,
                 mentions=[Mention(4, 8, "Kiew")])
    doc = Document(text=TEXT, lang="de", passages=[], places=[kiew])
    preds = predictions_from_document(doc)
    assert preds == [Predicted(4, 8, "toponym", 50.45, 30.52, "UA", "cities", "Kiew")]
    s = score([gold_doc()], {"d1": preds})
    assert (s.true_positives, s.correct) == (1, 1)


def test_cli_reports_a_missing_file(tmp_path, capsys):
    assert cli([str(tmp_path / "nope.json")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["dev_de.json", "dev_en.json", "seed_gold.json"])
def test_devset_files_are_well_formed(name):
    docs = json.loads((DEVSET / name).read_text(encoding="utf-8"))
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids))
    for doc in docs:
        assert doc["lang"] in ("de", "en")
        ends = []
        for m in doc["mentions"]:
            assert doc["text"][m["start"]:m["end"]] == m["text"], (doc["id"], m)
            assert m["kind"] in ("toponym", "demonym")
            assert m["scored"] is True
            assert m.get("cc") or (m.get("lat") is not None and m.get("lon") is not None)
            if m["kind"] == "demonym":
                assert m["type"] == "Demonym" and len(m.get("cc", "")) == 2
            assert -90 <= m["lat"] <= 90 and -180 <= m["lon"] <= 180
            ends.append((m["start"], m["end"]))
        assert all(a[1] <= b[0] for a, b in zip(sorted(ends), sorted(ends)[1:])), doc["id"]


@pytest.mark.parametrize("name,lang", [("dev_de.json", "de"), ("dev_en.json", "en")])
def test_devset_has_at_least_forty_documents_per_language(name, lang):
    docs = json.loads((DEVSET / name).read_text(encoding="utf-8"))
    assert len([d for d in docs if d["lang"] == lang]) >= 40


def test_seed_gold_is_the_seed_text_unchanged():
    from mapapp.io.paths import SEED_FILE

    (doc,) = json.loads((DEVSET / "seed_gold.json").read_text(encoding="utf-8"))
    assert doc["text"] == SEED_FILE.read_text(encoding="utf-8")
    texts = [m["text"] for m in doc["mentions"]]
    assert "NATO" not in texts and "Kreml" not in texts and "RU" not in texts
    assert texts.count("Almaty") == 1 and "Roten Platz" in texts


def test_perfect_geoparse_of_the_devset_scores_one():
    docs = json.loads((DEVSET / "dev_de.json").read_text(encoding="utf-8"))
    preds = {d["id"]: [Predicted(m["start"], m["end"], m["kind"], m["lat"], m["lon"],
                                 m.get("cc", ""), "countries" if m.get("cc") else "cities")
                       for m in d["mentions"]] for d in docs}
    s = score(docs, preds)
    assert (s.precision, s.recall, s.accuracy) == (1.0, 1.0, 1.0)


def _gold_file(tmp_path, content: str) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("content,message", [
    ("Kiew, Paris, Texas", "not JSON"),
    ('{"id": "d1", "text": "Kiew"}', "expected a JSON list"),
    ('[{"id": "d1", "mentions": []}]', 'needs a "text" string'),
    ('[{"id": "d1", "text": "Kiew", "mentions": [{"start": "0", "end": 4}]}]', "whole-number start"),
    ('[{"id": "d1", "text": "Kiew", "mentions": [{"start": 0, "end": 4, "lat": "50"}]}]', "lat and lon"),
    ('[{"id": "d1", "text": "Kiew", "lang": "fr"}]', "unsupported lang"),
    ('[{"id": "d1", "text": "Kiew", "mentions": {"start": 0}}]', "must be a list"),
    ('["Kiew"]', "document 1 is not an object"),
])
def test_a_file_that_is_not_gold_is_named_in_one_line(tmp_path, capsys, content, message):
    from mapapp.cli import main

    path = _gold_file(tmp_path, content)
    assert main(["evaluate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mapapp: {path}") and message in err and err.count("\n") == 1, err


def test_a_bad_gold_file_does_not_stop_the_good_ones(tmp_path, capsys):
    good = tmp_path / "good.json"
    good.write_text(json.dumps([{"id": "d1", "text": "Nichts.", "lang": "de", "mentions": []}]))
    bad = _gold_file(tmp_path, "[1, 2")
    assert cli([str(bad), str(good)]) == 2
    out = capsys.readouterr()
    assert out.err.count("\n") == 1 and f"{good}: documents 1" in out.out


def test_a_gold_span_outside_its_text_is_left_out_with_a_warning_not_the_whole_file(tmp_path, capsys):
    from mapapp.cli import main

    docs = [{"id": "d1", "lang": "de", "text": "Er flog nach Kiew.",
             "mentions": [{"start": 13, "end": 17, "text": "Kiew", "lat": 50.45, "lon": 30.52},
                          {"start": -139, "end": -131, "text": "rous tim"}]}]
    path = _gold_file(tmp_path, json.dumps(docs))
    assert main(["evaluate", str(path)]) == 0
    out = capsys.readouterr()
    assert "document 1 (d1) mention 2 [-139:-131] is outside the text; not scored" in out.err
    assert "gold 1 " in out.out and "R 1.000" in out.out
