"""Named groups in the SVG: ``<g id="layer-cities">`` holding ``<g id="place-almaty-1526384">``.

matplotlib writes an artist's gid as its ``<g id=…>``, one level deep; a
designer opening the file in Illustrator or Inkscape wants a layer to pick
and, inside it, one group per place. ``Group`` is an artist that draws its
children inside its own named group, so the nesting survives into the file.
PNG output ignores groups; PDF has none.
"""
from __future__ import annotations

import re

from matplotlib.artist import Artist


def slug(text: str) -> str:
    """Lower-case letters, digits and hyphens only: safe as an SVG id and readable."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


class Group(Artist):
    """Draws ``children`` (artists not added to the axes themselves) inside ``<g id=gid>``."""

    def __init__(self, gid: str, zorder: float):
        super().__init__()
        self.set_gid(gid)
        self.set_zorder(zorder)
        self.children: list[Artist] = []

    def add(self, artist: Artist) -> Artist:
        self.children.append(artist)
        return artist

    def get_children(self) -> list[Artist]:
        return list(self.children)

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        renderer.open_group("group", gid=self.get_gid())
        for child in self.children:
            child.draw(renderer)
        renderer.close_group("group")
        self.stale = False


def new_group(ax, gid: str, zorder: float) -> Group:
    """A group added to ``ax`` (drawn in zorder with the axes' other artists)."""
    group = Group(gid, zorder)
    group.axes = ax
    group.set_figure(ax.figure)
    ax.add_artist(group)
    return group


def child_group(ax, parent: Group, gid: str) -> Group:
    """A group nested in ``parent`` (a place inside its layer), drawn when the parent is."""
    group = Group(gid, parent.get_zorder())
    group.axes = ax
    group.set_figure(ax.figure)
    return parent.add(group)


def figure_group(fig, gid: str) -> Group:
    """A group of figure-level artists (titles, credits), drawn above the map."""
    group = Group(gid, 10)
    group.set_figure(fig)
    fig.add_artist(group)
    return group


def adopt(group: Group, ax, artist: Artist, transform=None) -> Artist:
    """Attach ``artist`` to ``ax`` without listing it there, and draw it inside ``group``, clipped
    to the axes' box (what clipping to the axes patch amounts to, without a new transform per artist)."""
    artist.axes = ax
    artist.set_figure(ax.figure)
    artist.set_transform(transform if transform is not None else ax.transData)
    artist.set_clip_box(ax.bbox)
    return group.add(artist)
