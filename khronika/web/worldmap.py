"""The map page's country outlines: Natural Earth's 1:110m countries as the ``world-atlas``
npm package ships them (TopoJSON, vendored in static/vendor/world-atlas/), turned into the
GeoJSON ECharts draws, coordinates rounded to keep it small. The GeoJSON is made once, when
the vendored package changes, and shipped beside it:

    python -m khronika.web.worldmap
"""

from __future__ import annotations

import json
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "static" / "vendor" / "world-atlas"
TOPOLOGY = VENDOR / "countries-110m.json"
GEOJSON = VENDOR / "countries-110m.geo.json"
DIGITS = 2  # about 1 km: finer than the 1:110m outlines themselves


def _arcs(topology: dict, digits: int) -> list[list[list[float]]]:
    """Every arc in degrees: quantized arcs are delta-encoded and scaled by the transform."""
    transform = topology.get("transform")
    decoded = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                lon, lat = x * sx + tx, y * sy + ty
            else:
                lon, lat = position[0], position[1]
            points.append([round(lon, digits), round(lat, digits)])
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[list[float]]], indices: list[int]) -> list[list[float]]:
    """A closed ring from its arcs (~i: arc i reversed); each arc starts where the last ended."""
    ring: list[list[float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def split_at_antimeridian(ring: list[list[float]]) -> list[list[list[float]]]:
    """A ring that crosses the 180th meridian (Chukotka, Fiji: the outlines are on the
    sphere) as one closed ring on each side, so a flat map draws no line across the world;
    a ring around the pole (Antarctica: it crosses once) is left whole."""
    jumps = [i for i in range(1, len(ring)) if abs(ring[i][0] - ring[i - 1][0]) > 180]
    if not jumps or len(jumps) % 2:
        return [ring]
    pieces = [ring[a:b] for a, b in zip([0, *jumps], [*jumps, len(ring)], strict=True)]
    pieces[0] = pieces.pop() + pieces[0][1:]  # the ring's start and end are one piece
    return [[*piece, piece[0]] for piece in pieces if len(piece) >= 3]


def _polygons(arcs, polygon: list[list[int]]) -> list[list[list[list[float]]]]:
    outer, *holes = [_ring(arcs, r) for r in polygon]
    pieces = split_at_antimeridian(outer)
    return [[outer, *holes]] if pieces == [outer] else [[piece] for piece in pieces]


def _geometry(arcs, geometry: dict) -> dict | None:
    kind = geometry.get("type")
    if kind == "Polygon":
        polygons = _polygons(arcs, geometry["arcs"])
    elif kind == "MultiPolygon":
        polygons = [p for polygon in geometry["arcs"] for p in _polygons(arcs, polygon)]
    else:
        return None  # a country with no outline at this scale
    if kind == "Polygon" and len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def topology_to_geojson(topology: dict, name: str, digits: int = DIGITS) -> dict:
    """The GeoJSON FeatureCollection of the topology's object ``name`` (its polygons and
    multipolygons; each feature keeps its id and properties)."""
    arcs = _arcs(topology, digits)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        shape = _geometry(arcs, geometry)
        if shape is not None:
            features.append({"type": "Feature", "id": geometry.get("id"),
                             "properties": geometry.get("properties") or {},
                             "geometry": shape})
    return {"type": "FeatureCollection", "features": features}


def derived() -> str:
    """The shipped GeoJSON's text, from the vendored TopoJSON."""
    topology = json.loads(TOPOLOGY.read_text(encoding="utf-8"))
    return json.dumps(topology_to_geojson(topology, "countries"), ensure_ascii=False,
                      separators=(",", ":")) + "\n"


if __name__ == "__main__":
    GEOJSON.write_text(derived(), encoding="utf-8")
    print(f"{GEOJSON} ({GEOJSON.stat().st_size:,} bytes)")
