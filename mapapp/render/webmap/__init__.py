"""The interactive Leaflet map (folium), with its JavaScript and basemap served locally."""
