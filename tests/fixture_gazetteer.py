"""A tiny gazetteer for unit tests, built by the real build code in milliseconds.

Its rows are copied from the full index (same ids, coordinates, populations,
admin1 codes and sources), with a handful of names each and small boxes for
outlines, so that recognition and resolution can be tested on namesakes
(Paris FR / Texas / Tennessee, Priozersk RU / KZ, Brest BY / FR) without the
1.5-minute build of the full index.
"""
from __future__ import annotations

from pathlib import Path

from shapely.geometry import LineString, MultiLineString, box

from mapapp.gazetteer.build import write_index
from mapapp.gazetteer.sources import Border, Record


def _names(*names: str, alternates: tuple[str, ...] = ()) -> tuple[tuple[str, bool], ...]:
    return tuple((n, True) for n in names) + tuple((n, False) for n in alternates)


def _country(code: str, name: str, name_de: str, lat: float, lon: float, pop: int, wikidata: str,
             outline: tuple[float, float, float, float], *names: str) -> Record:
    return Record(f"country-{code.lower()}", name, name_de, "countries", "country", code, lat, lon, pop,
                  f"wikidata:{wikidata}", geometry=box(*outline), names=_names(name, name_de, *names))


def _city(slug: str, gid: int, name: str, category: str, cc: str, lat: float, lon: float, pop: int,
          admin1: str, *alternates: str) -> Record:
    return Record(f"{slug}-{gid}", name, "", "cities", category, cc, lat, lon, pop, f"geonames:{gid}",
                  admin1, names=_names(name, alternates=alternates))


RECORDS: tuple[Record, ...] = (
    _country("KZ", "Kazakhstan", "Kasachstan", 49.0541, 68.6855, 18513930, "Q232", (46.5, 40.6, 87.3, 51.0)),
    _country("RU", "Russia", "Russland", 58.2494, 44.6865, 144373535, "Q159", (27.0, 51.0, 180.0, 77.0)),
    _country("FR", "France", "Frankreich", 46.6961, 2.5523, 67059887, "Q142", (-4.8, 42.3, 8.2, 51.1)),
    _country("US", "United States of America", "Vereinigte Staaten", 39.5385, -97.4826, 328239523, "Q30",
             (-124.7, 24.5, -66.9, 49.4), "USA", "United States", "Amerika"),
    _country("BY", "Belarus", "Belarus", 53.8219, 28.4177, 9466856, "Q184", (23.2, 51.3, 32.8, 56.2),
             "Weißrussland"),
    _country("GB", "United Kingdom", "Vereinigtes Königreich", 54.4027, -2.1163, 66834405, "Q145",
             (-8.2, 49.9, 1.8, 58.7), "Großbritannien"),
    Record("baikonur-cosmodrome", "Baikonur Cosmodrome", "Kosmodrom Baikonur", "sites", "cosmodrome", "KZ",
           45.965, 63.305, 0, "wikidata:Q177477",
           names=_names("Baikonur Cosmodrome", "Kosmodrom Baikonur", "Baikonur-Kosmodrom")),
    Record("vostochny-cosmodrome", "Vostochny Cosmodrome", "Kosmodrom Wostotschny", "sites", "cosmodrome",
           "RU", 51.884, 128.334, 0, "wikidata:Q1166191",
           names=_names("Vostochny Cosmodrome", "Kosmodrom Wostotschny")),
    Record("caspian-sea", "Caspian Sea", "Kaspisches Meer", "regions", "sea", "", 42.0, 51.0, 0,
           "wikidata:Q5484", geometry=box(46.7, 36.6, 54.7, 47.1),
           names=_names("Caspian Sea", "Kaspisches Meer")),
    Record("us-state-tx", "Texas", "", "regions", "state", "US", 30.9512, -97.6307, 0, "geonames:4736286",
           "TX", geometry=box(-106.6, 25.8, -93.5, 36.5), names=_names("Texas")),
    Record("us-state-tn", "Tennessee", "", "regions", "state", "US", 35.8428, -86.0787, 0,
           "geonames:4662168", "TN", geometry=box(-90.3, 35.0, -81.6, 36.7), names=_names("Tennessee")),
    _city("paris", 2988507, "Paris", "capital", "FR", 48.8534, 2.3488, 2138551, "11", "Paname"),
    _city("paris", 4717560, "Paris", "town", "US", 33.6609, -95.5555, 24782, "TX"),
    _city("paris", 4647963, "Paris", "town", "US", 36.302, -88.3267, 10150, "TN"),
    _city("dallas", 4684888, "Dallas", "city", "US", 32.7831, -96.8067, 1326087, "TX"),
    _city("nashville", 4644585, "Nashville", "city", "US", 36.1659, -86.7844, 689447, "TN"),
    _city("memphis", 4641239, "Memphis", "city", "US", 35.1495, -90.049, 633104, "TN"),
    _city("moscow", 524901, "Moscow", "capital", "RU", 55.752, 37.6178, 10381222, "48", "Moskau", "Moskva"),
    _city("almaty", 1526384, "Almaty", "city", "KZ", 43.2525, 76.9115, 1977011, "02", "Alma-Ata"),
    _city("vostochny", 797241, "Vostochny", "town", "RU", 44.3149, 44.1964, 2500, "70"),
    _city("novouralsk", 1538636, "Novoural’sk", "town", "RU", 57.2548, 60.0905, 93849, "71", "Novouralsk"),
    _city("london", 2643743, "London", "capital", "GB", 51.5085, -0.1257, 8961989, "ENG", "Londres"),
    _city("uran", 1253702, "Uran", "town", "IN", 18.8781, 72.9392, 30439, "16"),
    _city("welt", 2811384, "Welt", "town", "DE", 54.3167, 8.6667, 219, "10"),
    _city("priozersk", 505230, "Priozërsk", "town", "RU", 61.0403, 30.1392, 18300, "42", "Priozersk"),
    _city("priozersk", 7536148, "Priozersk", "town", "KZ", 46.0311, 73.7025, 13457, "12"),
    _city("balqash", 1525798, "Balqash", "town", "KZ", 46.8455, 74.9821, 81364, "12", "Balkhash"),
    _city("minsk", 625144, "Minsk", "capital", "BY", 53.9002, 27.5665, 1742124, "04"),
    _city("brest", 629634, "Brest", "city", "BY", 52.1089, 23.7175, 347138, "01"),
    _city("brest", 3030300, "Brest", "city", "FR", 48.3903, -4.4863, 144899, "53"),
    _city("baikonur", 1521368, "Baikonur", "town", "KZ", 45.6167, 63.3167, 70000, "08", "Bajkonur"),
)

#: The Kazakhstan–Russia border, drawn coarsely along the two boxes' shared edge.
BORDERS: tuple[Border, ...] = (
    Border("KZ", "RU", MultiLineString([LineString([(46.5, 51.0), (61.0, 51.0), (87.3, 51.0)])]), 7644.0),
)


def build_fixture_index(path: Path) -> Path:
    """Write the fixture index to ``path`` with the real build code (word frequencies from wordfreq)."""
    return write_index(path, RECORDS, BORDERS)
