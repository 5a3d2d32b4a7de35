"""Corpus mode: a real local Dask cluster gives the same tables as one process, bad documents are
recorded, reruns resume, dates give first/last, and the view serves the app's questions."""
from __future__ import annotations

import io
import json
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet as pq
import pytest

from mapapp.corpus.cli import cli
from mapapp.corpus.driver import run_corpus
from mapapp.corpus.progress import format_progress
from mapapp.corpus.reader import load_corpus
from mapapp.corpus.storage import TABLES, partition_numbers, partition_path, read_table
from mapapp.io.paths import DATA_DIR

BATCH = 4


def _devset() -> list[dict]:
    docs = []
    for name in ("dev_de.json", "dev_en.json"):
        docs += json.loads((DATA_DIR / "devset" / name).read_text(encoding="utf-8"))
    return docs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Text files in a folder (one of them binary) and JSON Lines with ids, titles and dates."""
    root = tmp_path_factory.mktemp("corpus")
    docs = _devset()
    folder = root / "texts"
    folder.mkdir()
    for doc in docs[:10]:
        (folder / f"{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 8)
    lines = [json.dumps({"id": doc["id"], "title": f"Title {i}", "date": f"2024-{i % 12 + 1:02d}-15",
                         "url": f"https://example.org/{i}", "text": doc["text"]})
             for i, doc in enumerate(docs[10:22])]
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _inputs(corpus: Path) -> list[str]:
    return [str(corpus / "texts"), str(corpus / "*.jsonl")]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("single")
    run_corpus(_inputs(corpus), out, batch_size=BATCH)
    return out


@pytest.fixture(scope="module")
def on_cluster(corpus, client, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cluster")
    run_corpus(_inputs(corpus), out, client=client, batch_size=BATCH, in_flight=3)
    return out


def _sorted(table):
    return table.sort_by([(c, "ascending") for c in table.column_names if c != "geometry"])


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "runs.jsonl"}


def test_cluster_gives_the_same_tables_as_one_process(single, on_cluster):
    for table in TABLES:
        a, b = read_table(single, table), read_table(on_cluster, table)
        assert a.num_rows > 0
        assert _sorted(a).equals(_sorted(b)), table
    assert pq.read_table(single / "places.parquet").equals(pq.read_table(on_cluster / "places.parquet"))
    for layer in (single / "layers").glob("*.geojson"):
        assert layer.read_bytes() == (on_cluster / "layers" / layer.name).read_bytes()
    manifests = [json.loads((out / "manifest.json").read_text()) for out in (single, on_cluster)]
    assert manifests[0]["counts"] == manifests[1]["counts"]
    assert manifests[0]["failures"] == manifests[1]["failures"]


def test_outputs_are_geoparquet_with_one_row_per_mention(on_cluster):
    mentions = gpd.read_parquet(on_cluster / "mentions")
    places = gpd.read_parquet(on_cluster / "places.parquet")
    assert mentions.crs.to_string() == places.crs.to_string() == "OGC:CRS84"
    assert (mentions.geom_type == "Point").all()
    assert mentions.groupby("place_id").size().to_dict() == dict(zip(places.place_id, places.mention_count))
    from mapapp.layers import LAYERS

    assert set(places.layer) <= set(LAYERS)
    assert places.geometry.notna().all()


def test_failing_document_is_in_the_manifest_and_the_rest_is_written(corpus, on_cluster):
    manifest = json.loads((on_cluster / "manifest.json").read_text())
    assert [f["source"] for f in manifest["failures"]] == [str(corpus / "texts" / "broken.txt")]
    assert "binary" in manifest["failures"][0]["error"]
    assert manifest["counts"]["documents"] == 23
    assert manifest["counts"]["ok"] == 22
    written = set(read_table(on_cluster, "mentions", ["doc_id"]).column("doc_id").to_pylist())
    assert len(written) >= 18
    assert manifest["versions"]["dask"] and manifest["versions"]["gazetteer"]


def test_rerun_sends_nothing_and_gives_identical_files(corpus, client, on_cluster):
    before = _files(on_cluster)
    summary = run_corpus(_inputs(corpus), on_cluster, client=client, batch_size=BATCH)
    assert summary.sent == 0 and summary.skipped == 23
    assert _files(on_cluster) == before
    last_run = json.loads((on_cluster / "runs.jsonl").read_text().splitlines()[-1])
    assert last_run["sent"] == 0


def test_interrupted_run_resumes_with_only_the_missing_documents(corpus, single, tmp_path):
    out = tmp_path / "out"
    run_corpus(_inputs(corpus), out, batch_size=BATCH)
    last = partition_numbers(out, "documents")[-1]
    lost = pq.read_table(partition_path(out, "documents", last)).num_rows
    partition_path(out, "documents", last).unlink()  # as if the run stopped before its marker
    summary = run_corpus(_inputs(corpus), out, batch_size=BATCH)
    assert summary.sent == lost
    for table in TABLES:
        assert _sorted(read_table(out, table)).equals(_sorted(read_table(single, table)))


def test_json_lines_dates_give_first_and_last_date(tmp_path):
    text = "Die Delegation reiste von Berlin weiter nach Warschau."
    dates = ["2021-03-04", "2019-01-02", "2023-12-31"]
    lines = [json.dumps({"id": f"d{i}", "date": d, "text": text}) for i, d in enumerate(dates)]
    lines.append(json.dumps({"id": "undated", "text": text}))
    (tmp_path / "in.jsonl").write_text("\n".join(lines), encoding="utf-8")
    run_corpus([str(tmp_path / "in.jsonl")], tmp_path / "out")
    cities = json.loads((tmp_path / "out" / "layers" / "cities.geojson").read_text())
    berlin = next(f["properties"] for f in cities["features"] if f["properties"]["name"] == "Berlin")
    assert (berlin["first_date"], berlin["last_date"]) == (min(dates), max(dates))
    assert berlin["document_count"] == 4 and berlin["mention_count"] == 4


def test_view_filters_places_and_lists_passages(corpus, on_cluster):
    view = load_corpus(on_cluster)
    everything = view.places_geojson()
    assert len(everything["features"]) == pq.read_table(on_cluster / "places.parquet").num_rows
    spring = view.places_geojson(date_from="2024-03-01", date_to="2024-05-31")
    spring_docs = {d.doc_id for d in view.documents() if d.date and "2024-03" <= d.date[:7] <= "2024-05"}
    assert 0 < len(spring["features"]) < len(everything["features"])
    for feature in spring["features"]:
        hits = view.documents_for(feature["id"], date_from="2024-03-01", date_to="2024-05-31")
        assert {h.doc_id for h in hits} <= spring_docs
        assert len(hits) == feature["properties"]["document_count"]
    place = everything["features"][0]["id"]
    hits = view.documents_for(place)
    assert len(hits) == everything["features"][0]["properties"]["document_count"]
    texts = {d["id"]: d["text"] for d in _devset()}
    for hit in hits:
        doc_key = Path(hit.doc_id).stem if hit.doc_id not in texts else hit.doc_id
        for passage in hit.passages:
            assert texts[doc_key][passage.start:passage.end] == passage.text
            for start, end, surface in passage.mentions:
                assert texts[doc_key][start:end] == surface
    one = hits[0].doc_id
    only = view.places_geojson(doc_ids=[one])
    assert all(f["properties"]["document_count"] == 1 for f in only["features"])
    assert place in {f["id"] for f in only["features"]}


def test_cli_runs_in_process_and_refuses_missing_input(corpus, tmp_path, capsys):
    progress = io.StringIO()
    assert cli([str(corpus / "news.jsonl"), "--out", str(tmp_path / "o"), "--in-process"], progress) == 0
    assert "12/12 docs" in progress.getvalue()
    assert "12 documents" in capsys.readouterr().out
    assert cli([str(tmp_path / "nothing*.txt"), "--out", str(tmp_path / "o2"), "--in-process"]) == 2


def test_progress_line_shows_rate_and_eta():
    line = format_progress(50, 200, 10.0, failed=1)
    assert "50/200 docs" in line and "5.0 docs/s" in line and "ETA 0:00:30" in line
    assert "1 failed" in line
    assert "done" in format_progress(200, 200, 40.0)


def test_a_repeated_id_is_geoparsed_once_and_counted_as_duplicate(tmp_path):
    lines = [json.dumps({"id": "same", "text": t}) for t in ("Rom und Mailand.", "Paris und Lyon.")]
    (tmp_path / "in.jsonl").write_text("\n".join(lines), encoding="utf-8")
    summary = run_corpus([str(tmp_path / "in.jsonl")], tmp_path / "out")
    assert (summary.sent, summary.duplicates) == (1, 1)
    names = {f["properties"]["name"] for f in load_corpus(tmp_path / "out").places_geojson()["features"]}
    assert "Rom" in names or "Rome" in names
    assert not names & {"Paris", "Lyon"}


def test_cli_uses_an_existing_scheduler(corpus, client, single, tmp_path):
    out = tmp_path / "remote"
    assert cli(_inputs(corpus) + ["--out", str(out), "--scheduler", client.scheduler.address,
                                  "--batch-size", str(BATCH)], io.StringIO()) == 0
    runs = [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines()]
    assert runs[-1]["engine"] == f"dask {client.scheduler.address}" and runs[-1]["workers"] == 2
    assert _sorted(read_table(out, "mentions")).equals(_sorted(read_table(single, "mentions")))
