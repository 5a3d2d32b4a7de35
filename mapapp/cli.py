"""Command line: ``python -m mapapp <command>``; every command is a thin wrapper over the library."""
from __future__ import annotations

import argparse
import errno
import gc
import importlib
import os
import sys
from pathlib import Path
from typing import NoReturn

from mapapp import collector
from mapapp.errors import UserError
from mapapp.layers import LAYERS
from mapapp.io.atomic import output_dir, output_file, write_text_atomic
from mapapp.io.paths import SEED_FILE, layers_dir_for
from mapapp.io.textio import read_text_file

#: Errors of a path the user gave (a missing folder, a full disk, no permission): one line, not a traceback.
_PATH_ERRNOS = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EEXIST, errno.EACCES,
                          errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EFBIG,
                          errno.ELOOP, errno.ENAMETOOLONG, errno.EXDEV})


def _fail(message: str) -> int:
    print(f"mapapp: {message}", file=sys.stderr)
    return 2


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"mapapp: warning: {warning}", file=sys.stderr)


def cmd_index(args: argparse.Namespace) -> int:
    from mapapp.gazetteer.basemap import basemap_path, build_basemap
    from mapapp.gazetteer.build import ensure_index

    path = ensure_index(force=args.force)
    basemap = basemap_path()
    if args.force or not basemap.exists() or basemap.stat().st_mtime < path.stat().st_mtime:
        build_basemap()
    print(f"index: {path}")
    return 0


def cmd_geoparse(args: argparse.Namespace) -> int:
    if args.output and len(args.files) > 1:
        raise UserError("-o takes one input file; use --output-dir for several")
    if args.output_dir:
        output_dir(Path(args.output_dir))
    elif args.output:
        output_file(Path(args.output))
    with collector.paused():
        for number, name in enumerate(args.files):  # each file written before the next is read
            if number:
                gc.collect()  # what the last document left in cycles; nothing after the last one
            _geoparse_file(name, args)
        if args.exiting:  # else the collector, back on, would walk the memos the process leaves behind
            collector.before_exit()
    return 0


def _geoparse_file(name: str, args: argparse.Namespace) -> None:
    from mapapp.gazetteer.query import get_gazetteer
    from mapapp.geojson import geojson_text
    from mapapp.pipeline import geoparse

    decoded = read_text_file(name)
    _warn(decoded.warnings)
    doc = geoparse(decoded.text, args.lang, online=args.online or None)
    _warn(doc.warnings)
    if args.output_dir or args.output:
        target = Path(args.output_dir) / f"{Path(name).stem}.geojson" if args.output_dir else Path(args.output)
        write_text_atomic(target, "".join(geojson_text(doc, get_gazetteer().outline_geojson)))
    else:
        sys.stdout.writelines(geojson_text(doc, get_gazetteer().outline_geojson))
        sys.stdout.write("\n")


def cmd_build(args: argparse.Namespace) -> int:
    from mapapp import corrections as corr
    from mapapp.io.layerfiles import write_layers
    from mapapp.pipeline import geoparse

    source = Path(args.file or SEED_FILE)
    out = output_dir(Path(args.out) if args.out else layers_dir_for(source))
    decoded = read_text_file(source)
    _warn(decoded.warnings)
    extra = corr.read_file(Path(args.corrections)) if args.corrections else []
    with collector.paused():
        doc = geoparse(decoded.text, args.lang, online=args.online or None)
    store, th = corr.CorrectionStore(), corr.text_hash(decoded.text)
    corr.adopt_legacy(store, decoded.text, out)
    fixed = corr.apply_corrections(doc, [*store.effective(th), *extra], th)
    doc = fixed.doc
    written = write_layers(doc, out, source.name)
    counts = ", ".join(f"{layer} {n}" for layer in LAYERS if (n := len(doc.places_in_layer(layer))))
    other = f", {len(fixed.other_text)} for other texts not applied" if fixed.other_text else ""
    print(f"{source.name}: {len(doc.places)} places ({counts}); "
          f"{len(fixed.applied)} corrections applied, {len(fixed.orphaned)} orphaned{other}; "
          f"{len(written)} files in {out}")
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
    s.add_argument("--corrections", metavar="PATH",
                   help="also apply an exported corrections file (only its corrections of this text)")
    s.set_defaults(func=cmd_build)

    for name, text in (("evaluate", "precision/recall/F1 and acc@161 on gold (see evaluate --help)"),
                       ("export", "static map image png/svg/pdf (see export --help)"),
                       ("geocode", "ask the online geocoder for one name"),
                       ("app", "serve the map app on a text, or on a corpus output with --corpus DIR"),
                       ("corpus", "many documents on one map, on Dask (see corpus --help)")):
        sub.add_parser(name, help=text, add_help=False)
    return p


DELEGATED = {"evaluate": "mapapp.evaluate", "export": "mapapp.render.image.cli", "geocode": "mapapp.geocode.nominatim",
             "app": "mapapp.app.launch", "corpus": "mapapp.corpus.cli"}


def _path_error(exc: OSError) -> str | None:
    """One line for an OSError about a path, None for any other (a bug, shown as one)."""
    if exc.errno not in _PATH_ERRNOS:
        return None
    return f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc.strerror or exc)


def run() -> NoReturn:
    """The process's entry point (``mapapp``, ``python -m mapapp``): main, then exit at once."""
    code = main(exiting=True)
    collector.before_exit()
    sys.exit(code)


def main(argv: list[str] | None = None, *, exiting: bool = False) -> int:
    """Run one command; what the user can act on is one line on stderr and exit status 2.
    ``exiting``: the process ends when the command returns (``run``), so a batch command
    may leave its heap to the exit instead of collecting it."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in DELEGATED:
            return importlib.import_module(DELEGATED[argv[0]]).cli(argv[1:])
        args = parser().parse_args(argv)
        args.exiting = exiting
        return args.func(args)
    except UserError as exc:
        return _fail(str(exc))
    except BrokenPipeError:  # `mapapp geoparse x | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        return 1
    except OSError as exc:
        message = _path_error(exc)
        if message is None:
            raise
        return _fail(message)
    except KeyboardInterrupt:
        return 130
