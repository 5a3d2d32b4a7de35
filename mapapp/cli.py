"""Command line: ``python -m mapapp <command>``; every command is a thin wrapper over the library."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mapapp.io.atomic import write_text_atomic
from mapapp.io.paths import SEED_FILE, layers_dir_for
from mapapp.io.textio import InputError, read_text_file


def _fail(message: str) -> int:
    print(f"mapapp: {message}", file=sys.stderr)
    return 2


def cmd_index(args: argparse.Namespace) -> int:
    from mapapp.gazetteer.basemap import build_basemap
    from mapapp.gazetteer.build import ensure_index

    path = ensure_index(force=args.force)
    build_basemap()
    print(f"index: {path}")
    return 0


def cmd_geoparse(args: argparse.Namespace) -> int:
    from mapapp.pipeline import geoparse

    if args.output and len(args.files) > 1:
        return _fail("-o takes one input file; use --output-dir for several")
    docs = []
    for name in args.files:
        try:
            decoded = read_text_file(name)
        except InputError as exc:
            return _fail(str(exc))
        for warning in decoded.warnings:
            print(f"mapapp: warning: {warning}", file=sys.stderr)
        docs.append((Path(name), geoparse(decoded.text, args.lang, online=args.online or None)))
    for path, doc in docs:
        for warning in doc.warnings:
            print(f"mapapp: warning: {warning}", file=sys.stderr)
        payload = json.dumps(doc.to_geojson(), ensure_ascii=False, indent=1)
        if args.output_dir:
            write_text_atomic(Path(args.output_dir) / f"{path.stem}.geojson", payload)
        elif args.output:
            write_text_atomic(Path(args.output), payload)
        else:
            sys.stdout.write(payload + "\n")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from mapapp.io.layerfiles import write_layers
    from mapapp.pipeline import geoparse

    source = Path(args.file or SEED_FILE)
    try:
        decoded = read_text_file(source)
    except InputError as exc:
        return _fail(str(exc))
    doc = geoparse(decoded.text, args.lang, online=args.online or None)
    out = Path(args.out) if args.out else layers_dir_for(source)
    try:
        from mapapp.corrections import apply_corrections, load_corrections
        corrections = load_corrections(out)
        if corrections:
            doc = apply_corrections(doc, corrections)
    except ImportError:
        corrections = []
    written = write_layers(doc, out, source.name)
    counts = ", ".join(f"{layer} {len(doc.places_in_layer(layer))}" for layer in
                       ("countries", "regions", "borders", "cities", "sites"))
    print(f"{source.name}: {len(doc.places)} places ({counts}); "
          f"{len(corrections)} corrections applied; {len(written)} files in {out}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m mapapp", description="Read a text with its map.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("index", help="build the offline gazetteer index (once; cached)")
    s.add_argument("--force", action="store_true", help="rebuild even if current")
    s.set_defaults(func=cmd_index)

    s = sub.add_parser("geoparse", help="GeoJSON of the places each text names")
    s.add_argument("files", nargs="+")
    s.add_argument("--lang", default="auto", choices=["de", "en", "auto"])
    s.add_argument("-o", "--output")
    s.add_argument("--output-dir")
    s.add_argument("--online", action="store_true", help="ask a Nominatim service for unknown names")
    s.set_defaults(func=cmd_geoparse)

    s = sub.add_parser("build", help="layers + passages.json of a text for the map app")
    s.add_argument("file", nargs="?")
    s.add_argument("--out")
    s.add_argument("--lang", default="auto", choices=["de", "en", "auto"])
    s.add_argument("--online", action="store_true")
    s.set_defaults(func=cmd_build)

    for name, text in (("evaluate", "precision/recall/F1 and acc@161 on gold (see evaluate --help)"),
                       ("export", "static map image png/svg/pdf (see export --help)"),
                       ("geocode", "ask the online geocoder for one name"),
                       ("app", "serve the map app on a text, or on a corpus output with --corpus DIR"),
                       ("corpus", "many documents on one map, on Dask (see corpus --help)")):
        sub.add_parser(name, help=text, add_help=False)
    return p


DELEGATED = {"evaluate": "mapapp.evaluate", "export": "mapapp.render.image.export", "geocode": "mapapp.geocode.nominatim",
             "app": "mapapp.app.main", "corpus": "mapapp.corpus.cli"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DELEGATED:
        import importlib

        try:
            return importlib.import_module(DELEGATED[argv[0]]).cli(argv[1:])
        except InputError as exc:
            return _fail(str(exc))
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        return _fail(str(exc))
    except ValueError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
