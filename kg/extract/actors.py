"""Participants and claimants: noun phrases that name a side or a source."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract.lexicon import (
    CIVILIAN_NOUNS,
    FORCE_NOUNS,
    GOV_MODIFIERS,
    GOV_NOUNS,
    MILITANT_NOUNS,
    PEOPLE_NOUNS,
    POSITION_NOUNS,
    UNIT_NOUNS,
)
from kg.extract.numbers import VAGUE_WORDS, quantity_at, quantity_ending_before
from kg.extract.text import ent_at
from kg.nlp import ACTORS
from kg.records import Actor, ActorKind, Quantity

__all__ = ["Camp", "PhraseActor", "ActorIndex", "phrase_at", "camp_of_words", "is_force_token"]


class Camp:
    GOV = "gov"
    MILITANT = "militant"
    CIVILIAN = "civilian"
    TOLL = "toll"  # a toll that names nobody: the attacked side if armed, else civilians


@dataclass(frozen=True)
class PhraseActor:
    """A participant phrase found in the text."""

    text: str
    start: int
    end: int
    actor: Actor | None
    strength: Quantity | None
    camp: str | None


class ActorIndex:
    """The ontology actors matched in a doc, by token."""

    def __init__(self, doc: Doc, kinds: dict[str, tuple[ActorKind, str]]):
        self.by_token: dict[int, SpacySpan] = {}
        self.kinds = kinds
        for span in doc.spans.get(ACTORS, []):
            for t in span:
                self.by_token[t.i] = span

    def last_armed_group_before(self, i: int) -> SpacySpan | None:
        spans = [
            s
            for s in {id(s): s for s in self.by_token.values()}.values()
            if s.end <= i
            and self.kinds.get(s.label_, (ActorKind.UNKNOWN, ""))[0] is ActorKind.ARMED_GROUP
        ]
        return max(spans, key=lambda s: s.start) if spans else None

    def span_at(self, i: int) -> SpacySpan | None:
        return self.by_token.get(i)

    def actor_for(self, span: SpacySpan) -> Actor:
        kind, label = self.kinds.get(span.label_, (ActorKind.UNKNOWN, span.text))
        return Actor(label=label, kind=kind, key=span.label_)

    def camp_for(self, span: SpacySpan) -> str | None:
        kind = self.kinds.get(span.label_, (ActorKind.UNKNOWN, ""))[0]
        if kind is ActorKind.ARMED_GROUP:
            return Camp.MILITANT
        if kind is ActorKind.STATE_FORCE:
            return Camp.GOV
        return camp_of_words([t.lower_ for t in span])


_NEUTRAL = frozenset({"fighter", "fighters", "militia", "militias", "militiaman", "militiamen"})


def camp_of_words(words: list[str], *, capitalised_modifier: bool = False) -> str | None:
    """The camp a phrase's words point to ("Syrian troops" -> GOV, "U.S. forces" -> GOV).

    "fighters" alone takes no side: a PMF fighter and a Taliban fighter are both fighters."""
    head = words[-1] if words else ""
    if head in _NEUTRAL and any(w in GOV_MODIFIERS for w in words[:-1]):
        return Camp.GOV  # "regime fighters", "pro-government militia"
    if head in _NEUTRAL and not any(w in MILITANT_NOUNS - _NEUTRAL for w in words[:-1]):
        return None
    if head in MILITANT_NOUNS or any(w in MILITANT_NOUNS - _NEUTRAL for w in words):
        return Camp.MILITANT
    if head in ("forces", "force", "army", "military") and capitalised_modifier:
        return Camp.GOV
    if head in ("force", "forces") and len(words) > 1 and words[-2] == "air":
        return Camp.GOV  # "the air force": only states have one
    if head in CIVILIAN_NOUNS:
        return Camp.CIVILIAN
    if (
        head in GOV_NOUNS
        or any(w in GOV_MODIFIERS for w in words[:-1])
        or any(w in GOV_NOUNS for w in words)
    ):
        return Camp.GOV
    if any(w in ("terrorist", "militant", "jihadist", "rebel", "insurgent") for w in words):
        return Camp.MILITANT
    return None


def is_force_token(tok: Token, index: ActorIndex) -> bool:
    if index.span_at(tok.i) is not None:
        return True
    if tok.lower_ in ("men", "individuals", "elements") and any(
        c.lower_ == "armed" for c in tok.children if c.dep_ == "amod"
    ):
        return True  # "armed men"
    return tok.lower_ in FORCE_NOUNS and tok.pos_ in ("NOUN", "PROPN")


_MODS = ("compound", "amod", "nmod", "npadvmod")


def _left_edge(head: Token) -> int:
    start = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if (
            child.dep_ in _MODS
            and child.i == start - 1
            and not child.like_num
            and child.lower_ not in VAGUE_WORDS
        ) or (
            child.dep_ in _MODS
            and child.i < start
            and all(t.dep_ in _MODS or t.text == "-" for t in head.doc[child.i : start])
        ):
            start = child.i
    while start < head.i and head.doc[start].text in ("-", "’s", "'s"):
        start += 1
    return start


def phrase_at(head: Token, index: ActorIndex) -> PhraseActor | None:
    """The participant phrase headed by ``head`` (a force noun or an actor name)."""
    doc = head.doc
    span = index.span_at(head.i)
    if span is not None:
        return _named(
            span, index, _strength_before(doc, span.start) or _strength_of_members(doc, span.start)
        )
    if head.lower_ in ("men", "individuals", "elements") and any(
        c.lower_ == "armed" for c in head.children if c.dep_ == "amod"
    ):  # "Armed men occupied the administrative post of Mucojo"
        start = _left_edge(head)
        return PhraseActor(
            doc[start : head.i + 1].text, start, head.i + 1, None, None, Camp.MILITANT
        )
    if head.lower_ in _COLLECTIVES:  # "a large group of armed terrorist individuals"
        noun = _pobj(next((c for c in head.children if c.lower_ == "of"), None))
        if noun is not None and is_force_token(noun, index):
            return phrase_at(noun, index)
        if noun is not None:
            start = _left_edge(noun)
            camp = camp_of_words([t.lower_ for t in doc[start : noun.i + 1]])
            if camp is not None:
                return PhraseActor(
                    doc[start : noun.i + 1].text, start, noun.i + 1, None, None, camp
                )
    if head.lower_ in VAGUE_WORDS or head.like_num:  # "hundreds of terrorists"
        of = next((c for c in head.children if c.lower_ == "of"), None)
        if of is None and head.i + 2 < len(doc) and doc[head.i + 1].lower_ == "of":
            of = doc[head.i + 1]
        noun = _pobj(of)
        if noun is not None and is_force_token(noun, index):
            found = phrase_at(noun, index)
            q = quantity_at(doc, head.i)
            if found is not None:
                return PhraseActor(
                    found.text,
                    head.i,
                    found.end,
                    found.actor,
                    q.quantity if q else found.strength,
                    found.camp,
                )
        return None
    if head.lower_ in POSITION_NOUNS:  # "army positions", "positions of the SDF"
        for child in sorted(head.children, key=lambda t: t.i):
            if child.dep_ in ("compound", "poss", "amod", "nmod") and is_force_token(child, index):
                return phrase_at(child, index)
            if child.lower_ == "of":
                obj = _pobj(child)
                if obj is not None and is_force_token(obj, index):
                    return phrase_at(obj, index)
        return None
    if head.lower_ in _CARRIERS:  # "Saudi-led coalition warplanes", "army drones"
        for j in range(head.i - 1, max(head.i - 6, 0) - 1, -1):
            named = index.span_at(j)
            if named is not None and named.end == head.i:
                return _named(named, index, None)
            if doc[j].lower_ in FORCE_NOUNS and doc[j].i == head.i - 1:
                return _generic(doc[j], index)
        owner = [c for c in head.lefts if c.dep_ in ("compound", "amod") and c.text[:1].isupper()]
        if owner:  # "Coalition jets": a state's air force
            return PhraseActor(
                doc[owner[0].i : head.i + 1].text, owner[0].i, head.i + 1, None, None, Camp.GOV
            )
        return None
    if head.lower_ not in FORCE_NOUNS:
        return _unlisted(head)
    return _generic(head, index)


_COLLECTIVES = frozenset({"group", "groups", "band", "bands", "column", "columns", "gang"})

_CARRIERS = frozenset(
    {
        "warplane",
        "warplanes",
        "jet",
        "jets",
        "aircraft",
        "drone",
        "drones",
        "helicopter",
        "helicopters",
        "gunship",
        "gunships",
        "artillery",
        "planes",
        "tanks",
    }
)


def _unlisted(head: Token) -> PhraseActor | None:
    """An armed group the ontology does not list ("the Ansar al-Wadi Brigade"):
    kept as an actor with its name as written."""
    if head.ent_type_ not in ("ORG", "NORP") or head.pos_ != "PROPN":
        return None
    ent = ent_at(head.doc, head.i)
    if ent is None:
        return None
    span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
    return PhraseActor(
        span.text, span.start, span.end, None, _strength_before(head.doc, ent.start), "unlisted"
    )


def _generic(head: Token, index: ActorIndex) -> PhraseActor | None:
    doc = head.doc
    start = _left_edge(head)
    # "Al Shabaab militants", "Taliban fighters": the named actor is the participant
    for j in range(head.i - 1, max(head.i - 6, 0) - 1, -1):
        named = index.span_at(j)
        if named is not None and named.end == head.i:
            return _named(named, index, _strength_before(doc, named.start))
        if doc[j].pos_ not in ("PROPN", "ADJ", "NOUN", "PUNCT") or doc[j].like_num:
            break
    if head.lower_ in ("group", "organisation", "organization", "movement") and any(
        c.lower_ in ("the", "this") for c in head.lefts
    ):
        earlier = index.last_armed_group_before(head.i)  # "the group" = the group named before
        return _named(earlier, index, None) if earlier is not None else None
    strength = _strength_before(doc, start)
    # "militants of the Turkistan Islamic Party": the named actor is the participant
    of = next((c for c in head.rights if c.lower_ in ("of", "from")), None)
    if of is None and head.i + 1 < len(doc) and doc[head.i + 1].lower_ in ("of", "from"):
        of = doc[head.i + 1]  # "militants of the TIP", "jihadists from ISWAP"
    if of is not None:
        members = None
        for tok in doc[of.i + 1 : min(len(doc), of.i + 10)]:
            named = index.span_at(tok.i)
            if named is not None:  # "a group of up to 60 militants of the TIP"
                return _named(named, index, strength or (members.strength if members else None))
            if members is None and tok.lower_ in FORCE_NOUNS and tok.pos_ == "NOUN":
                members = _generic(tok, index)
            if tok.pos_ not in ("DET", "PROPN", "ADJ", "NOUN", "NUM", "ADP") and tok.lower_ not in (
                "up",
                "to",
                "some",
                "about",
            ):
                break
        if members is not None and head.lower_ in UNIT_NOUNS:
            return members
    # "a unit consisting of up to 50 militants" / "units consisting of some 250 people"
    consisting = next(
        (c for c in head.rights if c.lower_ in ("consisting", "comprising", "numbering")), None
    )
    if (
        consisting is None
        and head.i + 1 < len(doc)
        and doc[head.i + 1].lower_ in ("consisting", "comprising", "numbering")
    ):
        consisting = doc[head.i + 1]
    if consisting is not None and head.lower_ in UNIT_NOUNS:
        i = consisting.i + 1 + (doc[consisting.i + 1].lower_ == "of")
        q = quantity_at(doc, i)
        if q is not None and q.end < len(doc):
            member = doc[q.end] if doc[q.end].pos_ in ("NOUN", "PROPN") else None
            if member is not None and member.lower_ in MILITANT_NOUNS | GOV_NOUNS:
                found = _generic(member, index)
                if found is not None:
                    return PhraseActor(
                        found.text, start, found.end, found.actor, q.quantity, found.camp
                    )
            strength = q.quantity
    while start < head.i and (
        doc[start].ent_type_ in ("DATE", "TIME") or doc[start].lower_ in ("backed", "-", "led")
    ):
        start += 1  # "Monday evening militants", "Russia-backed forces"
    words = [t.lower_ for t in doc[start : head.i + 1] if t.text != "-"]
    text = doc[start : head.i + 1].text
    if head.lower_ in PEOPLE_NOUNS:
        return None
    capitalised = (
        any(t.text[:1].isupper() for t in doc[start : head.i])
        or (start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ == "PROPN")
        or any(  # "Mozambican and Rwandan forces"
            c.dep_ == "amod" and c.text[:1].isupper() and c.i < head.i for c in head.children
        )
    )
    return PhraseActor(
        text,
        start,
        head.i + 1,
        None,
        strength,
        camp_of_words(words, capitalised_modifier=capitalised),
    )


def _strength_of_members(doc: Doc, start: int) -> Quantity | None:
    """ "up to 200 militants of the TIP": the strength stands before the members' noun."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in FORCE_NOUNS | PEOPLE_NOUNS:
        return _strength_before(doc, _left_edge(doc[i - 1]))
    return None


def _named(span: SpacySpan, index: ActorIndex, strength: Quantity | None) -> PhraseActor:
    text = span.text[4:] if span.text.lower().startswith("the ") else span.text
    return PhraseActor(
        text, span.start, span.end, index.actor_for(span), strength, index.camp_for(span)
    )


def _pobj(prep: Token | None) -> Token | None:
    if prep is None:
        return None
    for c in prep.children:
        if c.dep_ == "pobj":
            return c
    nxt = prep.doc[prep.i + 1 : prep.i + 4]
    for t in nxt:
        if t.pos_ in ("NOUN", "PROPN"):
            return t
    return None


def _strength_before(doc: Doc, start: int) -> Quantity | None:
    found = quantity_ending_before(doc, start, lower=max(0, start - 5))
    if found is None:
        return None
    between = doc[found.end : start]
    if any(t.pos_ not in ("ADJ", "DET", "NOUN", "PROPN", "PUNCT") for t in between) or any(
        t.lower_ == "of" for t in between
    ):
        return None
    return found.quantity
