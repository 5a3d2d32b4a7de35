"""The Streamlit map app: ``streamlit run mapapp/app/main.py [-- FILE] [-- --corpus DIR]``.

The entry point only: it parses the script's arguments and hands each page to its
module, mapapp.app.text_page (one text) and mapapp.app.corpus_page (a corpus output),
which share mapapp.app.components.
"""
from __future__ import annotations

import sys

import streamlit as st

from mapapp.app import components, corpus_page, text_page
from mapapp.app.arguments import parse_args
from mapapp.app.labels import md_text
from mapapp.io.textio import InputError
from mapapp.render.webmap import assets


def main() -> None:
    st.set_page_config(page_title="mapapp", layout="wide")
    assets.register_assets()
    components.page_style()
    try:
        args = parse_args(sys.argv[1:])
    except InputError as exc:
        st.error(md_text(str(exc)))
        return

    def one_text() -> None:
        text_page.render(args.file)

    def corpus() -> None:
        corpus_page.render(args.corpus)

    pages = [st.Page(one_text, title="One text", url_path="text", default=args.corpus is None),
             st.Page(corpus, title="Corpus", url_path="corpus", default=args.corpus is not None)]
    page = st.navigation(pages)
    st.sidebar.title("mapapp")
    page.run()


if __name__ == "__main__":
    main()
