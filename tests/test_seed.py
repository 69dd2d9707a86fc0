"""The canonical input against ../shared/seed/expected.json, through the extract contract."""

import json
from collections import defaultdict

import pytest

from khronika.output.contract import doc_to_json
from khronika.store.ingest import Options, Source, process_input

SEED = "seed/000_898607c687f9b189.txt"


@pytest.fixture(scope="module")
def seed(shared, resources):
    expected = json.loads((shared / "seed/expected.json").read_text(encoding="utf-8"))
    outcome = process_input(Source(str(shared / SEED)), resources, Options())
    assert outcome.failures == []
    (doc,) = outcome.docs
    return doc_to_json(doc), expected


def test_seed_article_layout(seed):
    out, expected = seed
    want, article, text = expected["article"], out["article"], out["text"]
    assert article["title"] == want["title"]
    assert article["published"] == want["published"]
    assert article["language"] == want["language"]
    assert article["translations"] == want["translations"]
    assert article["source_agency"] == want["source_agency"]
    assert article["photo_credit"] == want["photo_credit"]
    paragraphs = [text[p["start"] : p["stop"]] for p in article["paragraphs"]]
    assert len(paragraphs) == want["body_paragraph_count"]
    assert paragraphs[0].startswith(want["body_first_words"])
    assert paragraphs[-1].endswith(want["body_last_words"])
    for furniture in want["not_body"]:
        assert not any(furniture in p for p in paragraphs), furniture


def test_seed_persons_all_mentions_resolved(seed):
    out, expected = seed
    by_name = defaultdict(list)
    for entity in out["entities"]:
        if entity["type"] == "PER" and entity["source"] != "role":
            by_name[entity["normal"]].append(entity["text"])
    assert {k: sorted(v) for k, v in by_name.items()} == {
        k: sorted(v) for k, v in expected["persons"].items()
    }


def test_seed_places_and_organizations(seed):
    out, expected = seed
    places = {e["normal"] for e in out["entities"] if e["type"] == "LOC"}
    orgs = {e["normal"] for e in out["entities"] if e["type"] == "ORG"}
    assert set(expected["places_required"]) <= places
    assert places <= set(expected["places_any_of_normal_forms"]) | {"Кремль"}
    assert set(expected["organizations_required"]) <= orgs
    assert "En Ar" not in {e["text"] for e in out["entities"]}


def test_seed_people_link_with_their_codes_on_the_event_date(seed):
    out, _ = seed
    people = {(e["normal"], e["kb_id"], e["code"]) for e in out["entities"] if e["type"] == "PER"}
    assert people == {
        ("Владимир Путин", "person:vladimir-putin", "RUSGOV"),
        ("Ильхам Алиев", "person:ilham-aliyev", "AZEGOV"),
        ("Никол Пашинян", "person:nikol-pashinyan", "ARMGOV"),
    }


def test_seed_places_and_tass_link_to_the_kb(seed):
    out, expected = seed
    linked = {e["normal"]: e["kb_id"] for e in out["entities"]}
    for name in [*expected["places_required"], "Карабах", "ТАСС"]:
        assert linked[name] and not linked[name].startswith("local:"), name
    assert linked["Россия"] == "country:RUS" and linked["Москва"] == "city:moscow"


def test_seed_kremlin_press_service_is_the_russian_presidency(seed):
    out, _ = seed
    speakers = {q["speaker"]["kb_id"] for q in out["quotes"]}
    assert speakers == {"org:RUS-presidency"}
    kremlin = [e for e in out["entities"] if e["normal"] == "Кремль" and e["type"] == "ORG"]
    assert kremlin and {(e["kb_id"], e["code"]) for e in kremlin} == {
        ("org:RUS-presidency", "RUSGOV")}


def test_seed_labels_in_three_languages(seed):
    out, _ = seed
    for entity in out["entities"]:
        labels = entity["labels"]
        assert labels["ru"] and labels["en"] and labels["ar"], entity
        if entity["type"] == "PER" or entity["kb_id"].startswith("country:"):
            assert "ar" not in entity["labels_fallback"], entity


def test_seed_kremlin_as_speaker_is_organization(seed):
    out, _ = seed
    text = out["text"]
    for entity in out["entities"]:
        if entity["normal"] == "Кремль":
            context = text[max(0, entity["start"] - 25) : entity["stop"]]
            if "пресс-служба" in context or "подчеркнули" in context:
                assert entity["type"] == "ORG", context


def test_seed_dates(seed):
    out, expected = seed
    found = [(d["text"], d["value"], d["precision"]) for d in out["dates"]]
    for want in expected["dates"]:
        assert (want["text"], want["value"], want["precision"]) in found, want
    assert sum(1 for d in found if d[0] == "7 апреля") == 2


def test_seed_quotes(seed):
    out, expected = seed
    quotes = out["quotes"]
    for want in expected["quotes"]:
        match = [q for q in quotes if q["text"].startswith(want["starts"])]
        assert match, want["starts"]
        speaker = match[0]["speaker"]
        assert speaker and speaker["normal"] in want["speaker_any_of"], (want, speaker)
    assert len(quotes) == len(expected["quotes"])


def test_seed_offsets_point_into_text(seed):
    out, _ = seed
    text = out["text"]
    for entity in out["entities"]:
        assert text[entity["start"] : entity["stop"]] == entity["text"]
    for date in out["dates"]:
        assert text[date["start"] : date["stop"]] == date["text"]
    for quote in out["quotes"]:
        assert text[quote["start"] : quote["stop"]] == quote["text"]


def _event_matches(event: dict, want: dict, text: str) -> bool:
    """One event of expected.json against one coded event: code, PLOVER type, mode,
    participants (names or codes), date, place, modality and the evidence sentence."""
    people = [a["normal"] for a in event["actors"] + event["recipients"]]
    codes = [a["code"] for a in event["actors"] + event["recipients"]]
    sentences = [text[e["sentence"]["start"] : e["sentence"]["stop"]] for e in event["evidence"]]
    checks = [
        event["code"] in want["cameo"],
        event["plover"] == want["plover"] if "plover" in want
        else event["plover"] in want["plover_any_of"],
        want.get("mode") in (None, event["mode"]),
        sorted(people) == sorted(want["participants"]) if "participants" in want else True,
        all(c in codes for c in want.get("actor_codes", want.get("participants_codes", []))),
        want.get("date") in (None, event["date"]),
        "place_any_of" not in want or (event["place"] or {}).get("normal") in want["place_any_of"],
        event["modality"] == want.get("modality", "asserted"),
        any(want["evidence_contains"] in s for s in sentences),
    ]
    return all(checks)


def test_seed_events_as_expected(seed):
    out, expected = seed
    text, events = out["text"], out["events"]
    for want in expected["events"]:
        assert any(_event_matches(e, want, text) for e in events), (want["what"], events)
    assert len(events) <= len(expected["events"]) + 2


def test_seed_headline_and_body_are_one_event_with_two_evidences(seed):
    out, _ = seed
    (call,) = [e for e in out["events"] if e["code"] == "041"]
    titles = [ev["is_title"] for ev in call["evidence"]]
    assert sorted(titles) == [False, True]
    assert call["summary"]["en"] == "Vladimir Putin held a phone call with Ilham Aliyev"
    assert call["summary"]["ru"] == "Владимир Путин провёл телефонный разговор с Ильхамом Алиевым"
    assert call["summary"]["ar"]


def test_seed_event_offsets_point_into_text(seed):
    out, _ = seed
    text = out["text"]
    for event in out["events"]:
        for actor in event["actors"] + event["recipients"]:
            assert text[actor["start"] : actor["stop"]] == actor["text"]
        s, t = event["sentence"], event["trigger"]
        assert s["start"] <= t["start"] < t["stop"] <= s["stop"]
