"""Folium elements whose rendered markup is placed as it is, never compiled again.

branca adds each element's rendered script to the page as ``Element(text)``, and an
Element's text is a Jinja template that the page's render evaluates once more. Map data
(place names from the gazetteer, an online geocoder or a corpus) would then be read as
template code: ``{{ 7*7 }}`` in a name became ``49`` in the page, ``{{ x`` stopped the map
from being drawn at all, and a crafted name could reach Python objects on the server. The
classes here render their macros once, with the data, and hand the finished text on as a
:class:`Literal`, whose own template only prints it.
"""
from __future__ import annotations

from branca.element import Element, MacroElement
from jinja2 import Template


class Literal(Element):
    """Finished markup, placed as it is."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class LiteralMacro(MacroElement):
    """A MacroElement whose header, html and script macros are rendered once and placed as
    Literals (branca's own render would compile their output as a template)."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        module = self._template.module
        for part, target in (("header", figure.header), ("html", figure.html),
                             ("script", figure.script)):
            macro = module.__dict__.get(part)
            if macro is not None:
                target.add_child(Literal(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
