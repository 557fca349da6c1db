"""Per-sentence facts: attack mentions, casualty figures, equipment, outcomes and
who the sentence says is speaking.  Grouping them into attacks is ``grouping``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import TypeAlias

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract.actors import (
    ActorIndex,
    Camp,
    PhraseActor,
    camp_of_words,
    is_force_token,
    phrase_at,
)
from kg.extract.lexicon import (
    AGGREGATE_WORDS,
    ATTACK_NOUNS,
    ATTACK_VERBS,
    BACKGROUND_PREPS,
    CIVILIAN_NOUNS,
    FORCE_NOUNS,
    GENERIC_SOURCES,
    HABITUAL_WORDS,
    KILL_VERBS,
    LIGHT_VERBS,
    NEUTRALIZE_VERBS,
    REPELLED_WORDS,
    REPORT_VERBS,
    SOURCE_NOUNS,
    WEAK_ATTACK_VERBS,
    WEAPON_NOUNS,
    WOUND_VERBS,
)
from kg.extract.numbers import QuantityMatch, parse_number, quantity_at, quantity_ending_before
from kg.extract.places import PlaceMention, place_mentions
from kg.extract.text import doc_ents, doc_lemmas, doc_lowers, doc_text, ent_at, text_of
from kg.extract.timex import resolve_time
from kg.nlp import EQUIPMENT
from kg.records import CasualtyKind, Outcome, PlaceRole, Precision, Quantity, Span, TimeExpr

__all__ = [
    "AttackMention",
    "CasualtyMention",
    "EquipmentMention",
    "SentenceFacts",
    "sentence_facts",
]

_AUX = frozenset(
    {"were", "was", "have", "had", "been", "are", "is", "be", "reportedly", "also", "all", "being"}
)


@dataclass
class AttackMention:
    trigger: int
    attackers: list[PhraseActor]
    targets: list[PhraseActor]
    places: list[PlaceMention]
    time: TimeExpr | None
    directions: int | None
    anaphoric: bool
    simultaneous: bool
    weak: bool = False  # made from "X killed N": its participants count only for a new attack
    separate: bool = False  # "in a separate incident", "separately", "elsewhere": a new attack
    verbal: bool = False  # told by a verb ("shells landed"), not only named ("the attack")
    place_anaphor: bool = False  # "in the town": the place named before
    same_day: bool = False  # "Hours later, a roadside bomb struck": the day told before
    weapon: str | None = None  # "car bomb" in "The car bomb went off": which blast it was
    clause: frozenset[int] | None = None  # its tokens, when the sentence tells two attacks
    response: str | None = None  # "retaking", "pursuit": another attack than the one it answers
    fronted: bool = False  # "In Kherson, Russian forces shelled a bus stop": told place by place


@dataclass
class CasualtyMention:
    kind: CasualtyKind
    quantity: Quantity
    victims: str
    camp: str | None
    token: int
    update: bool = False  # "the toll has risen to 19": a new figure for a toll told before


@dataclass
class EquipmentMention:
    type_key: str
    label: str
    count: int | None
    start: int


@dataclass
class SentenceFacts:
    index: int
    span: Span
    claimant: PhraseActor | None = None
    claimant_word: str | None = None  # "statement", "ministry": resolved by the caller
    denial: bool = False
    attacks: list[AttackMention] = field(default_factory=list)
    casualties: list[CasualtyMention] = field(default_factory=list)
    equipment: list[EquipmentMention] = field(default_factory=list)
    outcomes: set[Outcome] = field(default_factory=set)
    extra_attackers: list[PhraseActor] = field(default_factory=list)
    participants: list[PhraseActor] = field(default_factory=list)
    headline: bool = False
    places: list[PlaceMention] = field(default_factory=list)  # every place the sentence names
    extra_places: list[PlaceMention] = field(default_factory=list)  # of the attack told before
    weapon_ref: str | None = None  # "The car bomb, hidden in a minibus, went off ...": that blast
    time: TimeExpr | None = None  # when the sentence says its events happened


def sentence_facts(
    sent: SpacySpan,
    index: int,
    *,
    actors: ActorIndex,
    place_names: set[str],
    excluded: set[int],
    published: dt.date | None,
    offset: int = 0,
    prior_victims: str | None = None,
) -> SentenceFacts:
    """Everything one sentence states, before grouping; ``prior_victims`` are the
    victims the sentence before counted ("Another 10 were wounded")."""
    text = text_of(sent)
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    facts = SentenceFacts(
        index, Span(sent.start_char + lead, sent.start_char + trail, text.strip())
    )
    claimant, word, claimant_tokens = find_claimant(sent, actors, skip=excluded)
    facts.claimant, facts.claimant_word = claimant, word
    places = place_mentions(sent, place_names, excluded | claimant_tokens)
    facts.places = places
    facts.headline = _is_headline(sent)
    candidates: list[tuple[Token, AttackMention]] = []
    for trig in _triggers(sent):
        if _negated(trig):
            facts.denial = True
            continue
        if (
            (not facts.headline and (_habitual(trig) or trig.tag_ in ("VBZ", "VBP")))
            or _intended(trig)
            or _reference(trig)
            or _counted(trig)
            or (
                trig.tag_ == "NNS"
                and not any(c.dep_ == "det" for c in trig.children)
                and _totals(sent)
            )
        ):
            continue  # "regularly attacks", "continue to mount attacks", "preparing to attack"
        mention = _mention(
            trig,
            sent,
            actors,
            _in_clause(places, trig),
            published,
            blocked=excluded - set(actors.by_token),
        )
        if (
            trig.pos_ == "VERB"
            and (trig.lemma_.lower() in WEAK_ATTACK_VERBS or trig.lemma_.lower() == "take")
            and not mention.attackers
            and not _weapon_subject(trig)
        ):
            continue
        candidates.append((trig, mention))
        if not _framing(trig):
            break
    if candidates:
        # "In the latest attack, IS fighters ambushed a convoy": the verb the noun frames
        trig, mention = candidates[-1]
        mention.separate = (
            _separate(sent)
            or _later(sent)
            or (
                trig.pos_ == "VERB"
                and bool(mention.attackers)
                and any(c.lower_ == "also" and c.dep_ == "advmod" for c in trig.children)
            )
        )  # "the RSF had also launched six drones at its headquarters": one more attack
        mention.response = _response(trig, sent)
        if mention.response:
            mention.anaphoric = False  # "had retaken the base": the base told before, retaken
        if mention.response == "pursuit":  # "pursued the attackers ... and struck them"
            mention.targets += [a for a in mention.attackers if _pursued(a)]
            mention.attackers = [a for a in mention.attackers if not _pursued(a)]
        facts.attacks.append(mention)
        second = _coordinated_attack(trig, sent)
        inside = {t.i for t in second.subtree} if second is not None else set()
        if second is not None:
            # "A car bomb exploded in X and a roadside bomb hit a convoy near Y": two attacks
            mention.places = [p for p in mention.places if p.start not in inside]
            mention.clause = frozenset(range(sent.start, sent.end)) - inside
            other = _mention(
                second,
                sent,
                actors,
                [p for p in places if p.start in inside],
                published,
                blocked=excluded - set(actors.by_token),
            )
            other.separate = True
            other.clause = frozenset(inside)
            other.attackers = [a for a in other.attackers if a.start in inside]
            other.targets = [a for a in other.targets if a.start in inside]
            facts.attacks.append(other)
    facts.casualties = (
        [] if _aggregate(sent) else casualty_mentions(sent, actors, prior_victims=prior_victims)
    )
    if facts.casualties and not facts.attacks:
        anchor = next((t for t in _cue_tokens(sent) if _casualty_kind(t) is not None), None)
        facts.time = _attack_time(sent, anchor, published) if anchor is not None else None
    if not facts.attacks and facts.casualties:
        kill = _kill_mention(sent, actors, places, published, facts)
        if kill is not None:
            kill.separate = _separate(sent)
            facts.attacks.append(kill)
            second = _coordinated_attack(sent.doc[kill.trigger], sent)
            if second is not None:  # "jihadists killed 13 villagers and a bomb wounded four"
                second_tokens = frozenset(t.i for t in second.subtree)
                kill.clause = frozenset(range(sent.start, sent.end)) - second_tokens
                kill.places = [p for p in kill.places if p.start not in second_tokens]
                other = AttackMention(
                    second.i,
                    [],
                    [],
                    [p for p in places if p.start in second_tokens],
                    kill.time,
                    None,
                    False,
                    False,
                    weak=True,
                    separate=True,
                    weapon=_weapon_name(second),
                    clause=second_tokens,
                )
                facts.attacks.append(other)
    if not facts.attacks:
        facts.weapon_ref = next(
            (
                _weapon_name(t.head)
                for t in sent
                if t.dep_ == "nsubj"
                and t.head.pos_ == "VERB"
                and any(c.lower_ == "the" for c in t.children if c.dep_ == "det")
                and _weapon_name(t.head) is not None
            ),
            None,
        )
    facts.equipment = _equipment(sent)
    facts.outcomes = _outcomes(sent)
    if not facts.attacks and any(t.lower_ in ("attackers", "assailants") for t in sent):
        facts.extra_attackers = _named_actors(sent, actors, claimant_tokens)
    if facts.weapon_ref is not None:  # "The bomb went off ... near the village of Abu Saida"
        facts.extra_places = [p for p in places if p.role is PlaceRole.LOCATION]
    if not facts.attacks and any(
        t.dep_ == "nsubj"
        and (
            t.lower_ in ("attackers", "assailants")
            or (_definite_force(t) and t.head.lemma_.lower() in ("enter", "reach", "overrun"))
        )
        for t in sent
    ):
        # "The attackers entered Mantumbi, a village near Oicha": where it happened
        facts.extra_places = [p for p in places if p.role is PlaceRole.LOCATION]
    facts.extra_attackers += responsibility(sent, actors)
    facts.participants = [p for m in facts.attacks for p in m.attackers] + facts.extra_attackers
    return facts


# "preparing to attack" did not happen; "attempted to advance" did (and was repelled)
_INTENT = frozenset({"prepare", "plan", "threaten", "vow", "seek", "intend", "want", "aim"})
_INTENT |= {"stop", "cease", "halt", "refrain"}  # "calling on both sides to stop targeting ..."


def _counted(trig: Token) -> bool:
    """ "carried out 86 attacks on Kherson region", "34 shelling attacks were registered":
    a count of attacks, not one."""
    if trig.dep_ in ("amod", "compound") and trig.head.lemma_.lower() in ATTACK_NOUNS:
        trig = trig.head  # "shelling" in "34 shelling attacks": the noun tells
    return trig.tag_ == "NNS" and any(
        c.dep_ == "nummod" and (parse_number(c.text) or 0) > _FEW for c in trig.children
    )


_FEW = 3  # "carried out two airstrikes on ISIS hideouts": one raid; "86 attacks": a count


def _reference(trig: Token) -> bool:
    """ "The assault came two days after a roadside bomb ...": the attack told before,
    named to date another."""
    return (
        trig.pos_ == "NOUN"
        and trig.dep_ == "nsubj"
        and trig.head.lemma_.lower() in ("come", "follow")
        and any(c.lower_ in ("the", "this", "that") for c in trig.children if c.dep_ == "det")
    )


def _intended(trig: Token) -> bool:
    """ "terrorists preparing to attack our bases": an intent, not an attack; "would
    retake their positions": not yet."""
    verb = trig if trig.pos_ == "VERB" else None
    if verb is not None and any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might", "may", "'ll")
        for c in verb.children
    ):
        return True
    head = (
        trig.head
        if trig.pos_ == "VERB"
        else (trig.head.head if trig.head.pos_ == "VERB" else trig.head)
    )
    if trig.pos_ != "VERB" and trig.dep_ == "dobj" and trig.head.lemma_.lower() in _INTENT:
        return True  # "gathered to plan attacks on the district centre"
    return trig.dep_ in ("xcomp", "advcl", "dobj") and head.lemma_.lower() in _INTENT


def _subject(verb: Token) -> Token | None:
    """The subject nearest the verb ("KANDAHAR, Afghanistan - A car bomb exploded": the
    bomb); for a verb parsed as a modifier ("... fighters killed 12 farmers"), its noun."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if subjects:
        return subjects[-1]
    found = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if found is None and verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.i < verb.i:
        return verb.head  # the parser's reduced relative is a main clause here
    return found


def _weapon_subject(verb: Token) -> bool:
    """ "A car bomb exploded", "a drone hit": the weapon tells it was an attack."""
    eq = {t.i for s in verb.doc.spans.get(EQUIPMENT, []) for t in s}

    def weapon(t: Token) -> bool:
        return t.lower_ in WEAPON_NOUNS or t.lemma_.lower() in WEAPON_NOUNS or t.i in eq

    if any(c.dep_ in ("nsubj", "nsubjpass") and weapon(c) for c in verb.children):
        return True
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(weapon(g) for g in agents)  # "the convoy was hit by a roadside bomb"


_RESPONSIBILITY_VERBS = frozenset({"claim", "blame", "condemn", "denounce", "attribute"})


def responsibility(sent: SpacySpan, actors: ActorIndex) -> list[PhraseActor]:
    """ "X claimed responsibility (for the attack)", "X claimed the attack", "blamed the
    attack on X": X is an attacker of the attack in focus."""
    out: list[PhraseActor] = []
    doc = sent.doc
    lemmas = doc_lemmas(doc)
    for k in range(sent.start, sent.end):
        lemma = lemmas[k]
        if lemma not in ("claim", "blame", "attribute"):
            continue
        tok = doc[k]
        if lemma == "claim" and any(
            c.lower_ in ("responsibility", "attack", "attacks", "bombing", "assault")
            for c in tok.children
        ):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            found = phrase_at(subj, actors) if subj is not None else None
            if found is not None:
                out.append(found)
        if lemma in ("blame", "attribute"):
            for c in tok.children:
                if c.lower_ in ("on", "to") and c.dep_ == "prep":
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    found = phrase_at(obj, actors) if obj is not None else None
                    if found is not None:
                        out.append(found)
    lows = doc_lowers(doc)
    for k in range(sent.start, sent.end):  # "ISGS was believed to be behind the attack"
        if lows[k] != "behind":
            continue
        tok = doc[k]
        if any(g.lemma_.lower() in ATTACK_NOUNS for g in tok.children if g.dep_ == "pobj"):
            verb = tok.head
            while verb.head.i != verb.i and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
            ):
                verb = verb.head
            subj = _subject(verb)
            found = phrase_at(subj, actors) if subj is not None else None
            if found is not None:
                out.append(found)
    return [p for p in out if p.camp != "gov"]


def _is_headline(sent: SpacySpan) -> bool:
    """A line of its own with no full stop: a headline or a section title."""
    text = text_of(sent).strip()
    after = sent.doc[sent.end - 1].whitespace_ + (
        sent.doc[sent.end].text if sent.end < len(sent.doc) else ""
    )
    return (
        bool(text)
        and text[-1] not in ".!?\"”'"
        and ("\n" in after or sent.end >= len(sent.doc) or sent.doc[sent.end - 1].is_space)
    )


def _separate(sent: SpacySpan) -> bool:
    text = text_of(sent).lower()
    return bool(
        re.search(
            r"\b(separate(ly)?|elsewhere"
            r"|another (attack|incident|strike|raid|ambush|bombing)"
            r"|in a second (attack|incident)|a second (group|unit|team|column) of)\b"
            r"|^\W*(also|meanwhile)\b",  # "Also on Sunday, ...": one more attack
            text,
        )
    )


_ONGOING = HABITUAL_WORDS | {"ongoing", "repeated", "daily", "constant", "incessant", "persistent"}


def _habitual(trig: Token) -> bool:
    """ "continue to mount attacks", "regularly attack", "a series of bombings"."""
    verb = (
        trig
        if trig.pos_ == "VERB"
        else next((a for a in trig.ancestors if a.pos_ == "VERB"), trig.head)
    )
    near = {c.lower_ for c in verb.children} | {c.lower_ for c in trig.children}
    chain = {trig.head.lemma_.lower(), trig.head.head.lemma_.lower(), verb.head.lemma_.lower()}
    if trig.dep_ == "relcl" and trig.tag_ == "VBG":
        return True  # "the guns that had been firing on their positions for days"
    before = trig.doc[max(trig.sent.start, trig.i - 4) : trig.i]
    if trig.pos_ == "NOUN" and any(t.lower_ in _ONGOING for t in before):
        return True  # "accused the army of continuing air and artillery attacks"
    if any(
        t.lower_ in ("days", "weeks", "months") and t.head.lower_ == "for" for t in verb.subtree
    ):
        return True  # "shelling the town for weeks"
    return bool(near & HABITUAL_WORDS) or bool(
        chain & {"continue", "series", "string", "wave", "campaign", "spate"}
    )


def _totals(sent: SpacySpan) -> bool:
    """ "Attacks by jihadists have killed more than 2,000 people this year"."""
    text = " " + re.sub(r"[,;:.!?()\"“”]", " ", text_of(sent).lower()) + " "
    return any(f" {w} " in text for w in AGGREGATE_WORDS) or " past month" in text


_TOLL_SUBJECTS = frozenset(
    {"war", "conflict", "fighting", "violence", "insurgency", "campaign", "offensive", "unrest"}
)


def _aggregate(sent: SpacySpan) -> bool:
    """Totals over a war, a period or a count, not the toll of one attack."""
    if any(
        t.dep_ == "nsubj" and t.lower_ in _TOLL_SUBJECTS and _casualty_kind(t.head) is not None
        for t in sent
    ):
        return True
    text = " " + re.sub(r"[,;:.!?()\"“”]", " ", text_of(sent).lower()) + " "
    if re.search(
        r"\bin (19|20)\d\d\b(?! ,)|\b(months|years|weeks) of\b|\bpast 24 hours\b"
        r"|\bin \d+ provinces\b|\b(reuters|afp|ap) (count|tally)\b|\ba count\b"
        r"|\bin (the two|both|the three|the twin) (attacks|blasts|bombings|incidents|explosions)\b"
        r"|\b(past|last) (two|three|four|five|six|several|few|\d+) (days|weeks|months|years)\b"
        r"|\b(over|in|during) the (past|last) (day|week|month|year)\b"
        r"|\b(in|during) (the |these |its )?(operations|offensive|campaign|clearance operations)\b",
        text,
    ):
        return True
    return any(f" {w} " in text for w in AGGREGATE_WORDS) or bool(
        re.search(
            r"\b(in|during|between) (january|february|march|april|may|june"
            r"|july|august|september|october|november|december) and ",
            text,
        )
    )


def _clause_tokens(trig: Token) -> set[int]:
    """The tokens of the clause that reports the attack (not the reporting clause)."""
    head = trig
    if (
        trig.pos_ != "VERB"
        and trig.head.pos_ in ("VERB", "AUX")
        and trig.head.lemma_.lower() not in REPORT_VERBS
    ):
        head = trig.head
    while (
        head.dep_ in ("xcomp", "conj", "advcl")
        and head.head.pos_ == "VERB"
        and head.head.lemma_.lower() not in REPORT_VERBS
        and head.head.i != head.i
    ):
        head = head.head
    return {t.i for t in head.subtree}


_STANCE_VERBS = frozenset(
    {"confirm", "deny", "condemn", "claim", "blame", "acknowledge", "describe", "denounce"}
)


def _in_clause(places: list[PlaceMention], trig: Token) -> list[PlaceMention]:
    if trig.pos_ != "VERB" and trig.head.lemma_.lower() in _STANCE_VERBS:
        # "The army spokesman in the Beni region confirmed the attack": where he speaks
        own = {t.i for t in trig.subtree}
        return [p for p in places if p.start in own]
    clause = _clause_tokens(trig)
    kept = [p for p in places if p.start in clause]
    return kept or places


def _kill_mention(
    sent: SpacySpan,
    actors: ActorIndex,
    places: list[PlaceMention],
    published: dt.date | None,
    facts: SentenceFacts,
) -> AttackMention | None:
    """ "A roadside bomb killed three soldiers", "Gunmen killed 19 villagers": an attack
    told by its toll.  Passive tolls ("were killed") need an attack noun and are found
    as attack mentions already."""
    for tok in _cue_tokens(sent):
        if (
            _casualty_kind(tok) is None
            or tok.pos_ != "VERB"
            or tok.lemma_.lower() in ("die", "martyr", "perish")
        ):
            continue  # "nine jihadists died": the subject is the dead, not the attacker
        subj = _subject(tok)
        if subj is None and (
            (tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj")) or tok.dep_ == "conj"
        ):
            subj = _subject(tok.head)  # "rebels hacked and shot dead 16 civilians"
        if subj is None and tok.tag_ == "VBG":  # a parse that lost the subject: the bomber before
            subj = next(
                (
                    t
                    for t in reversed(sent.doc[sent.start : tok.i])
                    if t.pos_ == "NOUN" and (t.lower_ in WEAPON_NOUNS or t.lower_ == "bomber")
                ),
                None,
            )
        if subj is None or subj.dep_ == "nsubjpass" or subj.i > tok.i:
            continue  # "40 troops were killed": the subject is the dead
        by_force = phrase_at(subj, actors) if is_force_token(subj, actors) else None
        by_weapon = (
            subj.lemma_.lower() in WEAPON_NOUNS
            or subj.lower_ in WEAPON_NOUNS
            or any(
                t.i in {e.i for e in subj.subtree}
                for t in sent
                if t.lower_ in ("bomb", "bomber", "strike", "airstrike")
            )
        )
        if by_force is None and not by_weapon:
            continue
        if by_force is None:  # "warplanes of the Syrian regime and Russia killed ..."
            of = next((c for c in subj.children if c.lower_ == "of"), None)
            owner = (
                next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            )
            by_force = phrase_at(owner, actors) if owner is not None else None
        victims = next((c for c in tok.children if c.dep_ == "dobj"), None)
        target = phrase_at(victims, actors) if victims is not None else None
        if target is None and victims is not None and victims.lower_ in CIVILIAN_NOUNS:
            target = PhraseActor(victims.text, victims.i, victims.i + 1, None, None, "civilian")
        time = _attack_time(sent, tok, published)
        return AttackMention(
            tok.i,
            [by_force] if by_force else [],
            [target] if target else [],
            _in_clause(places, tok),
            time,
            None,
            False,
            False,
            weak=True,
        )
    for tok in sent:  # "15 were hurt when a rocket slammed into a market": a weapon did something
        if tok.pos_ == "VERB" and _weapon_subject(tok):
            setter = _weapon_owner(tok, actors)
            return AttackMention(
                tok.i,
                [setter] if setter is not None else [],
                [],
                _in_clause(places, tok),
                _attack_time(sent, tok, published),
                None,
                False,
                False,
                weak=True,
                verbal=True,
            )
    return None


# -- claimants -----------------------------------------------------------------

# a source: the actor named (if any), the source noun ("the ministry") and its tokens
_Source: TypeAlias = tuple[PhraseActor | None, str | None, set[int]]


def find_claimant(
    sent: SpacySpan,
    actors: ActorIndex,
    *,
    skip: AbstractSet[int] = frozenset(),
) -> _Source:
    """Who the sentence says is speaking: "according to X", "X said", "said X"."""
    doc = sent.doc
    _SKIP.clear()
    _SKIP.update(skip)
    lows, lemmas = doc_lowers(doc), doc_lemmas(doc)
    for k in range(sent.start, sent.end - 1):
        if lows[k] == "according" and lows[k + 1] == "to":
            found = _source_after(doc, k + 2, sent.end, actors)
            if found:
                return found
    for k in range(sent.start, sent.end):
        if lemmas[k] not in REPORT_VERBS:
            continue  # most words (checked first, for speed)
        tok = doc[k]
        if tok.pos_ in ("VERB", "AUX") and not _is_attack_context(tok):
            own = _own_subject_source(tok, actors)
            if own is not None:
                return own
            if tok.i > sent.start and doc[tok.i - 1].text in (",", '"', "”"):  # ", said Omar Zwak"
                found = _source_after(doc, tok.i + 1, sent.end, actors) or _source_before(
                    doc, tok.i, sent.start, actors
                )
            else:
                found = _source_before(doc, tok.i, sent.start, actors) or _source_after(
                    doc, tok.i + 1, sent.end, actors
                )
            if found:
                return found
    return None, None, set()


def _own_subject_source(verb: Token, actors: ActorIndex) -> _Source | None:
    """ "The coalition, which has fought the Houthis since 2015, said": the subject, not
    the nearest name."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or (subj.i in _SKIP and actors.span_at(subj.i) is None):
        return None
    found = _source_at(verb.doc, subj.i, actors, strict=False)
    if found and found[0] is not None:
        return found
    if found is None:
        return None
    # "The spokesman for the NLF ... Naji al-Mustafa": a person named in the subject speaks
    people = [
        t
        for t in subj.subtree
        if t.ent_type_ == "PERSON" and (t.i not in _SKIP or actors.span_at(t.i) is not None)
    ]
    if people:
        return _source_at(verb.doc, people[-1].i, actors, strict=False)
    return found  # "the monitor", "the spokesman": resolved against the sources named before


def _is_attack_context(tok: Token) -> bool:
    return (
        tok.lemma_.lower() == "run"
        and tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].lower_ not in (".", ",")
    )


_SKIP: set[int] = set()  # dateline and bracket tokens: never a source


def _source_at(doc: Doc, i: int, actors: ActorIndex, *, strict: bool = True) -> _Source | None:
    """The source named at token i; ``strict`` refuses names that are objects
    ("fire on Turkish troops, the ministry said")."""
    tok = doc[i]
    if i in _SKIP and actors.span_at(i) is None:
        return None
    span = actors.span_at(i)
    if (
        strict
        and span is not None
        and span.root.dep_ in ("pobj", "dobj")
        and not (span.start > 0 and doc[span.start - 1].lower_ == "to")
    ):
        return None  # "fire on Turkish troops ..., the ministry said": not the speaker
    if span is not None:
        start = span.start
        while (
            start > 0
            and doc[start - 1].ent_type_
            and doc[start - 1].ent_iob_ != "O"
            and doc[start - 1].pos_ == "PROPN"
        ):
            start -= 1
        pa = PhraseActor(
            span.text, span.start, span.end, actors.actor_for(span), None, actors.camp_for(span)
        )
        return pa, None, set(range(start, span.end))
    ent = ent_at(doc, i) if tok.ent_type_ in ("PERSON", "ORG", "GPE") else None
    if ent is not None:
        if ent.label_ == "GPE" and not (
            ent.root.dep_ == "nsubj" or (ent.start > 0 and doc[ent.start - 1].lower_ == "to")
        ):
            return None  # "in Helmand province" is a place, not a source
        inner = next((actors.span_at(t.i) for t in ent if actors.span_at(t.i) is not None), None)
        if inner is not None:
            return _source_at(doc, inner.start, actors, strict=strict)
        ent_span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
        if len(ent_span) == 1 and ent_span[0].lower_ in SOURCE_NOUNS:
            return None, ent_span[0].lower_, {ent_span[0].i}
        if (
            strict
            and ent.root.dep_ in ("pobj", "dobj")
            and not (ent.start > 0 and doc[ent.start - 1].lower_ == "to")
        ):
            return None  # "an attack on the village of Kwatandashi, residents said"
        pa = PhraseActor(ent_span.text, ent.start, ent.end, None, None, ent.label_)
        return pa, None, set(range(ent.start, ent.end))
    if (
        tok.lower_ in GENERIC_SOURCES
        and tok.pos_ in ("NOUN", "PROPN")
        and not (strict and tok.dep_ in ("pobj", "dobj"))
    ):
        # "Afghan officials said", "security sources told AFP": the phrase is the source
        start = tok.i
        while (
            start > 0
            and doc[start - 1].dep_ in ("amod", "compound")
            and doc[start - 1].pos_ in ("ADJ", "NOUN", "PROPN")
        ):
            start -= 1
        return (
            PhraseActor(doc[start : tok.i + 1].text, start, tok.i + 1, None, None, None),
            None,
            set(range(start, tok.i + 1)),
        )
    if tok.lower_ in SOURCE_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
        return None, tok.lower_, {tok.i}
    if tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and len(tok.text) > 1 and tok.text.isupper():
        # "the JFO said": an acronym the tagger did not call an organisation
        return PhraseActor(tok.text, i, i + 1, None, None, "ORG"), None, {i}
    return None


def _source_before(doc: Doc, i: int, lower: int, actors: ActorIndex) -> _Source | None:
    """The nearest named source before a reporting verb, else the nearest source noun."""
    words = None
    for j in range(i - 1, max(lower, i - 15) - 1, -1):
        if doc[j].text in ('"', "“", "”") or doc[j].lower_ in ("that",):
            break
        found = _source_at(doc, j, actors)
        if found and found[0] is not None:
            return found
        words = words or found
    return words


def _source_after(doc: Doc, i: int, upper: int, actors: ActorIndex) -> _Source | None:
    for j in range(i, min(upper, i + 8)):
        if doc[j].text in (",", ".", '"', "“", "”", "that"):
            break
        found = _source_at(doc, j, actors)
        if found:
            return found
    return None


# -- attacks -------------------------------------------------------------------


def _triggers(sent: SpacySpan) -> list[Token]:
    out = []
    doc = sent.doc
    lemmas, lows = doc_lemmas(doc), doc_lowers(doc)
    for k in range(sent.start, sent.end):
        lemma = lemmas[k]
        if lemma not in _TRIGGER_WORDS and lows[k] not in _TRIGGER_WORDS:
            continue  # only the words an attack is told with (checked first, for speed)
        tok = doc[k]
        if tok.i + 1 < sent.end and tok.doc[tok.i + 1].text == "-" and tok.head.i > tok.i + 1:
            continue  # "hit-and-run attacks", "strike-capable drones": a modifier, not an event
        if (
            tok.pos_ == "VERB"
            and lemma in ("seize", "capture", "recapture", "retake", "occupy", "clear")
            and not any(
                c.dep_ == "dobj" and (c.lemma_.lower() in _GROUND or c.pos_ == "PROPN")
                for c in tok.children
            )
        ):
            continue  # "seized weapons", "captured a fighter": not a capture of ground
        if tok.pos_ == "VERB" and (
            any(c.dep_ == "dobj" and c.lemma_.lower() in _CAMPAIGNS for c in tok.children)
            or any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children)
        ):
            continue  # "launched an offensive against it", "since the army launched ...": context
        if tok.pos_ == "VERB" and lemma in ATTACK_VERBS | WEAK_ATTACK_VERBS and _repelling(tok):
            continue  # "pushed back a Taliban attack": the noun tells the attack
        if tok.pos_ == "VERB" and lemma in ATTACK_VERBS | WEAK_ATTACK_VERBS:
            if lemma in LIGHT_VERBS and any(
                c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ATTACK_NOUNS
                for c in tok.children
            ):
                continue  # "launched attacks against X": the noun tells the attack
            out.append(tok)
        elif (
            tok.pos_ == "VERB"
            and lemma in ("open", "exchange")
            and any(c.lower_ == "fire" and c.dep_ == "dobj" for c in tok.children)
        ):
            if lemma == "exchange" and _with_the(tok):
                continue  # "soldiers exchanged fire with the attackers": the attack told before
            out.append(tok)  # "opened fire on the positions of ...", "exchanged fire with troops"
        elif (
            tok.pos_ == "VERB"
            and lemma == "blow"
            and any(c.lower_ in ("himself", "herself", "themselves") for c in tok.children)
        ):
            out.append(tok)  # "a suicide bomber blew himself up among worshippers"
        elif (
            tok.pos_ == "VERB"
            and lemma == "shoot"
            and any(c.lower_ == "at" and c.dep_ == "prep" for c in tok.children)
        ):
            out.append(tok)  # "shooting at residents"
        elif (
            tok.pos_ == "VERB"
            and lemma == "take"
            and any(c.lower_ == "control" and c.dep_ == "dobj" for c in tok.children)
        ):
            out.append(tok)  # "militants took control of the town of Léré"
        elif tok.lower_ == "fire" and tok.i > sent.start and tok.doc[tok.i - 1].lower_ == "under":
            out.append(tok)  # "came under fire"
        elif (
            tok.pos_ in ("NOUN", "PROPN")
            and (lemma in ATTACK_NOUNS or tok.lower_ in ATTACK_NOUNS)
            and tok.dep_ != "compound"
            and not _background(tok)
        ):
            out.append(tok)
    return out


def _with_the(verb: Token) -> bool:
    """ "with the attackers": a party told before."""
    return any(
        c.lower_ == "with" and any(d.lower_ == "the" for o in c.children for d in o.children)
        for c in verb.children
    )


_TRIGGER_WORDS = ATTACK_VERBS | WEAK_ATTACK_VERBS | ATTACK_NOUNS
_TRIGGER_WORDS |= {"open", "take", "fire", "exchange", "shoot", "blow"}

_CAMPAIGNS = frozenset({"offensive", "campaign", "operation", "crackdown", "counteroffensive"})

_GROUND = frozenset(
    {
        "town",
        "village",
        "base",
        "position",
        "settlement",
        "district",
        "city",
        "area",
        "checkpoint",
        "control",
        "headquarters",
        "hill",
        "outpost",
        "airport",
        "compound",
        "post",
    }
)


def _background(tok: Token) -> bool:
    """ "amid airstrikes", "in response to strikes": context, not a reported attack;
    "claimed the attack", "blamed the attack on X": attribution, told elsewhere."""
    head = tok.head
    if tok.dep_ == "dobj" and head.lemma_.lower() in _RESPONSIBILITY_VERBS:
        return True
    if head.lower_ == "for" and head.head.lower_ == "responsibility":
        return True
    if (head.dep_ == "prep" or head.pos_ == "ADP") and head.lower_ in BACKGROUND_PREPS:
        return True
    if head.lower_ == "by" and head.head.lemma_.lower() in ("back", "support", "cover"):
        return True  # "commandos backed by air strikes": support for the attack told
    window = [t.lower_ for t in tok.doc[max(0, tok.i - 4) : tok.i]]
    return "amid" in window or "response" in window


def _negated(trig: Token) -> bool:
    if any(
        c.lower_ in ("no", "never") for c in trig.children if c.dep_ in ("det", "neg", "advmod")
    ):
        return True
    if any(c.dep_ == "neg" for c in trig.children) or any(
        c.dep_ == "neg" for c in trig.head.children if trig.dep_ in ("dobj", "nsubj", "nsubjpass")
    ):
        return True
    if trig.pos_ == "VERB" and trig.dep_ == "ccomp" and trig.head.lemma_.lower() == "deny":
        return True  # "the JFO denied that its troops had opened fire on Trudovskiye"
    window = [t.lower_ for t in trig.doc[max(0, trig.i - 3) : trig.i]]
    return "no" in window and ("such" in window or window[-1] == "no")


# "the air force struck it": a force acting on its own, not the attackers told before
_FORCES_OF_THEIR_OWN = frozenset({"force", "forces", "army", "military", "police", "aviation"})


def _mention(
    trig: Token,
    sent: SpacySpan,
    actors: ActorIndex,
    places: list[PlaceMention],
    published: dt.date | None,
    *,
    blocked: AbstractSet[int] = frozenset(),
) -> AttackMention:
    attackers, targets = _participants(trig, sent, actors)
    attackers = [a for a in attackers if a.start not in blocked]  # never the dateline ("STUTTGART")
    targets = [
        t for t in targets if t.start not in blocked and t.camp != "unlisted"
    ]  # "struck Tchoma Bangou": a village
    low = text_of(sent).lower()
    m = re.search(r"from (\w+) (?:directions|sides|fronts|axes)", low)
    directions = parse_number(m.group(1)) if m else None
    if m and directions is None and m.group(1) in ("several", "multiple", "different"):
        directions = 0
    det = {c.lower_ for c in trig.children if c.dep_ in ("det", "poss")}
    anaphoric = bool(det & {"the", "this", "that", "such", "these", "those"})
    doc = sent.doc
    anaphoric = (
        anaphoric
        or any(  # "the assailants stormed the village of X": the attack told before
            a.actor is None
            and a.strength is None
            and a.start > 0
            and doc[a.start - 1].lower_ == "the"
            and doc[a.end - 1].lower_ not in _FORCES_OF_THEIR_OWN
            for a in attackers
        )
    )
    subj = _subject(trig) if trig.pos_ == "VERB" else None
    if (
        subj is not None
        and _weapon_subject(trig)
        and any(c.lower_ in ("the", "that", "this") for c in subj.children if c.dep_ == "det")
    ):
        anaphoric = True  # "The bomb struck an army patrol": the blast told before
    if not anaphoric and trig.pos_ == "VERB" and _told_before(trig, sent):
        anaphoric = True  # "a bus transporting them" ... "targeted the bus": the same attack
    if anaphoric and _fronted_place(sent, places):
        anaphoric = False  # "Near Pisky, the enemy dropped...": a list of incidents, place by place
    time = _attack_time(sent, trig, published)
    place_tokens = {i for p in places for i in range(p.start, p.end)}
    attackers = [
        a for a in attackers if not (set(range(a.start, a.end)) & place_tokens and a.actor is None)
    ]
    targets = [
        t for t in targets if not (set(range(t.start, t.end)) & place_tokens and t.actor is None)
    ]
    inside = {i for p in attackers + targets for i in range(p.start, p.end)}
    doc = sent.doc
    for p in attackers + targets:  # "the armed formations of Ukraine": a party, not a place
        if p.end + 1 < len(doc) and doc[p.end].lower_ == "of":
            inside.update(range(p.end + 1, p.end + 3))
    places = [p for p in places if p.start not in inside]  # "U.S. forces" names no place
    return AttackMention(
        trig.i,
        attackers,
        targets,
        places,
        time,
        directions,
        anaphoric,
        "simultaneously" in low or "at the same time" in low,
        verbal=trig.pos_ == "VERB",
        place_anaphor=not places
        and bool(re.search(r"\b(in|near|on) the (town|village|city|district|area)\b", low)),
        same_day=time is None and bool(_SAME_DAY.search(low)),
        weapon=_weapon_name(trig),
        fronted=_fronted_place(sent, places),
    )


_SAME_DAY = re.compile(
    r"\b(hours|minutes) later\b|\blater (that|the same) (day|night|evening|morning)\b"
    r"|\bthe same (day|night|evening|morning)\b|\bshortly after(wards)?\b"
)


def _framing(trig: Token) -> bool:
    """ "In the latest attack, ...": a noun in a fronted phrase that frames the clause
    whose verb tells the attack."""
    return (
        trig.pos_ == "NOUN"
        and trig.dep_ == "pobj"
        and trig.head.dep_ == "prep"
        and trig.head.i < trig.head.head.i
        and trig.head.head.pos_ == "VERB"
        and trig.head.head.lemma_.lower() in ATTACK_VERBS
    )


def _weapon_name(trig: Token) -> str | None:
    """ "car bomb" for "A car bomb exploded", "roadside bomb" for "a roadside bomb hit"."""
    if trig.pos_ != "VERB" or not _weapon_subject(trig):
        return None
    subj = _subject(trig)
    if subj is None:
        return None
    mods = [c.lower_ for c in subj.lefts if c.dep_ in ("compound", "amod") and c.i == subj.i - 1]
    return " ".join([*mods, subj.lemma_.lower()])


def _coordinated_attack(first: Token, sent: SpacySpan) -> Token | None:
    """A second attack verb coordinated with the first, with a subject of its own."""
    if first.pos_ != "VERB":
        return None
    mine = _subject(first)
    for c in first.children:
        if c.dep_ != "conj" or c.pos_ != "VERB":
            continue
        lemma = c.lemma_.lower()
        theirs = _subject(c)
        if (
            theirs is not None
            and theirs is not mine
            and theirs.i > first.i
            and (
                lemma in ATTACK_VERBS
                or (lemma in WEAK_ATTACK_VERBS | KILL_VERBS | WOUND_VERBS and _weapon_subject(c))
            )
        ):
            return c
    return None


def _definite_force(t: Token) -> bool:
    """ "the rebels", "the militants": a force told before."""
    return t.lower_ in FORCE_NOUNS and any(
        c.lower_ == "the" and c.dep_ == "det" for c in t.children
    )


def _later(sent: SpacySpan) -> bool:
    """ "About 15 minutes later, gunmen opened fire on a second unit": the next attack."""
    return bool(re.match(r"\W*(\w+ ){0,2}(hours?|minutes?) later\b", text_of(sent).lower()))


def _told_before(trig: Token, sent: SpacySpan) -> bool:
    """The verb's object is "the X" and an X was named in an earlier sentence."""
    obj = next((c for c in trig.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ != "NOUN" or camp_of_words([obj.lower_]) is not None:
        return False  # "struck the fleeing terrorists": people, not the bus told before
    if any(
        c.dep_ == "prep" and c.lower_ in ("of", "near", "in", "at", "outside") for c in obj.children
    ):
        return False  # "the positions of Ukrainian troops near Krymske": named anew
    if not any(c.lower_ == "the" and c.dep_ == "det" for c in obj.children):
        return False
    lemma = obj.lemma_.lower()
    doc = sent.doc
    lemmas = doc_lemmas(doc)
    return any(lemmas[i] == lemma and doc[i].pos_ == "NOUN" for i in range(sent.start))


def _fronted_place(sent: SpacySpan, places: list[PlaceMention]) -> bool:
    """The sentence opens with where it happened: "Near Pisky, ...", "In Ras al-Ain, ..."."""
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.lower_ not in ("near", "in", "at", "outside", "around"):
        return False
    return any(p.start in (first.i + 1, first.i + 2) for p in places)


_ON_THE_RUN = ("fleeing", "retreating", "withdrawing")
_RETAKING = frozenset({"retake", "recapture", "clear", "counterattack", "counter"})
_PURSUIT = re.compile(
    r"\b(pursu\w*|chas(ed|ing)|track(ed|ing)|as they (withdrew|fled|retreated))\b", re.I
)


def _response(trig: Token, sent: SpacySpan) -> str | None:
    """ "Clan fighters had retaken the base", "helicopters pursued the attackers as they
    withdrew and struck them": the answer to an attack, an attack of its own."""
    lemma = trig.lemma_.lower()
    if lemma in _RETAKING or (
        lemma == "attack" and trig.i > 1 and trig.doc[trig.i - 2].lower_ == "counter"
    ):
        return "retaking"
    return "pursuit" if _PURSUIT.search(text_of(sent)) else None


def _pursued(a: PhraseActor) -> bool:
    """In a pursuit, "the attackers" (and their like) are the ones pursued."""
    return a.text.lower() in ("attackers", "assailants", "militants", "insurgents", "terrorists")


def _clock(prep: Token) -> bool:
    """ "at around 05:30, up to 200 militants ...": a time, whatever the parser hung on it."""
    return any(t.ent_type_ in ("TIME", "DATE") or ":" in t.text for t in prep.subtree)


def _participants(
    trig: Token, sent: SpacySpan, actors: ActorIndex
) -> tuple[list[PhraseActor], list[PhraseActor]]:
    doc = sent.doc
    attackers: list[PhraseActor] = []
    targets: list[PhraseActor] = []
    verb = trig if trig.pos_ == "VERB" else _governing_verb(trig)
    if verb is not None and _repelling(verb) and trig.pos_ != "VERB":
        return _repelled(trig, verb, actors)
    if (
        trig.i > sent.start
        and doc[trig.i - 1].lower_ == "under"
        and doc[trig.i - 1].head.pos_ == "VERB"
    ):
        subj = _subject(
            doc[trig.i - 1].head
        )  # "a police patrol came under fire": the patrol was attacked
        found = phrase_at(subj, actors) if subj is not None else None
        return [], [found] if found is not None else []
    passive = verb is not None and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if trig.pos_ != "VERB" and trig.dep_ == "nsubjpass":
        passive = True
    if verb is not None and not passive:
        subj = _subject(verb)
        if subj is None and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            subj = _subject(verb.head)  # "its fighters had killed 23 soldiers and overran the base"
        found = phrase_at(subj, actors) if subj is not None and subj.dep_ != "nsubjpass" else None
        if found is None and _weapon_subject(verb):
            found = _weapon_owner(verb, actors)
        if found is None and trig.pos_ == "VERB" and not (subj is not None and _explosive(subj)):
            found = _scan_left(doc, verb.i, sent.start, actors)  # not "a police truck's bomb"
        if found and found.text.lower().startswith(_ON_THE_RUN):
            targets.append(found)  # "tracked a column of the fleeing attackers and struck it"
        elif found:
            attackers.append(found)
    if verb is not None and passive and trig.pos_ == "VERB":
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        found = phrase_at(subj, actors) if subj is not None else None
        if found:
            targets.append(found)
    for head in (trig, verb) if verb is not None and verb.i != trig.i else (trig,):
        for c in head.children:
            if c.dep_ == "agent" or (c.lower_ == "by" and trig.pos_ != "VERB"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                found = phrase_at(obj, actors) if obj is not None else None
                if found:
                    attackers.append(found)
            if c.lower_ in ("against", "on", "at") and c.dep_ == "prep" and not _clock(c):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                found = phrase_at(obj, actors) if obj is not None else None
                if found:
                    targets.append(found)
    obj_weapon = (
        trig.pos_ == "VERB"
        and trig.lemma_.lower() in ("strike", "hit")
        and any(
            c.dep_ == "dobj"
            and (c.lower_ in WEAPON_NOUNS or c.lower_ in ("device", "mine", "landmine", "ied"))
            for c in trig.children
        )
    )
    if obj_weapon:  # "an army vehicle struck an IED": the vehicle's side was attacked
        return [], attackers
    if trig.pos_ == "VERB" and not passive and not targets:
        obj = next((c for c in trig.children if c.dep_ == "dobj"), None)
        found = phrase_at(obj, actors) if obj is not None else None
        if found is None:
            found = _scan_right(doc, trig.i, sent.end, actors)
        if found:
            targets.append(found)
    if trig.pos_ != "VERB" and not attackers:
        between = _between(trig, actors)  # "clashes between X and Y": X attacked Y
        if between is not None:
            return [between[0]], [between[1]]
        for c in trig.children:
            span = actors.span_at(c.i)
            if c.dep_ in ("compound", "amod", "poss", "nmod") and span is not None:
                found = phrase_at(c, actors)
                if found:
                    attackers.append(found)
    return [a for a in attackers if a], [t for t in targets if t]


_PLANTING = frozenset({"plant", "lay", "place", "set", "fire", "launch", "detonate", "drive"})


_EXPLOSIVES = frozenset({"bomb", "device", "ied", "mine", "landmine", "explosive", "explosives"})


def _explosive(tok: Token) -> bool:
    """ "a sticky bomb attached to a police pickup truck": whoever is named near it is not
    its owner."""
    return tok.lemma_.lower() in _EXPLOSIVES or tok.lower_ in _EXPLOSIVES


def _weapon_owner(verb: Token, actors: ActorIndex) -> PhraseActor | None:
    """ "an explosive device planted by terrorists went off": who set the weapon."""
    subj = _subject(verb)
    if subj is None:
        return None
    for c in subj.children:
        if c.dep_ == "acl" and c.lemma_.lower() in _PLANTING:
            agent = next((g for g in c.children if g.dep_ == "agent"), None)
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if obj is not None:
                return phrase_at(obj, actors)
    return None


def _between(trig: Token, actors: ActorIndex) -> tuple[PhraseActor, PhraseActor] | None:
    prep = next((c for c in trig.children if c.lower_ == "between"), None)
    if prep is None and trig.i + 1 < len(trig.doc) and trig.doc[trig.i + 1].lower_ == "between":
        prep = trig.doc[trig.i + 1]
    if prep is None:
        return None
    first = next((c for c in prep.children if c.dep_ == "pobj"), None)
    second = (
        next((c for c in first.children if c.dep_ == "conj"), None) if first is not None else None
    )
    a = phrase_at(first, actors) if first is not None else None
    b = phrase_at(second, actors) if second is not None else None
    return (a, b) if a is not None and b is not None else None


_REPELLING = frozenset({"repel", "repulse", "thwart", "foil", "beat", "halt", "stop"})


def _repelling(verb: Token) -> bool:
    """ "repelled", "thwarted", "pushed back", "fought off": the verb of a defence."""
    if verb.lemma_.lower() in _REPELLING:
        return True
    return verb.lemma_.lower() in ("push", "fight", "drive") and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "off") for c in verb.children
    )


def _repelled(
    trig: Token, verb: Token, actors: ActorIndex
) -> tuple[list[PhraseActor], list[PhraseActor]]:
    """ "Army units repelled an attack launched by Jabhat al-Nusra": the repeller was attacked."""
    subj = _subject(verb)
    targets = [p for p in [phrase_at(subj, actors)] if p is not None] if subj is not None else []
    attackers: list[PhraseActor] = []
    for node in [trig, *[c for c in trig.children if c.dep_ == "acl"]]:
        for c in node.children:
            if c.dep_ == "agent" or c.lower_ == "by":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                found = phrase_at(obj, actors) if obj is not None else None
                if found is not None:
                    attackers.append(found)
    return attackers, targets


def _governing_verb(trig: Token) -> Token | None:
    """The verb that tells an attack noun's sides: "launched attacks", "killed seven
    soldiers in an ambush" (also "in a drone and artillery attack")."""
    while trig.dep_ == "conj" and trig.head.i != trig.i:
        trig = trig.head
    head = trig.head
    if head.lemma_.lower() in LIGHT_VERBS:
        return head
    if trig.dep_ == "nsubj" and head.pos_ == "VERB" and _casualty_kind(head) is not None:
        return head  # "a US drone strike killed four fighters"
    if trig.dep_ == "pobj" and head.lower_ in ("in", "during") and head.head.pos_ == "VERB":
        verb = head.head
        if _casualty_kind(verb) is not None or verb.lemma_.lower() in LIGHT_VERBS:
            return verb
    return None


def _scan_left(doc: Doc, i: int, lower: int, actors: ActorIndex) -> PhraseActor | None:
    depth = 0
    for j in range(i - 1, max(lower, i - 16) - 1, -1):
        tok = doc[j]
        if tok.text in ("]", ")"):
            depth += 1
        elif tok.text in ("[", "("):
            depth -= 1
        elif depth == 0:
            if tok.text in (";", ":") or (tok.text == "," and j < i - 12):
                return None
            if tok.pos_ in ("NOUN", "PROPN") and is_force_token(tok, actors):
                return phrase_at(tok, actors)
    return None


def _scan_right(doc: Doc, i: int, upper: int, actors: ActorIndex) -> PhraseActor | None:
    for j in range(i + 1, min(upper, i + 6)):
        tok = doc[j]
        if tok.pos_ in ("ADP", "PUNCT", "VERB", "SCONJ", "CCONJ") and tok.text not in (
            "’",
            "'",
            "-",
        ):
            return None
        if tok.pos_ in ("NOUN", "PROPN") and is_force_token(tok, actors):
            return phrase_at(tok, actors)
    return None


def _attack_time(sent: SpacySpan, trig: Token, published: dt.date | None) -> TimeExpr | None:
    best: TimeExpr | None = None
    clock = re.search(r"\b(\d{1,2}:\d{2})\b", text_of(sent))
    for ent in (e for e in doc_ents(sent.doc) if sent.start <= e.start < sent.end):
        if ent.label_ not in ("DATE", "TIME") or not _attached_to_event(ent.root, trig):
            continue
        start = ent.start
        while start > sent.start and sent.doc[start - 1].lower_ in (
            "overnight",
            "into",
            "night",
            "early",
            "late",
        ):
            start -= 1
        found = resolve_time(sent.doc[start : ent.end].text, published)
        if found is None:
            continue
        if best is None or _better(found, best):
            best = found
    if best is None:  # "shelled the district overnight": a time word the tagger left out
        for t in sent:
            if (
                t.lower_ in ("overnight", "yesterday")
                and t.ent_type_ not in ("DATE", "TIME")
                and _attached_to_event(t, trig)
            ):
                best = resolve_time(t.lower_, published)
                break
    if clock and best is not None and best.clock is None:
        best = TimeExpr(
            best.precision, best.date, best.earliest, best.latest, clock.group(1), best.text
        )
    elif clock and best is None:
        best = TimeExpr(Precision.UNKNOWN, clock=clock.group(1), text=clock.group(0))
    return best


def _better(a: TimeExpr, b: TimeExpr) -> bool:
    order = [Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR, Precision.UNKNOWN]
    if order.index(a.precision) != order.index(b.precision):
        return order.index(a.precision) < order.index(b.precision)
    return bool(a.earliest and b.earliest and a.earliest < b.earliest)


def _attached_to_event(tok: Token, trig: Token) -> bool:
    """A date belongs to the attack unless it hangs off a reporting verb ("said on
    Thursday") or off another event's noun ("after the city's liberation in 2016")."""
    anchors = {trig.i}
    if (
        trig.pos_ != "VERB"
        and trig.head.pos_ == "VERB"
        and trig.head.lemma_.lower() not in REPORT_VERBS
    ):
        anchors.add(trig.head.i)  # "attacks had been carried out ... earlier in the week"
    node = tok
    for _ in range(12):
        if node.head.i == node.i:
            break
        node = node.head
        if node.i in anchors:
            return True
        if node.pos_ in ("VERB", "AUX"):
            return node.lemma_.lower() not in REPORT_VERBS
        if node.pos_ == "NOUN" and _other_event_noun(node):
            return False
    return node.lemma_.lower() not in REPORT_VERBS


def _other_event_noun(tok: Token) -> bool:
    """ "liberation", "agreement", "election": an event that is not the attack."""
    low = tok.lower_
    if (
        low in ATTACK_NOUNS
        or tok.lemma_.lower() in ATTACK_NOUNS
        or low in ("operation", "operations")
    ):
        return False
    return low.endswith(("tion", "ment", "sion", "ence", "ance"))


# -- casualties ----------------------------------------------------------------


_CUE_WORDS = frozenset(
    {"wounds", "injuries", "hospitalised", "hospitalized", "bodies", "corpses", "lives"}
    | {"killed", "wounded", "injured", "dead"}
    | WOUND_VERBS
)
_CUE_LEMMAS = (
    frozenset({"receive", "treat", "bury", "pay", "recover", "find", "retrieve", "pull"})
    | frozenset({"evacuate", "take", "bring", "lose", "send", "shoot", "gun", "fall"})
    | NEUTRALIZE_VERBS
    | KILL_VERBS
    | WOUND_VERBS
)


_FELL_IN_ACTION = re.compile(
    r" (with (their )?arms in hand|in (combat|battle|action)|on the (battlefield|field of honou?r))"
)


def _suffered(tok: Token) -> bool:
    """ "suffered", "sustained", "received" (which the tagger may call an adjective)."""
    return tok.lower_.startswith(("suffer", "sustain", "receiv"))


_PART_OF_TOLL = re.compile(r"(of )?(them|whom|those|the (\w+ )?(wounded|injured))\b")


def _other_camp(verb: Token, actors: ActorIndex | None) -> str | None:
    """The camp facing the killer: the dead of an unnamed side are the killer's enemies."""
    killer = _subject(verb)
    if killer is None and verb.dep_ in ("advcl", "conj") and verb.head.pos_ == "VERB":
        killer = _subject(verb.head)
    if killer is None or actors is None:
        return None
    phrase = phrase_at(killer, actors)
    camp = phrase.camp if phrase is not None else None
    return {Camp.GOV: Camp.MILITANT, Camp.MILITANT: Camp.GOV}.get(camp or "")


def _and_one_more(doc: Doc, kind: CasualtyKind, start: int, anchor: int) -> list[CasualtyMention]:
    """ "four policemen and a civilian had been killed": one more, of another side."""
    for j in range(start, anchor - 2):
        if doc[j].lower_ == "and" and doc[j + 1].lower_ in ("a", "an"):
            k = j + 2 + (doc[j + 2].pos_ == "ADJ" and j + 3 < anchor)
            if doc[k].lower_ in _PERSONS:
                one = Quantity(1, text=doc[j + 1].text)
                return [CasualtyMention(kind, one, doc[k].text, _camp(doc[k].text), j + 1)]
    return []


def _counted_right_before(tok: Token) -> bool:
    """ "two civilians were killed and five (others) wounded": the number is the figure."""
    doc = tok.doc
    before = tok.i - 1
    if before > 0 and doc[before].lower_ in ("others", "more"):
        before -= 1
    return before >= 0 and parse_number(doc[before].text) is not None


def _the_wounded(tok: Token) -> bool:
    doc = tok.doc
    before = doc[tok.i - 1]
    if before.pos_ == "ADV" and tok.i > 1:
        before = doc[tok.i - 2]  # "the seriously wounded"
    return before.lower_ == "the"


def _cue_tokens(sent: SpacySpan) -> Iterator[Token]:
    """The tokens of ``sent`` that may start a casualty expression: the words
    ``_casualty_kind`` looks at further (read from the document's word lists, so the
    other tokens are never made)."""
    doc = sent.doc
    lows, lemmas = doc_lowers(doc), doc_lemmas(doc)
    for i in range(sent.start, sent.end):
        low = lows[i]
        if low in _CUE_WORDS or lemmas[i] in _CUE_LEMMAS or low.startswith("neutrali"):
            yield doc[i]


def _casualty_kind(tok: Token) -> tuple[CasualtyKind, int] | None:
    """Kind and the anchor token of a casualty expression at ``tok``."""
    low = tok.lower_
    lemma = tok.lemma_.lower()
    if low not in _CUE_WORDS and lemma not in _CUE_LEMMAS and not low.startswith("neutrali"):
        return None  # most words: no casualty here (checked first, for speed)
    if low in ("wounds", "injuries") and tok.i > 0 and _suffered(tok.doc[tok.i - 1]):
        return CasualtyKind.WOUNDED, tok.i - 1
    if low in ("wounds", "injuries") and tok.i > 1 and _suffered(tok.doc[tok.i - 2]):
        return CasualtyKind.WOUNDED, tok.i - 2  # "sustained shrapnel wounds"
    if low in ("wounds", "injuries"):
        return None
    if lemma == "receive" and any(
        c.dep_ == "dobj" and c.lower_ == "treatment" for c in tok.children
    ):
        return CasualtyKind.WOUNDED, tok.i  # "More than 40 others are receiving treatment"
    if low in ("hospitalised", "hospitalized") and tok.pos_ == "VERB":
        return CasualtyKind.WOUNDED, tok.i
    if lemma == "treat" and tok.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in tok.children):
        return CasualtyKind.WOUNDED, tok.i  # "37 other people were still being treated"
    if (
        lemma in ("treat", "bury")
        and tok.pos_ == "VERB"
        and tok.i + 1 < len(tok.doc)
        and quantity_at(tok.doc, tok.i + 1) is not None
    ):
        # "had helped to bury 12 people", "treated more than 20 wounded"
        return (CasualtyKind.WOUNDED if lemma == "treat" else CasualtyKind.KILLED), tok.i
    if low in ("wounded", "injured", "dead") and tok.i > 0 and _the_wounded(tok):
        return None  # "five of the (seriously) wounded died": people, not a toll
    if low in ("wounded", "injured") and tok.dep_ == "acl" and not _counted_right_before(tok):
        return None  # "two of the troops wounded in the fighting died later"
    doc = tok.doc
    if (
        tok.i + 2 < len(doc)
        and doc[tok.i + 1].lower_ in ("or", "and/or")
        and doc[tok.i + 2].lemma_.lower() in KILL_VERBS | WOUND_VERBS
    ) or (
        tok.i >= 2
        and doc[tok.i - 1].lower_ in ("or", "and/or")
        and doc[tok.i - 2].lemma_.lower() in KILL_VERBS | WOUND_VERBS
    ):
        return None  # "killed or wounded more than 100": dead and hurt in one figure
    if lemma == "pay" and any(
        c.dep_ == "dobj"
        and c.lower_ == "price"
        and any(g.lower_ in ("supreme", "ultimate") for g in c.children)
        for c in tok.children
    ):
        return CasualtyKind.KILLED, tok.i  # "four soldiers paid the supreme price"
    if (
        low in ("bodies", "corpses")
        and tok.i + 2 < len(tok.doc)
        and tok.doc[tok.i + 1].lower_ == "of"
        and quantity_at(tok.doc, tok.i + 2) is not None
    ):
        return CasualtyKind.KILLED, tok.i + 1  # "saw the bodies of four militants"
    if (
        low in ("bodies", "corpses")
        and tok.dep_ == "dobj"
        and tok.head.lemma_.lower() in ("count", "find", "bury", "recover", "retrieve", "receive")
    ):
        return CasualtyKind.KILLED, tok.i  # "we counted 19 bodies of the insurgents"
    if (
        lemma in ("recover", "find", "retrieve", "pull", "bury", "evacuate", "take", "bring")
        and tok.tag_ == "VBN"
        and any(c.dep_ == "nsubjpass" and c.lower_ in ("bodies", "corpses") for c in tok.children)
    ):
        return CasualtyKind.KILLED, tok.i  # "12 bodies were recovered on Monday"
    if lemma in NEUTRALIZE_VERBS or low.startswith("neutrali"):
        return CasualtyKind.NEUTRALIZED, tok.i
    if lemma == "fall" and _FELL_IN_ACTION.match(doc_text(tok.doc), tok.idx + len(tok.text)):
        return CasualtyKind.KILLED, tok.i  # "Six VDP fell with arms in hand"
    if lemma == "lose" and tok.i + 2 < len(tok.doc) and quantity_at(tok.doc, tok.i + 1) is not None:
        return CasualtyKind.KILLED, tok.i  # "while losing four soldiers"
    if (
        low == "lives"
        and tok.i >= 2
        and tok.doc[tok.i - 2].lemma_.lower() == "lose"
        and tok.doc[tok.i - 1].lower_ in ("their", "his", "her")
    ):
        return CasualtyKind.KILLED, tok.i - 2  # "Five soldiers lost their lives"
    if (
        low == "lives"
        and tok.i >= 2
        and tok.doc[tok.i - 2].lemma_.lower() == "claim"
        and tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].lower_ == "of"
    ):
        return CasualtyKind.KILLED, tok.i + 1  # "claimed the lives of two civilians"
    if (
        lemma == "send"
        and tok.i + 2 < len(tok.doc)
        and tok.doc[tok.i + 1].lower_ == "to"
        and tok.doc[tok.i + 2].lower_ == "hell"
    ):
        return CasualtyKind.KILLED, tok.i  # "six terrorists were sent to hell" (ISPR)
    if (
        lemma in ("shoot", "gun")
        and tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].lower_ == "dead"
    ):
        return CasualtyKind.KILLED, tok.i + 1  # "shot dead at least 16 civilians"
    if low == "dead" and tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() in ("shoot", "gun"):
        return None  # told by "shot"
    if tok.pos_ in ("VERB", "ADJ", "AUX") or low in ("killed", "wounded", "injured", "dead"):
        if lemma in KILL_VERBS or low in ("killed", "dead"):
            return CasualtyKind.KILLED, tok.i
        if lemma in WOUND_VERBS or low in WOUND_VERBS:
            return CasualtyKind.WOUNDED, tok.i
    return None


_TOLL = re.compile(
    r"\b(?:death toll|the toll|number of (?:(?P<who>\w+) )?(?:killed|dead))\b"
    r"(?P<among> among [\w' -]{1,40}?)?.{0,160}?"
    r"\b(?:risen|rose|climbed|reached|jumped|increased|stands at|stood at)\s+(?:to\s+)?",
    re.I,
)


_BRING_TOLL = re.compile(
    r"\b(?:bring|brings|brought|bringing|raise|raises|raised|raising"
    r"|revise|revises|revised|revising|update|updates|updated|updating) the "
    r"(?:(?:death )?toll|number of (?:(?P<who>\w+) )?(?:killed|dead))\b"
    r"(?P<among>.{0,60}?)\bto\s+",
    re.I,
)
_PUT_AT = re.compile(
    r"\bput (?:its|their|his|her|the) (?:(?P<whose>[\w-]+)(?:'s?|’s?) )?(?:own )?"
    r"(?:losses|death toll|toll|dead|figure|number of (?P<who>\w+) (?:killed|dead))"
    r"(?P<among> among [\w' -]{1,40}?)? at ",
    re.I,
)


# "raised the regime toll to 18 and the jihadist toll to 26": each side's toll
_SIDE_TOLL = re.compile(r"\bthe (?P<whose>[\w-]+) (?:death )?toll (?:to|at) ", re.I)
_WOUNDED_TOLL = re.compile(
    r"\bnumber of (?:the )?(?:injured|wounded)\b.{0,80}?"
    r"\b(?:risen|rose|climbed|reached|jumped|increased|stands at|stood at)\s+(?:to\s+)?",
    re.I,
)


def _toll(sent: SpacySpan, actors: ActorIndex | None) -> list[CasualtyMention]:
    """ "The death toll from Wednesday's bombing has risen to 25"; "The SDF put its
    losses at two" (the speaker's own dead)."""
    low = text_of(sent).lower()
    if "toll" not in low and "number of" not in low and "put " not in low:
        return []
    out: list[CasualtyMention] = []
    for pattern, m in (
        (p, m)
        for p in (_TOLL, _BRING_TOLL, _PUT_AT, _WOUNDED_TOLL, _SIDE_TOLL)
        for m in p.finditer(text_of(sent))
    ):
        kind = CasualtyKind.WOUNDED if pattern is _WOUNDED_TOLL else CasualtyKind.KILLED
        char = sent.start_char + m.end()
        tok = next((t for t in sent if t.idx >= char and not t.is_quote), None)
        q = quantity_at(sent.doc, tok.i) if tok is not None else None
        if q is None:
            continue
        victims = "people"
        camp: str | None = Camp.TOLL  # the attack's target if armed, else civilians
        named = _victims_after(sent.doc, q, sent.end)
        if named is not None:  # "put the toll at nine soldiers killed"
            victims, camp = named, _camp(named)
        who = m.groupdict().get("who") or m.groupdict().get("whose")
        if who and _camp(who) is not None:  # "the number of police killed ... to three"
            victims, camp = who, _camp(who)
        among = m.groupdict().get("among")
        among = re.sub(r"^(among|on)\s+", "", (among or "").strip())
        if among.lower() in ("the friendly side", "our side"):
            victims, camp = among, "ours"  # a statement's own losses
        if among and _camp(among) is not None:  # "the death toll among the security forces"
            victims, camp = among, _camp(among)
        if pattern is _PUT_AT and "losses" in m.group(0).lower():
            verb = next(t for t in sent if t.idx >= sent.start_char + m.start())
            subj = _subject(verb)
            span = actors.span_at(subj.i) if actors is not None and subj is not None else None
            victims = subj.text if subj is not None else "losses"
            camp = actors.camp_for(span) if span is not None and actors is not None else "ours"
        if all(c.token != q.start for c in out):  # "put the toll at 16 ... risen to 23"
            update = pattern is not _PUT_AT
            out.append(CasualtyMention(kind, q.quantity, victims, camp, q.start, update))
    return sorted(out, key=lambda c: c.token)


def casualty_mentions(
    sent: SpacySpan, actors: ActorIndex | None = None, *, prior_victims: str | None = None
) -> list[CasualtyMention]:
    doc = sent.doc
    out: list[CasualtyMention] = _toll(sent, actors)
    told = {c.token for c in out}  # put the toll at "more than 20 dead": told once
    floor = sent.start
    last_victims: str | None = None
    for tok in _cue_tokens(sent):
        found = _casualty_kind(tok)
        if found is None:
            continue
        kind, anchor = found
        if tok.lemma_.lower() in ("die", "succumb") and (
            any(c.lower_ == "later" for c in tok.children)
            or re.match(
                r"\s*(later|in hospital|of (their|his|her) (wounds|injuries))",
                doc[tok.i + 1 :].text,
            )
        ):
            continue  # "two of the wounded died later": already in the toll told with them
        if (
            tok.i >= 2
            and doc[tok.i - 1].lower_ == "the"
            and doc[tok.i - 2].lower_ in ("among", "including")
        ):
            continue  # "three children were among the dead": a part of a toll, not a toll
        after = max(tok.i, anchor) + 1
        while after < sent.end and doc[after].is_quote:
            after += 1  # had "neutralized" five terrorists
        if (
            after + 1 < sent.end
            and doc[after].lower_ in ("her", "his", "their", "its")
            and quantity_at(doc, after + 1) is not None
        ):
            after += 1  # "injuring her two brothers"
        active = quantity_at(doc, after) if after < sent.end else None
        one = _one_named(doc, tok.i + 1, sent.end) if tok.pos_ == "VERB" else None
        if active is None and one is not None:  # "killing a civilian", "killing a 9-year-old girl"
            active = one
        elif (
            active is None
            and tok.i + 2 < sent.end
            and doc[tok.i + 1].lower_ in ("a", "an", "their", "his", "her", "its")
            and doc[tok.i + 2].tag_ == "NN"
            and tok.pos_ == "VERB"
        ):  # "wounding their driver"
            active = QuantityMatch(
                Quantity(1, text=doc[tok.i + 1].text), tok.i + 1, tok.i + 2
            )  # "killing a civilian"
        q: QuantityMatch | None  # the figure told, found below
        if active is not None and tok.lower_ not in ("dead",):
            victims = _victims_after(doc, active, sent.end)
            named = actors.span_at(active.end) if actors is not None else None
            if victims is None and named is not None and named.start == active.end:
                victims = named.text  # "kill 27 Taliban"
            q, at = active, active.start
            floor = max(floor, active.end)
            for extra in _listed_after(
                doc, active, sent.end
            ):  # "killing four policemen and two civilians"
                more = _victims_after(doc, extra, sent.end)
                first = q.quantity
                if (
                    doc[extra.start - 1].lower_ in _KIN_OF
                    and first.value is not None
                    and extra.quantity.value is not None
                ):  # "killing a woman and her two children": three people
                    total = first.value + extra.quantity.value
                    q = QuantityMatch(
                        replace(first, value=total, low=None, high=None), q.start, q.end
                    )
                    floor = max(floor, extra.end)
                    continue
                if more is not None:
                    out.append(
                        CasualtyMention(kind, extra.quantity, more, _camp(more), extra.start)
                    )
                    floor = max(floor, extra.end)
        else:
            q = quantity_ending_before(doc, anchor, lower=floor)
            if q is not None and q.start in told:
                continue
            if (
                q is not None
                and q.end + 1 < len(doc)
                and doc[q.end].lower_ == "more"
                and doc[q.end + 1].lower_ in ("bodies", "corpses", "dead", "deaths")
            ):
                continue  # "14 more corpses were recovered": part of a toll told whole
            if q is not None and q.start > floor + 1 and _subset_opener(doc, q.start):
                # "Nearly 20 civilians, including several children, were wounded"; "four
                # more, among them two children, were wounded"
                q = quantity_ending_before(doc, q.start - 1, lower=floor) or q
            if q is not None and q.start >= 2 and doc[q.start - 1].lower_ == "of":
                whole = quantity_ending_before(doc, q.start - 2, lower=floor)
                if whole is not None and whole.end == q.start - 2:
                    q = whole  # "three members of one family had died": three
            if q is None:
                q = _one_person(tok)  # "A 61-year-old man was killed"
            if q is None:
                continue
            victims = _victims_between(doc, q.end, anchor)
            if victims is None and any(
                t.lower_ in ("wounded", "injured") and _the_wounded(t) for t in doc[q.end : anchor]
            ):
                continue  # "five of the wounded died in hospital": already in the toll
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if victims is None and subj is not None and subj.i >= q.end and subj.pos_ == "NOUN":
                victims = subj.text  # "three residents who had not managed to escape were killed"
            if victims is None and anchor + 1 < sent.end and doc[anchor + 1].lower_ == "among":
                k = anchor + 2 + (anchor + 2 < sent.end and doc[anchor + 2].lower_ == "the")
                victims = _victims_after(doc, QuantityMatch(q.quantity, k, k), sent.end) or (
                    doc[k].text if k < sent.end and doc[k].pos_ == "NOUN" else None
                )  # "14 wounded among the defenders"
            at = q.start
            for earlier in _listed_before(
                doc, q, floor
            ):  # "20 soldiers and 35 militants were killed"
                more = _victims_between(doc, earlier.end, earlier.end + 4)
                if more is not None:
                    out.append(
                        CasualtyMention(kind, earlier.quantity, more, _camp(more), earlier.start)
                    )
            out.extend(_and_one_more(doc, kind, q.end, anchor))
            floor = tok.i + 1
        if victims is None and tok.lower_ == "bodies" and tok.i + 1 < sent.end:
            of = QuantityMatch(q.quantity, q.start, tok.i + 1)
            victims = _victims_after(doc, of, sent.end) or "bodies"  # "19 bodies of the insurgents"
        if victims is None:  # "killed 22 people and wounded 41": the same people
            killer = _subject(tok) if active is not None else None
            skip = {t.i for t in killer.subtree} if killer is not None else set()
            nearest = _nearest_force_noun(doc, at, sent.start, skip=skip)
            of_them = active is not None and doc[active.end : active.end + 2].text == "of them"
            if of_them and nearest is not None:
                victims = nearest  # "repulsed the attackers, killing more than 20 of them"
            else:
                victims = last_victims or nearest or prior_victims
            if victims is None and (active is not None or tok.lower_ == "dead"):
                victims = "people"  # "Suicide bomber kills dozens", "more than 25 dead"
        if victims is None or _PART_OF_TOLL.match(victims.lower()):
            continue  # "five of them died": part of a toll already counted
        named_camp = _named_camp(sent, victims, actors)
        camp: str | None
        if named_camp is not None and " of " in victims:
            camp = named_camp  # "a serviceman of the Lugansk People's Republic": its side
        else:
            camp = _camp(victims) or named_camp
        loser = _loser(tok, actors)
        if loser is not None:
            camp = loser  # "the militants lost 11 men killed"
        if victims.lower().endswith(("others", "more")) and out:
            camp = out[-1].camp  # "killing nine people and wounding 14 others"
        if camp is None and active is not None:
            camp = _other_camp(tok, actors)  # "the army unit clashed with the group, killing nine"
        last_victims = victims
        out.append(CasualtyMention(kind, q.quantity, victims, camp, at))
    return [c for c in out if not _both_sides(sent, c)]


_MIXED = re.compile(
    r"\b(fighters|soldiers|troops|combatants|militants|people)\b.{0,40}\band civilians\b"
    r"|\bcivilians and (fighters|soldiers|troops|combatants|militants)\b"
    r"|\bcombatants\b",
    re.I,
)


def _both_sides(sent: SpacySpan, c: CasualtyMention) -> bool:
    """ "more than 60 fighters from both sides", "37 wounded fighters and civilians", "more
    than 30 people died, without giving a breakdown": a total that mixes sides."""
    doc = sent.doc
    after = doc[c.token : min(c.token + 12, sent.end)].text.lower()
    if "both sides" in after or "either side" in after or _MIXED.search(after):
        return True
    return c.victims == "people" and "breakdown" in text_of(sent).lower()


_CIVILIAN_VICTIMS = frozenset(
    {
        "people",
        "persons",
        "worker",
        "workers",
        "labourers",
        "laborers",
        "farmers",
        "shoppers",
        "students",
        "pupils",
        "passengers",
        "displaced",
        "family",
        "relatives",
        "others",
        "bystanders",
        "traders",
        "herders",
        "fishermen",
        "mourners",
        "guests",
        "villagers",
        "residents",
        "citizens",
        "bodies",
        "passers",
        "passersby",
    }
)
# people named by what they were doing, or just as people: civilians when they die
_CIVILIAN_ROLES = frozenset(
    {
        "vendor",
        "driver",
        "farmer",
        "journalist",
        "teacher",
        "student",
        "shepherd",
        "man",
        "woman",
        "boy",
        "girl",
        "child",
        "resident",
    }
)
_CIVILIAN_VICTIMS |= _CIVILIAN_ROLES


def _loser(tok: Token, actors: ActorIndex | None = None) -> str | None:
    """The camp of X in "X lost N men (killed)": the dead are X's."""
    verb = (
        tok
        if tok.lemma_.lower() == "lose"
        else (tok.head if tok.head.lemma_.lower() == "lose" else None)
    )
    if verb is None and tok.i >= 3:
        verb = next((t for t in tok.doc[tok.i - 4 : tok.i] if t.lemma_.lower() == "lose"), None)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    span = actors.span_at(subj.i) if actors is not None else None
    return (
        actors.camp_for(span)
        if actors is not None and span is not None
        else camp_of_words([subj.lower_])
    )


_PERSONS = _CIVILIAN_ROLES | {
    "worker",
    "civilian",
    "soldier",
    "serviceman",
    "policeman",
    "policewoman",
    "officer",
    "gendarme",
    "peacekeeper",
    "guard",
    "militiaman",
    "fighter",
    "militant",
}


_ONE_PERSON = _PERSONS | CIVILIAN_NOUNS


def _one_named(doc: Doc, i: int, upper: int) -> QuantityMatch | None:
    """ "a 9-year-old girl", "an elderly man": one person, counted by "a"."""
    if i >= upper or doc[i].lower_ not in ("a", "an"):
        return None
    j = i + 1
    while j < upper and j < i + 8 and doc[j].lower_ not in _ONE_PERSON:
        if doc[j].pos_ not in ("NUM", "ADJ", "NOUN", "PUNCT") or doc[j].text == ",":
            return None
        j += 1
    if j >= upper or doc[j].lower_ not in _ONE_PERSON:
        return None
    return QuantityMatch(Quantity(1, text=doc[i].text), i, i + 1)


def _one_person(verb: Token) -> QuantityMatch | None:
    """ "A 61-year-old man was killed": one victim named by "a"."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ not in _PERSONS:
        return None
    det = next((c for c in subj.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
    if det is None:
        return None
    return QuantityMatch(Quantity(1, text=det.text), det.i, subj.i)


def _named_camp(sent: SpacySpan, victims: str, actors: ActorIndex | None) -> str | None:
    """ "Eighteen Taliban were killed": the camp of the named group the dead belong to."""
    if actors is None:
        return None
    for i in range(sent.start, sent.end):
        span = actors.span_at(i)
        if span is not None and span.start == i and victims.endswith(span.text):
            return actors.camp_for(span)
    return None


def _camp(victims: str) -> str | None:
    words = [w.lower() for w in re.split(r"[\s-]+", victims) if w]
    if words and words[0] == "our":
        if words[-1] in _CIVILIAN_VICTIMS:
            return "civilian"  # "15 of our people were killed", a villager says
        return "ours"  # "two of our servicemen": the speaker's side, the one attacked
    if words and words[-1] in ("attackers", "assailants", "bombers", "bomber"):
        return "attackers"
    if words and words[-1] in ("defenders", "defender"):
        return "ours"  # "14 wounded among the defenders": the side attacked
    if words and words[-1] in _CIVILIAN_VICTIMS and words[-1] != "others":
        return "civilian"
    if "passers" in words or "passersby" in words:
        return "civilian"  # "three passers-by"
    return camp_of_words(words)


def _victims_after(doc: Doc, q: QuantityMatch, upper: int) -> str | None:
    j = q.end
    start = q.end
    if j < upper and doc[j].lower_ == "of":
        j = start = (
            j + 1 + (j + 1 < upper and doc[j + 1].lower_ in ("the", "its", "their"))
        )  # "dozens of insurgents", "13 of the attackers"
        if j < upper and doc[j].lower_ == "our":
            j += 1  # "eight of our men": "our men", the speaker's side
    quoted = j < upper and doc[j].is_quote
    if quoted:
        j = start = j + 1  # killed 30 "puppet soldiers"
    if j + 1 < upper and doc[j].lower_ in ("members", "member") and doc[j + 1].lower_ == "of":
        # "25 members of the regime militias": the victims are the militias' men
        k = j + 2
        while k < upper and (doc[k].is_quote or doc[k].lower_ in ("the", "its", "their")):
            k += 1
        found = _victims_after(doc, QuantityMatch(Quantity(None), k, k), upper)
        return doc[start : j + 1].text + " of " + found if found else doc[start : j + 1].text
    while (
        j < upper
        and (doc[j].pos_ in ("ADJ", "PROPN", "NOUN") or doc[j].text == "-")
        and j < q.end + 7
    ):
        if (
            doc[j].lower_ in FORCE_NOUNS | CIVILIAN_NOUNS | _CIVILIAN_VICTIMS
            or doc[j].lower_ in ("attackers", "assailants", "men")
        ) and not (j + 1 < upper and doc[j + 1].pos_ == "NOUN" and doc[j].pos_ == "ADJ"):
            # "two civilian auxiliaries": the noun, not its adjective
            return doc[start : j + 1].text
        j += 1
    if quoted and start < j < upper and doc[j].is_quote:
        return doc[start:j].text  # killed 19 "Christian invaders": the attacked, as they call them
    return None


def _listed_before(doc: Doc, q: QuantityMatch, floor: int) -> list[QuantityMatch]:
    """Quantities listed before a passive toll's last one, nearest last."""
    out: list[QuantityMatch] = []
    j = q.start - 1
    while j > floor and doc[j].lower_ in ("and", ","):
        k = j - 1
        while k > floor and (
            (doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and not doc[k].like_num)
            or doc[k].lower_ in ("of", "our", "the", "its", "their")  # "Three of our officers"
        ):
            k -= 1
        earlier = quantity_ending_before(doc, k + 1, lower=max(floor, k - 3))
        if earlier is None or earlier.end != k + 1 or k + 1 >= j:
            break
        out.insert(0, earlier)
        j = earlier.start - 1
    return out


_KIN_OF = frozenset({"her", "his", "their"})


def _subset_opener(doc: Doc, i: int) -> bool:
    """Token ``i`` opens a part of a figure told just before ("including", "among them")."""
    if doc[i - 1].lower_ == "including":
        return True
    return doc[i - 2].lower_ == "among" and doc[i - 1].lower_ in ("them", "whom", "those")


def _listed_after(doc: Doc, q: QuantityMatch, upper: int) -> list[QuantityMatch]:
    """Further "and N nouns" after an active toll's first victims."""
    out = []
    j = q.end
    while j < upper and doc[j].pos_ in ("ADJ", "PROPN", "NOUN") and j < q.end + 5:
        j += 1
    while j + 1 < upper and doc[j].text in (",", "and"):
        k = j + 1 + (doc[j + 1].lower_ == "and")
        k += k + 1 < upper and doc[k].lower_ in _KIN_OF  # "a woman and her two children"
        nxt = quantity_at(doc, k) if k < upper else None
        if nxt is None:
            break
        j = nxt.end
        while j < upper and doc[j].pos_ in ("ADJ", "PROPN", "NOUN") and j < nxt.end + 5:
            j += 1
        if j < upper and doc[j].pos_ in ("AUX", "VERB"):
            break  # "and four others were injured": a clause of its own
        out.append(nxt)
    return out


def _victims_between(doc: Doc, start: int, anchor: int) -> str | None:
    stop = next(
        (
            t.i
            for t in doc[start:anchor]
            if (t.is_punct and t.text not in ("/", "-"))
            or t.lower_ in ("and", "who", "whom", "which", "that")
        ),
        anchor,
    )  # "Two of the terrorists who took part in the attack were neutralized"
    if stop < anchor and stop > start:
        anchor = stop  # "Nearly 20 civilians, including several children, were wounded"
    if start < anchor and doc[start].lower_ == "of":
        start += 1  # "dozens of terrorists had been killed"
    words = [t for t in doc[start:anchor] if t.lower_ not in _AUX]
    while words and words[-1].pos_ in ("ADV", "PART"):
        words.pop()  # "bodies have so far been evacuated"
    if not words or any(
        t.pos_ in ("VERB", "CCONJ") or (t.pos_ == "PUNCT" and t.text != "-") for t in words
    ):
        return None
    return doc[words[0].i : words[-1].i + 1].text


def _nearest_force_noun(
    doc: Doc, i: int, lower: int, *, skip: AbstractSet[int] = frozenset()
) -> str | None:
    for j in range(i - 1, lower - 1, -1):
        t = doc[j]
        if j in skip:
            continue
        if t.pos_ in ("NOUN", "PROPN") and (
            t.lower_ in FORCE_NOUNS | CIVILIAN_NOUNS or t.lower_ in ("attackers",)
        ):
            start = j
            while (
                start - 1 >= lower
                and doc[start - 1].dep_ in ("amod", "compound")
                and not doc[start - 1].like_num
            ):
                start -= 1
            return doc[start : j + 1].text
    return None


# -- equipment, outcomes, named actors ----------------------------------------


def _equipment(sent: SpacySpan) -> list[EquipmentMention]:
    doc = sent.doc
    out = []
    for span in doc.spans.get(EQUIPMENT, []):
        if not (sent.start <= span.start < sent.end):
            continue
        count: int | None = None
        prev = doc[span.start - 1] if span.start > sent.start else None
        if prev is not None and (parse_number(prev.text) is not None):
            count = parse_number(prev.text)
        elif (prev is not None and prev.lower_ in ("a", "an")) or (
            doc[span.end - 1].tag_ in ("NN", "NNP")
            and (prev is None or prev.lower_ not in ("the", "of"))
        ):
            count = 1
        out.append(EquipmentMention(span.label_, span.text, count, span.start))
    return out


def _outcomes(sent: SpacySpan) -> set[Outcome]:
    doc = sent.doc
    low = set(doc_lemmas(doc)[sent.start : sent.end]) | set(doc_lowers(doc)[sent.start : sent.end])
    out: set[Outcome] = set()
    if low & REPELLED_WORDS:
        out.add(Outcome.REPELLED)
    if low & {"seize", "capture", "take"} and low & {
        "settlement",
        "settlements",
        "village",
        "villages",
        "town",
        "towns",
    }:
        out.add(Outcome.SETTLEMENT_CAPTURED)
    if low & {"seize", "capture"} and low & {"position", "positions"} and "abandon" not in low:
        out.add(Outcome.POSITIONS_SEIZED)
    if low & {"abandon", "withdraw", "retreat", "redeploy", "re-deploy"}:
        out.add(Outcome.FORCES_WITHDREW)
    return out


def _named_actors(sent: SpacySpan, actors: ActorIndex, skip: set[int]) -> list[PhraseActor]:
    out, seen = [], set()
    for tok in sent:
        span = actors.span_at(tok.i)
        if span is None or tok.i in skip or span.start in seen:
            continue
        seen.add(span.start)
        found = phrase_at(tok, actors)
        if found is not None and found.camp == "militant":
            out.append(found)
    return out
