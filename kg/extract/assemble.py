"""Drafts -> frozen ``Attack`` records: merge participants, assign casualty sides
and equipment owners, drop repeated figures."""

from __future__ import annotations

import re

from kg.extract.actors import Camp, PhraseActor
from kg.extract.grouping import Draft, event_time
from kg.extract.kinds import attack_kinds
from kg.extract.sentences import CasualtyMention
from kg.records import (
    ActorKind,
    Attack,
    Casualties,
    CasualtyKind,
    Claim,
    Equipment,
    Participant,
    Place,
    Qualifier,
    Side,
    Span,
)

__all__ = ["build_attack"]


_NOT_FIGHTERS = (ActorKind.MEDIA, ActorKind.GOVERNMENT_BODY, ActorKind.PERSON)


def _victims_as_targets(d: Draft, sides: dict[str, Side]) -> list[tuple[Participant, str | None]]:
    """No side was named as attacked: the people the toll counts on the attacked side are."""
    for c, span, _ in d.casualties:
        if (
            sides.get(c.camp or "", Side.TARGET) is Side.TARGET
            and c.camp != "attackers"
            and c.victims.lower() not in ("others", "more")
        ):
            return [(Participant(c.victims, span), c.camp)]
    return []


def _fighters(found: list[tuple[PhraseActor, Span]]) -> list[tuple[PhraseActor, Span]]:
    """Media, ministries and spokesmen report attacks; they are not sides of one."""
    return [(p, s) for p, s in found if p.actor is None or p.actor.kind not in _NOT_FIGHTERS]


_BARE = frozenset({"group", "groups", "force", "forces", "unit", "units"})


def _specific(found: list[tuple[PhraseActor, Span]]) -> list[tuple[PhraseActor, Span]]:
    """Once a side is named ("Boko Haram"), its descriptions ("jihadists", "the
    group", "a suicide bomber") add nothing unless they carry a strength."""
    named = [(p, s) for p, s in found if p.actor is not None]
    if not named:
        return [(p, s) for p, s in found if p.text.lower() not in _BARE]
    return [(p, s) for p, s in found if p.actor is not None or p.strength is not None]


def build_attack(d: Draft, parent: Draft | None) -> Attack:
    attackers = _merge(_specific(_fighters(d.attackers)))
    targets = _merge(_fighters(d.targets))
    attackers = _with_equipment(attackers, d)
    sides = _side_camps(attackers, targets)
    if any(m.response for m, _ in d.mentions):
        sides["attackers"] = Side.TARGET  # a pursuit of "the attackers": they are attacked now
    if not targets:
        targets = _victims_as_targets(d, sides)
    return Attack(
        key=d.key,
        evidence=tuple(d.evidence),
        parent=d.parent,
        attackers=tuple(p for p, _ in attackers),
        targets=tuple(p for p, _ in targets),
        places=tuple(Place(p.text, span, p.role, p.within) for p, span in d.places),
        time=event_time(d, parent),
        casualties=_casualties(d, sides),
        outcomes=tuple(sorted(d.outcomes, key=lambda o: o.value)),
        claims=tuple(d.claims),
        denials=tuple(d.denials),
        kinds=attack_kinds(span.text for _, span in d.mentions),
    )


def _key(p: PhraseActor) -> str:
    if p.actor is not None and p.actor.key:
        return p.actor.key
    return re.sub(r"s\b", "", p.text.lower())


def _merge(found: list[tuple[PhraseActor, Span]]) -> list[tuple[Participant, str | None]]:
    """One participant per actor; unnamed ones of one camp collapse into the most specific."""
    chosen: dict[str, tuple[PhraseActor, Span]] = {}
    for p, span in found:
        k = _key(p)
        if k in chosen:
            if chosen[k][0].strength is None and p.strength is not None:
                chosen[k] = (p, span)
            continue
        generic_same_camp = next(
            (
                kk
                for kk, (q, _) in chosen.items()
                if q.actor is None
                and p.actor is None
                and q.camp == p.camp
                and q.camp not in (None, "unlisted")
            ),
            None,
        )
        if generic_same_camp is not None:
            q = chosen[generic_same_camp][0]
            if q.strength is None and p.strength is not None:
                del chosen[generic_same_camp]
                chosen[k] = (p, span)
            continue
        chosen[k] = (p, span)
    return [(Participant(p.text, span, p.actor, p.strength), p.camp) for p, span in chosen.values()]


def _with_equipment(
    attackers: list[tuple[Participant, str | None]], d: Draft
) -> list[tuple[Participant, str | None]]:
    if not attackers or not d.equipment:
        return attackers
    owned: dict[int, dict[str, Equipment]] = {i: {} for i in range(len(attackers))}
    for e, span, sentence_parts in d.equipment:
        owner = 0
        for i, (p, _) in enumerate(attackers):
            if any(sp.text == p.text for sp in sentence_parts):
                owner = i
                break
        items = owned[owner]
        old = items.get(e.type_key)
        if old is None or (old.count is None and e.count is not None):
            items[e.type_key] = Equipment(e.type_key, e.label, e.count, span)
    out = []
    for i, (p, camp) in enumerate(attackers):
        eq = tuple(owned[i].values())
        out.append((Participant(p.text, p.evidence, p.actor, p.strength, p.equipment + eq), camp))
    return out


def _side_camps(
    attackers: list[tuple[Participant, str | None]], targets: list[tuple[Participant, str | None]]
) -> dict[str, Side]:
    a = {c for _, c in attackers if c}
    t = {c for _, c in targets if c}
    sides: dict[str, Side] = {
        Camp.CIVILIAN: Side.CIVILIAN,
        "attackers": Side.ATTACKER,
        "ours": Side.TARGET,
    }
    for camp in (Camp.GOV, Camp.MILITANT):
        if camp in a and camp not in t:
            sides[camp] = Side.ATTACKER
        elif camp in t and camp not in a:
            sides[camp] = Side.TARGET
    other = {Camp.GOV: Camp.MILITANT, Camp.MILITANT: Camp.GOV}
    for camp, opp in other.items():
        if camp not in sides and sides.get(opp) in (Side.ATTACKER, Side.TARGET):
            sides[camp] = Side.TARGET if sides[opp] is Side.ATTACKER else Side.ATTACKER
    # a toll that names nobody ("the death toll has risen to five") is of whom was attacked
    sides[Camp.TOLL] = Side.TARGET if t & {Camp.GOV, Camp.MILITANT} else Side.CIVILIAN
    if Camp.GOV not in sides and Camp.MILITANT not in sides:
        # neither side named by camp ("a large group ... attacked the detachment"):
        # as reports go, the soldiers were attacked and the militants attacked
        sides[Camp.GOV], sides[Camp.MILITANT] = Side.TARGET, Side.ATTACKER
    return sides


def _casualties(d: Draft, sides: dict[str, Side]) -> tuple[Casualties, ...]:
    # one figure per (kind, side, number or its words, claimant)
    out: dict[tuple[CasualtyKind, Side, int | str, str | None], Casualties] = {}
    previous: Side | None = None
    for c, span, claim in d.casualties:
        side = sides.get(c.camp or "", Side.TARGET if c.camp is None else Side.UNKNOWN)
        if c.camp is None and c.victims.lower().endswith(("others", "more")) and previous:
            side = previous  # "More than 50 others were wounded", after the dead
        previous = side
        value = c.quantity.value if c.quantity.value is not None else c.quantity.text
        k = (c.kind, side, value, claim.claimant.key or claim.claimant.label if claim else None)
        fig = Casualties(c.kind, side, c.quantity, c.victims, span, claim)
        old = out.get(k)
        if old is None or _hedged_over(fig, old):
            out[k] = fig
    return tuple(out.values())


def _hedged_over(new: Casualties, old: Casualties) -> bool:
    """A paraphrase drops hedges, it does not add them: keep the hedged report."""
    return (
        old.quantity.qualifier is Qualifier.EXACT and new.quantity.qualifier is not Qualifier.EXACT
    )


_ = (CasualtyMention, Claim)
