"""The region's powiats as SVG paths, projected from the shipped GeoJSON once per process.

Projection as the data's README suggests: x = lon · cos(50.77°), y = -lat, scaled into a
fixed viewBox. Rings keep their GeoJSON winding, so the default ``nonzero`` fill draws the
Kielce hole of powiat kielecki; Kielce (2661) comes last and is drawn on top.
"""

import functools
import itertools
import json
import math
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe

GEOJSON = Path(__file__).resolve().parent / "data" / "powiaty_26.geojson"
WIDTH = 600
PADDING = 10
_COS = math.cos(math.radians(50.77))


def _rings(geometry) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def _centroid(ring) -> tuple[float, float]:
    """Area centroid of a ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return ring[0][0], ring[0][1]
    return cx / (3 * area), cy / (3 * area)


@functools.cache
def powiat_shapes() -> tuple[str, tuple[dict, ...]]:
    """``(viewBox, shapes)``: each shape has ``code``, ``name``, ``d`` and a label point."""
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    projected = []
    for feature in features:
        rings = [[(lon * _COS, -lat) for lon, lat in ring] for ring in _rings(feature["geometry"])]
        projected.append((feature["properties"], rings))
    xs = [x for _, rings in projected for ring in rings for x, _ in ring]
    ys = [y for _, rings in projected for ring in rings for _, y in ring]
    scale = (WIDTH - 2 * PADDING) / (max(xs) - min(xs))
    height = round((max(ys) - min(ys)) * scale + 2 * PADDING)

    def point(x, y):
        return (x - min(xs)) * scale + PADDING, (y - min(ys)) * scale + PADDING

    shapes = []
    for props, rings in projected:
        screen = [[point(x, y) for x, y in ring] for ring in rings]
        d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in screen)
        lx, ly = _centroid(screen[0])
        if props["teryt"] == "2604":
            # The centroid of powiat kielecki falls inside its hole, Kielce: move the
            # label to the middle of its western half.
            west = [p for p in screen[0] if p[0] < lx]
            lx = sum(p[0] for p in west) / len(west)
            ly = sum(p[1] for p in west) / len(west)
        shapes.append(
            {
                "code": props["teryt"],
                "name": props["name"],
                "d": mark_safe(d),  # numbers and letters only  # noqa: S308
                # Strings: SVG needs a decimal point whatever the page's locale.
                "x": f"{lx:.1f}",
                "y": f"{ly:.1f}",
            }
        )
    return f"0 0 {WIDTH} {height}", tuple(shapes)


def svg_links(powiats: list[dict]) -> str:
    """The map's clickable powiats: one ``<a>`` per powiat (``_map`` in the views makes the
    dicts). Built here rather than in the template: a search renders it every time."""
    out = []
    for p in powiats:
        css = (
            "powiat"
            + (" selected" if p["selected"] else "")
            + (" has-entities" if p["count"] else "")
        )
        current = ' aria-current="true"' if p["selected"] else ""
        out.append(
            f'<a href="{escape(p["href"])}" data-code="{escape(p["code"])}" class="{css}"'
            f' aria-label="{escape(p["label"])}"{current}>'
            f'<path d="{p["d"]}"/>'
            f'<text x="{p["x"]}" y="{p["y"]}" aria-hidden="true">{p["count"]}</text></a>'
        )
    return mark_safe("\n".join(out))  # noqa: S308 (values escaped above; d, x, y are numbers)


def table_rows(powiats: list[dict]) -> str:
    """The same counts as table rows (the map's text alternative)."""
    out = []
    for p in powiats:
        current = ' aria-current="true"' if p["selected"] else ""
        out.append(
            f'<tr><th scope="row"><a href="{escape(p["href"])}"{current}>{escape(p["name"])}</a>'
            f"</th><td>{p['count']}</td></tr>"
        )
    return mark_safe("\n".join(out))  # noqa: S308 (values escaped above)
