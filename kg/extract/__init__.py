"""extract stage: a parsed spaCy ``Doc`` -> an ``Extraction`` of typed records.

    >>> from kg.extract import extract   # doctest: +SKIP
    >>> x = extract(nlp(article.text), article)

Per sentence (``sentences``): attack mentions, casualty figures, equipment,
outcomes and the speaking source; across sentences (``grouping``): which
mentions are one attack, prongs, denials; here: resolving sources and building
the records."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc

from kg.extract.actors import ActorIndex, PhraseActor
from kg.extract.assemble import build_attack
from kg.extract.grouping import group
from kg.extract.places import find_place_names
from kg.extract.sentences import SentenceFacts, sentence_facts
from kg.extract.text import doc_text, forget, remember_text, text_of
from kg.records import Actor, ActorKind, Article, Attack, Extraction, Place, PlaceRole, Span

__all__ = ["extract"]

# "MOSCOW, January 23. /TASS/.", "BAGHDAD (Reuters) -", "KANDAHAR, Afghanistan -", "Hama, SANA -"
_DATELINE_TASS = re.compile(
    r"^\s*([A-Z][A-Z .'’-]{2,}),\s+[A-Z][a-z]+\.?\s+\d{1,2}\.?\s*(?:/([^/\s]+)/\.?)?"
)
_DATELINE_WIRE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z.'’ -]*?[A-Za-z])"
    r"(?:,\s+(?P<region>[A-Z][A-Za-z ]*?[A-Za-z]|[A-Z][a-z]+\.? \d{1,2}))?"
    r"\s*(?:\((?P<agency>[^)]{2,30})\))?\s+[-–—](?:\s+|$)"
)


@lru_cache(maxsize=1)
def _actor_kinds() -> dict[str, tuple[ActorKind, str]]:
    from kg.ontology import actor_aliases

    return {a.key: (a.kind, a.pref_label) for a in actor_aliases()}


def extract(doc: Doc, article: Article) -> Extraction:
    """All attacks, actors and places one article reports."""
    remember_text(doc, article.text)
    try:
        return _extract(doc, article)
    finally:
        forget(doc)


def _extract(doc: Doc, article: Article) -> Extraction:
    index = ActorIndex(doc, _actor_kinds())
    excluded = _bracketed(doc) | set(index.by_token)
    dateline, agency, dateline_tokens = _dateline(doc)
    excluded |= dateline_tokens
    names = find_place_names(doc, excluded)
    facts: list[SentenceFacts] = []
    for i, s in enumerate(doc.sents):
        if all(t.i in dateline_tokens or t.is_space for t in s):
            continue
        prior = next(
            (c.victims for f in reversed(facts[-1:]) for c in reversed(f.casualties)), None
        )
        facts.append(
            sentence_facts(
                s,
                i,
                actors=index,
                place_names=names,
                excluded=excluded,
                published=article.date,
                prior_victims=prior,
            )
        )
    claimants = _resolve_claimants(facts)
    drafts = group(list(zip(facts, claimants, strict=True)))
    by_key = {d.key: d for d in drafts}
    attacks = tuple(build_attack(d, by_key.get(d.parent or "")) for d in drafts)
    actors = _actors(attacks, claimants)
    places = _places(facts)
    return Extraction(article, attacks, actors, places, dateline, _agency(agency))


def _bracketed(doc: Doc) -> set[int]:
    out: set[int] = set()
    if "[" not in doc_text(doc):
        return out
    depth = 0
    for tok in doc:
        if tok.text == "[":
            depth += 1
        elif tok.text == "]":
            depth = max(0, depth - 1)
        elif depth:
            out.add(tok.i)
    return out


def _dateline(doc: Doc) -> tuple[Place | None, str | None, set[int]]:
    """The dateline (place the report was filed from) and its tokens, which are
    neither attack places nor sources."""
    for sent in islice(doc.sents, 4):
        m = _DATELINE_TASS.match(text_of(sent))
        city = m.group(1) if m else None
        agency = m.group(2) if m else None
        if m is None:
            m = _DATELINE_WIRE.match(text_of(sent))
            ok = m is not None and (
                m["city"].isupper() or m["agency"] or (m["region"] or "").isupper()
            )
            city = m["city"] if m is not None and ok else None
            if m is not None and ok:
                region = m["region"] or ""
                agency = m["agency"] or (region if region.isupper() else None)
        if m is None or city is None:
            continue
        ev = Span(sent.start_char, sent.end_char, text_of(sent))
        end_char = sent.start_char + m.end()
        tokens = {t.i for t in sent if t.idx < end_char}
        return Place(city.strip(), ev, PlaceRole.LOCATION), agency, tokens
    return None, None, set()


def _agency(name: str | None) -> Actor | None:
    """The news agency of a dateline, as the ontology knows it when it does."""
    if not name:
        return None
    from kg.ontology import actor_aliases

    for entry in actor_aliases():
        if name in entry.exact_labels or name.lower() in (label.lower() for label in entry.labels):
            return Actor(label=entry.pref_label, kind=entry.kind, key=entry.key)
    return Actor(label=name, kind=ActorKind.MEDIA)


def _to_actor(pa: PhraseActor) -> Actor:
    if pa.actor is not None:
        return pa.actor
    kind = {"PERSON": ActorKind.PERSON, "GPE": ActorKind.GOVERNMENT_BODY}.get(
        pa.camp or "", ActorKind.UNKNOWN
    )
    return Actor(label=pa.text, kind=kind)


def _resolve_claimants(facts: list[SentenceFacts]) -> list[Actor | None]:
    """Named sources as they are; "the ministry", "the statement", a surname, or no
    attribution at all resolve to the source named before (or first, for a lead quote)."""
    named: list[Actor] = []
    out: list[Actor | None] = []
    pending: list[int] = []
    current: Actor | None = None
    for i, f in enumerate(facts):
        actor: Actor | None = None
        if f.claimant is not None:
            actor = _coref(_to_actor(f.claimant), named)
            named.append(actor)
        elif f.claimant_word is not None:
            actor = _by_word(f.claimant_word, named)
            if actor is None:
                pending.append(i)
        else:
            actor = current
        current = actor or current
        out.append(actor)
    first = named[0] if named else None
    for i in pending:
        out[i] = first
    return out


def _coref(actor: Actor, named: list[Actor]) -> Actor:
    """ "Mustafa" after "Naji al-Mustafa" is the same person."""
    if actor.key is not None or actor.kind is not ActorKind.PERSON:
        return actor
    last = actor.label.split()[-1].lower()
    for other in reversed(named):
        if (
            other.kind is ActorKind.PERSON
            and other.label.lower().split()[-1].split("-")[-1] == last.split("-")[-1]
        ):
            return other
    return actor


def _by_word(word: str, named: list[Actor]) -> Actor | None:
    if word in ("spokesman", "spokeswoman", "spokesperson"):
        return next((a for a in reversed(named) if a.kind is ActorKind.PERSON), None)
    stem = {"centre": "center"}.get(word, word)
    for a in reversed(named):
        if stem in a.label.lower().replace("centre", "center"):
            return a
    return named[-1] if named and word == "statement" else None


def _actors(attacks: tuple[Attack, ...], claimants: list[Actor | None]) -> tuple[Actor, ...]:
    seen: dict[str, Actor] = {}
    for a in claimants:
        if a is not None:
            seen.setdefault(a.key or a.label.lower(), a)
    for att in attacks:
        for p in att.attackers + att.targets:
            if p.actor is not None:
                seen.setdefault(p.actor.key or p.actor.label.lower(), p.actor)
    return tuple(seen.values())


def _places(facts: list[SentenceFacts]) -> tuple[Place, ...]:
    """Every place the article names, once, with the first sentence naming it."""
    out: dict[str, Place] = {}
    for f in facts:
        for p in f.places:
            out.setdefault(p.text, Place(p.text, f.span, p.role, p.within))
    return tuple(out.values())
