"""The one framing rule: main bodies, the antimeridian only when straddled, far places outside."""
from conftest import _country
from shapely.geometry import Point

from mapapp.model import Place
from mapapp.render import framing


def _area(pid: str, iso: str, category: str = "country", layer: str = "countries") -> Place:
    geom = _country(iso)
    c = geom.representative_point()
    return Place(pid, pid, layer, category, iso, "test", geom, c.y, c.x)


def _point(pid: str, lat: float, lon: float, layer: str = "cities") -> Place:
    return Place(pid, pid, layer, "city", "", "test", Point(lon, lat), lat, lon)


def test_seed_frames_kazakhstan_and_russia_and_leaves_the_usa_outside(seed_doc):
    red_square = _point("red-square", 55.754, 37.62, "sites")
    f = framing.frame([*seed_doc.places, red_square, _area("country-us", "US")])
    assert f.outside == ("country-us",)
    assert {"country-kz", "country-ru", "moscow-524901", "almaty-1526384", "baikonur-cosmodrome",
            "sary-shagan", "border-kz-ru", "red-square"} == set(f.framed)
    for p in (*seed_doc.places, red_square):
        if p.geometry.geom_type == "Point":
            assert f.contains(p.lat, p.lon), p.name
    assert not f.contains(38.9, -77.0), "Washington is not in the frame"
    (lat, lon), zoom = framing.view_for(f, 900, 800)
    assert 20 < lon < 180 and zoom >= 2


def test_france_is_framed_by_its_metropolitan_body():
    f = framing.frame([_area("country-fr", "FR")])
    assert -6 < f.west < -4 and 9 < f.east < 10 and 41 < f.south and f.north < 52
    assert f.contains(42.0, 9.2), "Corsica lies close and belongs to the main body"
    assert not f.contains(4.0, -53.0), "French Guiana does not"
    (lat, lon), zoom = framing.view_for(f, 900, 700)
    assert 45 < lat < 48 and 0 < lon < 4 and zoom >= 5


def test_continent_and_union_polygons_do_not_stretch_the_frame():
    europe = _area("continent-eu", "RU", "continent", "regions")
    eu = _area("european-union", "FR", "union", "regions")
    f = framing.frame([_area("country-de", "DE"), europe, eu])
    assert f.framed == ("country-de",) and 5 < f.west and f.east < 16
    alone = framing.frame([europe])
    assert alone.framed == ("continent-eu",), "a continent alone is still framed"


def test_places_either_side_of_the_antimeridian_wrap():
    suva, lakeba = _point("suva", -18.14, 178.44), _point("lakeba", -18.2, -178.8)
    fiji = framing.frame([_area("country-fj", "FJ"), suva, lakeba])
    assert fiji.wraps and 176 < fiji.west < 178 and 181 < fiji.east < 182
    (lat, lon), zoom = framing.view_for(fiji, 900, 700)
    assert zoom >= 6 and (lon > 170 or lon < -170)
    anadyr, nome = _point("anadyr", 64.73, 177.5), _point("nome", 64.5, -165.4)
    chukotka = framing.frame([anadyr, nome])
    assert chukotka.wraps and chukotka.east - chukotka.west < 20
    assert chukotka.contains(64.6, -170.0) and not chukotka.contains(50.0, 0.0)


def test_russia_or_the_usa_do_not_shift_a_frame_that_does_not_straddle(seed_doc):
    russia = framing.frame([seed_doc.place("country-ru"), seed_doc.place("moscow-524901")])
    assert not russia.wraps and 26 < russia.west < 28 and russia.east == 180.0, "Kaliningrad is not the main body"
    islands = framing.frame([_area("country-fj", "FJ")])
    assert not islands.wraps and 176 < islands.west < 178 and islands.east == 180.0
    f = framing.frame([_area("country-us", "US"), _point("new-york", 40.7, -74.0)])
    assert not f.wraps and -126 < f.west < -120 and -70 < f.east < -60
    (lat, lon), zoom = framing.view_for(f, 900, 700)
    assert -110 < lon < -85


def test_a_single_point_is_centred_at_the_largest_zoom():
    f = framing.frame([_point("almaty", 43.25, 76.917)])
    assert framing.view_for(f, 900, 700, max_zoom=7) == ((43.25, 76.917), 7)


def test_nothing_frames_the_inhabited_world():
    f = framing.frame([])
    assert f.is_empty and f.framed == () and f.outside == ()
    (lat, lon), zoom = framing.view_for(f, 1400, 900)
    assert zoom <= 3


def test_two_distant_places_are_both_framed_without_a_rest_to_compare():
    f = framing.frame([_point("berlin", 52.5, 13.4), _point("tokyo", 35.7, 139.7)])
    assert f.outside == () and f.contains(52.5, 13.4) and f.contains(35.7, 139.7)


def test_a_map_size_grows_the_frame_to_its_proportions():
    base = framing.frame([_area("country-fr", "FR")])
    wide = framing.frame([_area("country-fr", "FR")], 1600, 400)
    assert wide.east - wide.west > 2 * (base.east - base.west)
    assert wide.south == base.south and wide.north == base.north
