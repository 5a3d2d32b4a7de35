"""``mapapp export``: arguments to ExportOptions, and every user error as one line with exit code 2."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mapapp.layers import LAYERS
from mapapp.render.image.export import export_file
from mapapp.render.image.options import FORMATS, PRESETS, ExportError, ExportOptions
from mapapp.render.image.projection import parse_bbox


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument as one line, not usage plus exit."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(message)


def _parser() -> _Parser:
    p = _Parser(prog="mapapp export", description="Write a static map (PNG, SVG or PDF) of a text's places.")
    p.add_argument("source", nargs="?", help="text file or folder of built layers (default: the seed)")
    p.add_argument("--format", "-f", choices=FORMATS, help="output format (default: from -o's suffix)")
    p.add_argument("-o", "--out", required=True, help="output file")
    p.add_argument("--layers", help=f"comma-separated subset of {','.join(LAYERS)}")
    p.add_argument("--preset", choices=PRESETS,
                   help="; ".join(f"{name}: {p.label}" for name, p in PRESETS.items())
                   + " (--width/--height/--dpi override it)")
    p.add_argument("--width", type=int, help="image width in pixels (default 1800)")
    p.add_argument("--height", type=int, help="image height in pixels (default 1100)")
    p.add_argument("--dpi", type=int, help="resolution; alone it scales the default pixel size (default 150)")
    p.add_argument("--bbox", help="W,S,E,N in degrees (default: fit the places)")
    p.add_argument("--title", help="map title (default: the source's name, e.g. 'Kazakhstan commentary')")
    p.add_argument("--subtitle", help="line under the title (default: how many places of each kind)")
    p.add_argument("--credit", help="your credit line, printed before the data attribution")
    p.add_argument("--focus", help="country codes to bring forward, e.g. KZ,RU (default: the most named)")
    return p


def options_from_args(args: argparse.Namespace) -> ExportOptions:
    """ExportOptions from parsed arguments; raises ExportError on a bad combination."""
    suffix = Path(args.out).suffix.lower().lstrip(".")
    fmt = args.format or suffix
    if fmt not in FORMATS:
        raise ExportError(f"cannot tell the format from {args.out!r}; pass --format {'|'.join(FORMATS)}")
    if suffix in FORMATS and suffix != fmt:
        raise ExportError(f"--format {fmt} does not match the output file's suffix .{suffix}")
    defaults = ExportOptions(fmt)
    if args.preset:
        preset = PRESETS[args.preset]
        defaults = ExportOptions(fmt, preset.width_px, preset.height_px, preset.dpi)
    dpi = args.dpi or defaults.dpi
    scale = dpi / defaults.dpi if args.width is None and args.height is None else 1.0
    width = args.width or round(defaults.width_px * scale)
    if args.height is None and args.width is not None:
        height = round(width * defaults.height_px / defaults.width_px)
    else:
        height = args.height or round(defaults.height_px * scale)
    layers = None
    if args.layers is not None:
        layers = tuple(name.strip() for name in args.layers.split(",") if name.strip())
        if not layers:
            raise ExportError("--layers needs at least one layer name")
    try:
        bbox = parse_bbox(args.bbox) if args.bbox is not None else None
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    focus = tuple(args.focus.split(",")) if args.focus is not None else None
    return ExportOptions(fmt, width, height, dpi, layers, bbox, args.title, args.subtitle, args.credit, focus)


def cli(argv: list[str]) -> int:
    """``mapapp export``: 0 on success, 2 with one line on stderr for a user error."""
    try:
        args = _parser().parse_args(argv)
        options = options_from_args(args)
        out = export_file(args.source, args.out, options)
    except (_ArgumentError, ExportError) as exc:
        print(f"mapapp export: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0
