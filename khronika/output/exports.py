"""`khronika export`: stored events as PLOVER JSON Lines, a GDELT-style TSV, or Parquet.

- ``plover``: one JSON object per event with PLOVER's field names (id, date, source and
  recipient as lists of actor objects {code, sector, actor_text, identifier_id (Wikidata),
  identifier_text}, event, mode, context, quad_code (PLOVER's quads), event_scale
  (Goldstein), event_loc, event_text, text_info, cite_info, coder), plus khronika's
  modality, cameo, date_precision, num_articles, num_sources and summary. Reciprocal
  events (CONSULT other than visits, AGREE, COOPERATE) list all parties as source, as the
  PLOVER manual asks.
- ``gdelt``: one row per dyad (actor × recipient; parties of a multilateral event in
  pairs), columns ``GDELT_COLUMNS``: GDELT 2.0 event-table names for the fields khronika
  has, then its own (Modality, PloverType, DatePrecision, Summary).
- ``parquet``: the events table as Parquet files, partitioned by event month
  (``month=2021-04/``; undated events under ``month=unknown``), into a new or empty folder;
  ``overwrite`` replaces an earlier export there (never other files).
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from itertools import combinations
from pathlib import Path

from .. import __version__
from ..errors import OutputExists
from ..store.query import Filters, select_events

PLOVER_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2,
               "AID": 2, "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3,
               "SANCTION": 3, "THREATEN": 3, "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4,
               "ASSAULT": 4}
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE"}
SECTORS_WITHOUT_COUNTRY = ("IGO", "NGO", "MNC", "IMG", "UIS")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
    "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "DATEADDED", "SOURCEURL", "Modality", "PloverType",
    "DatePrecision", "Summary",
)


def split_code(code: str | None) -> tuple[str, str]:
    """RUSGOV → (RUS, GOV); IGOUNO → ("", IGO); RUS → (RUS, "")."""
    if not code:
        return "", ""
    if code[:3] in SECTORS_WITHOUT_COUNTRY:
        return "", code[:3]
    return code[:3], code[3:6]


def _plover_actor(actor: dict) -> dict:
    country, sector = split_code(actor.get("code"))
    return {
        "code": country or sector, "sector": sector, "actor_text": actor.get("text"),
        "identifier_id": actor.get("wikidata") or actor.get("kb_id"),
        "identifier_text": (actor.get("labels") or {}).get("en") or actor.get("normal"),
        "kb_id": actor.get("kb_id"), "actor_code": actor.get("code"),
    }


def plover_record(row: dict) -> dict:
    source, recipient = row["actors"], row["recipients"]
    if row["plover"] in RECIPROCAL and row["mode"] != "visit":
        source, recipient = source + recipient, []
    first = row["evidence"][0] if row["evidence"] else {}
    return {
        "id": row["key"],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "source": [_plover_actor(a) for a in source],
        "recipient": [_plover_actor(a) for a in recipient],
        "event": [row["plover"]] if row["plover"] else [],
        "mode": row["mode"] or None,
        "context": [row["context"]] if row["context"] else [],
        "quad_code": PLOVER_QUAD.get(row["plover"]),
        "event_scale": row["goldstein"],
        "event_loc": {"name": row["place_text"], "kb_id": row["place_kb_id"]}
        if row["place_text"] else None,
        "event_text": [e["sentence"] for e in row["evidence"]],
        "text_info": {"start": first.get("sentence_start"), "end": first.get("sentence_stop")},
        "cite_info": {"url": first.get("url") or first.get("path"), "title": first.get("title"),
                      "publication": first.get("source"), "language": "ru"},
        "coder": f"khronika {__version__}",
        "coded_date": date.today().isoformat(),
        "modality": row["modality"],
        "cameo": row["code"],
        "num_articles": row["articles"],
        "num_sources": row["sources"],
        "summary": row["summary"],
    }


def dyads(row: dict) -> list[tuple[dict | None, dict | None]]:
    actors, recipients = row["actors"], row["recipients"]
    if actors and recipients:
        return [(a, r) for a in actors for r in recipients]
    if len(actors) > 1:
        return list(combinations(actors, 2))
    if actors or recipients:
        return [(actors[0], None)] if actors else [(None, recipients[0])]
    return [(None, None)]


def _gdelt_day(value) -> str:
    return value.strftime("%Y%m%d") if value else ""


def gdelt_rows(row: dict, lang: str = "en") -> list[list]:
    out = []
    day = row["day"]
    first = row["evidence"][0] if row["evidence"] else {}
    for n, (a, b) in enumerate(dyads(row)):
        fields = []
        for actor in (a, b):
            actor = actor or {}
            country, sector = split_code(actor.get("code"))
            name = ((actor.get("labels") or {}).get(lang) or actor.get("normal") or "")
            fields += [actor.get("code") or "", name.upper(), country, sector]
        code = row["code"]
        out.append([
            f"{row['key']}-{n}" if n else row["key"], _gdelt_day(day),
            day.strftime("%Y%m") if day else "", day.year if day else "", *fields,
            1, code, code[:3], code[:2], row["quad"], row["goldstein"], row["reports"],
            row["sources"], row["articles"], row["place_text"] or "",
            _gdelt_day(row["first_published"]), first.get("url") or first.get("path") or "",
            row["modality"], row["plover"], row["date_precision"],
            (row["summary"] or {}).get(lang, ""),
        ])
    return out


def export_events(con, fmt: str, out, filters: Filters, lang: str = "en", *,
                  overwrite: bool = False) -> int:
    """Write events to ``out`` (a text stream for plover/gdelt, a folder for parquet);
    returns how many events were written."""
    if fmt == "parquet":
        return export_parquet(con, Path(out), filters, overwrite=overwrite)
    rows = select_events(con, filters)
    if fmt == "plover":
        for row in rows:
            out.write(json.dumps(plover_record(row), ensure_ascii=False, default=str) + "\n")
    else:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(GDELT_COLUMNS)
        for row in rows:
            writer.writerows(gdelt_rows(row, lang))
    return len(rows)


def export_parquet(con, folder: Path, filters: Filters, *, overwrite: bool = False) -> int:
    empty_folder(folder, overwrite)
    where, params = filters.where()
    count = con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]
    folder.mkdir(parents=True, exist_ok=True)
    target = str(folder).replace("'", "''")
    con.execute(
        f"COPY (SELECT *, coalesce(strftime(day, '%Y-%m'), 'unknown') AS month "
        f"FROM events{where}) TO '{target}' "
        f"(FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE true)", params)
    return count


def empty_folder(folder: Path, overwrite: bool) -> None:
    """Make sure an export mixes no old rows with new ones: a folder that holds data is
    refused, or with ``overwrite`` emptied, if all it holds is an earlier export."""
    if folder.exists() and not folder.is_dir():
        raise OutputExists(f"{folder} is a file; --format parquet writes a folder: choose a "
                           "new or empty folder with -o")
    entries = sorted(folder.iterdir()) if folder.is_dir() else []
    if entries and not overwrite:
        raise OutputExists(f"{folder} already holds data (an earlier export?) and new rows "
                           "would mix with it: choose a new or empty folder, or replace it "
                           "with --overwrite")
    foreign = [e.name for e in entries if e.is_symlink() or not e.is_dir()
               or not e.name.startswith("month=")]
    if foreign:
        raise OutputExists(f"{folder} holds files no export wrote ({', '.join(foreign[:3])}); "
                           "--overwrite replaces only an earlier export: choose a new or "
                           "empty folder")
    for entry in entries:
        shutil.rmtree(entry)
