"""Corpus mode: many documents geoparsed on Dask into GeoParquet, places and layers."""
