"""The clause grammar the coder reads (``data/grammar.yaml``): light verbs, modality words,
argument prepositions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True, slots=True)
class Grammar:
    light_verbs: frozenset[str]
    cancel_verbs: frozenset[str]
    negation: frozenset[str]
    hypothetical_heads: frozenset[str]
    hypothetical_words: frozenset[str]
    conditional_marks: frozenset[str]
    time_nouns: frozenset[str]
    same_time_words: frozenset[str]
    same_time_nouns: dict  # noun -> the precision it keeps of the date before
    said_condition_roots: frozenset[str]
    ability_heads: frozenset[str]
    intent_heads: frozenset[str]
    carrier_nouns: frozenset[str]
    container_nouns: frozenset[str]
    order_nouns: frozenset[str]
    order_preps: frozenset[str]
    protester_words: frozenset[str]
    denial_heads: frozenset[str]
    charge_heads: frozenset[str]
    charge_preps: frozenset[str]
    target_nouns: frozenset[str]
    report_nouns: frozenset[str]
    anaphoric_parties: frozenset[str]
    dative_subject_heads: frozenset[str]
    future_aux: frozenset[str]
    background_words: frozenset[str]
    imperfective_current: frozenset[str]
    recipient_preps: frozenset[str]
    with_preps: frozenset[str]
    fight_nouns: frozenset[str]
    between_preps: frozenset[str]
    place_preps: frozenset[str]
    genitive_recipient_roots: frozenset[str]
    genitive_place_recipient_roots: frozenset[str]
    historical_days: int
    intent_codes: dict
    negated_codes: dict
    time_reference_preps: frozenset[str]
    purpose_phrases: frozenset[str]
    topic_preps: frozenset[str]
    group_actors: dict
    implied_sectors: dict
    demonyms: dict
    party_preps: frozenset[str]
    declare_heads: frozenset[str]
    accompany_preps: frozenset[str]
    country_object_roots: frozenset[str]
    quantity_nouns: frozenset[str]
    place_target_roots: frozenset[str]
    group_roots: frozenset[str]
    generic_people: frozenset[str]
    agentive_nouns: frozenset[str]
    destination_roots: frozenset[str]
    source_recipient_roots: frozenset[str]
    report_heads: frozenset[str]
    agent_preps: frozenset[str]
    representative_nouns: frozenset[str]
    document_nouns: frozenset[str]
    authored_nouns: frozenset[str]
    relative_pronouns: frozenset[str]
    object_pronouns: frozenset[str]
    subject_pronouns: frozenset[str]
    country_nouns: frozenset[str]
    where_words: frozenset[str]
    anti_prefixes: frozenset[str]
    into_preps: frozenset[str]
    locative_preps: frozenset[str]
    against_preps: frozenset[str]
    for_preps: frozenset[str]
    from_preps: frozenset[str]
    reverse_from_preps: frozenset[str]
    address_preps: frozenset[str]
    address_nouns: frozenset[str]
    condition_preps: frozenset[str]
    condition_nouns: frozenset[str]
    cameo: dict  # name -> the CAMEO codes or roots a rule names (see grammar.yaml)

    def is_code(self, code: str, name: str) -> bool:
        """Whether ``code`` falls under the code class ``name`` (e.g. "force")."""
        return code.startswith(tuple(self.cameo[name]))


def grammar() -> Grammar:
    """The coder's word lists (``events/data/grammar.yaml``, through the data loader)."""
    from ..resources import shipped

    return shipped("grammar")


def parse_grammar(path: Path) -> Grammar:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    values = {}
    for name, kind in Grammar.__annotations__.items():
        value = data[name]
        if kind in ("int", "dict"):
            values[name] = value
        else:
            values[name] = frozenset(str(v) for v in value)
    return Grammar(**values)
