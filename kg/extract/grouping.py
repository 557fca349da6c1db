"""From sentence facts to attacks.

Rules, in text order:
- an attack mention joins an earlier attack that shares a place with it, unless
  their attacker strengths differ or the mention's source denied that attack;
- a mention without places or strength ("the attack", "an offensive") joins the
  attack in focus;
- anything else starts a new attack;
- figures, equipment and outcomes in a sentence with no attack mention go to the
  attack in focus when the sentence's source also reported it, else to the
  article's main attack (the one mentioned most);
- an attack "from two directions" is the parent of the attacks along named axes
  whose strengths add up to its own (or the nearest ones);
- a sentence that says no such attack took place is a denial of the attack in focus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, product

from kg.extract.actors import Camp, PhraseActor
from kg.extract.places import PlaceMention
from kg.extract.sentences import AttackMention, CasualtyMention, EquipmentMention, SentenceFacts
from kg.names import place_key
from kg.records import Actor, Claim, Outcome, PlaceRole, Precision, Span, Stance, TimeExpr

__all__ = ["Draft", "group"]


@dataclass
class Draft:
    key: str
    evidence: list[Span] = field(default_factory=list)
    mentions: list[tuple[AttackMention, Span]] = field(default_factory=list)
    attackers: list[tuple[PhraseActor, Span]] = field(default_factory=list)
    targets: list[tuple[PhraseActor, Span]] = field(default_factory=list)
    places: list[tuple[PlaceMention, Span]] = field(default_factory=list)
    casualties: list[tuple[CasualtyMention, Span, Claim | None]] = field(default_factory=list)
    equipment: list[tuple[EquipmentMention, Span, list[PhraseActor]]] = field(default_factory=list)
    outcomes: set[Outcome] = field(default_factory=set)
    claims: list[Claim] = field(default_factory=list)
    denials: list[Claim] = field(default_factory=list)
    directions: int | None = None
    parent: str | None = None
    told_at: int = -2  # the last sentence that told this attack with a mention of its own

    def place_names(self) -> set[str]:
        return {_norm(p.text) for p, _ in self.places}

    def axes(self) -> set[str]:
        return {_norm(p.text) for p, _ in self.places if p.role is PlaceRole.AXIS}

    def strength(self) -> int | None:
        for a, _ in self.attackers:
            if a.strength is not None and a.strength.value is not None:
                return a.strength.value
        return None

    def claimant_keys(self) -> set[str]:
        return {_actor_id(c.claimant) for c in self.claims}

    extra_times: list[TimeExpr] = field(default_factory=list)

    def times(self) -> list[TimeExpr]:
        return [m.time for m, _ in self.mentions if m.time is not None] + self.extra_times


def _norm(text: str) -> str:
    """A place or actor name for comparison: "Kunduz province" and "Kunduz" are one."""
    return place_key(text)


def _actor_id(a: Actor) -> str:
    return a.key or _norm(a.label)


def group(sentences: list[tuple[SentenceFacts, Actor | None]]) -> list[Draft]:
    drafts: list[Draft] = []
    focus: Draft | None = None
    headlines = [(f, c) for f, c in sentences if f.headline and f.index < 3]
    body = [(f, c) for f, c in sentences if not (f.headline and f.index < 3)]
    for facts, claimant in body + headlines:
        if facts.headline and facts.index < 3:
            focus = _headline_focus(drafts, facts) or focus
        claim = Claim(claimant, facts.span) if claimant is not None else None
        if facts.denial and not facts.attacks:
            target = _denied_event(drafts, focus, claimant)
            named = {_norm(p.text) for p in facts.places if p.role is PlaceRole.LOCATION}
            if target is not None and named and not named & target.place_names():
                continue  # "denied that its troops had opened fire on Trudovskiye": not this one
            if target is not None and claimant is not None:
                target.denials.append(Claim(claimant, facts.span, Stance.DENIES))
            continue
        event = None
        told: list[tuple[AttackMention, Draft]] = []
        if facts.weapon_ref is not None:  # "The car bomb ... went off at 8 a.m.": that blast
            focus = next(
                (
                    d
                    for d in reversed(drafts)
                    if any(x.weapon == facts.weapon_ref for x, _ in d.mentions)
                ),
                focus,
            )
        for mention in facts.attacks:
            if facts.headline and facts.index < 3 and focus is not None:
                event = focus
            else:
                event = _match(drafts, focus, mention, claimant, facts.index)
                if event is None:
                    event = _new(drafts)
                    if mention.same_day and focus is not None:
                        event.extra_times.extend(
                            t for t in focus.times() if t.precision is Precision.DAY
                        )
                        if not mention.places:  # "15 minutes later, gunmen opened fire on ..."
                            event.places.extend(
                                (p, s) for p, s in focus.places if p.role is PlaceRole.LOCATION
                            )
                    if mention.response and focus is not None:
                        # "clan fighters had retaken the base": where the answered attack
                        # was, from whom it had taken it
                        if not mention.places:
                            event.places.extend(
                                (p, s)
                                for p, s in focus.places
                                if p.role is PlaceRole.LOCATION and not p.region
                            )
                        if not mention.targets:
                            event.targets.extend(focus.attackers)
                    if mention.place_anaphor and len(drafts) > 1:
                        # "insurgents stormed a hub in the town": the town of the story
                        main = max(drafts[:-1], key=lambda d: len(d.mentions))
                        event.places.extend(
                            (p, s) for p, s in main.places[:1] if p.role is PlaceRole.LOCATION
                        )
            _add_mention(event, mention, facts.span, claim)
            event.told_at = facts.index
            told.append((mention, event))
            focus = event
        target = event or _focus_for(
            drafts, focus, claimant, facts.index if facts.casualties else None
        )
        if target is None:
            continue
        if (
            event is None
            and claim is not None
            and (facts.casualties or facts.equipment or facts.extra_attackers)
        ):
            _add_claim(target, claim)
        for c in facts.casualties:  # two attacks in the sentence: each takes its clause's toll
            owner = next(
                (d for m, d in told if m.clause is not None and c.token in m.clause), target
            )
            if c.update and event is None:
                owner = _updated_toll(drafts, c) or owner
            owner.casualties.append((c, facts.span, claim))
            owner.told_at = max(owner.told_at, facts.index)
        if (
            event is None
            and facts.time is not None
            and facts.time.precision is not Precision.UNKNOWN
        ):
            target.extra_times.append(facts.time)
        target.equipment.extend((e, facts.span, facts.participants) for e in facts.equipment)
        target.attackers.extend((a, facts.span) for a in facts.extra_attackers)
        _add_places(target, ((p, facts.span) for p in facts.extra_places))
        if facts.attacks or facts.casualties:
            target.outcomes |= facts.outcomes
        focus = target if event is not None or facts.casualties or facts.equipment else focus
    drafts = [d for d in drafts if not _sum_of_others(d, drafts)]
    _drop_lede_sums(drafts)
    drafts = _absorb_leads(drafts)
    _link_prongs(drafts)
    return _renumber([d for d in drafts if _reported(d)])


def _updated_toll(drafts: list[Draft], c: CasualtyMention) -> Draft | None:
    """ "The same communique revised the toll on the friendly side to seven dead": the
    attack whose lower toll of that side it revises, if one attack has one."""
    value = c.quantity.value
    if value is None:
        return None
    owners = [
        d
        for d in drafts
        if any(
            x.kind is c.kind and _same_camp(x.camp, c.camp) and (x.quantity.value or value) < value
            for x, _, _ in d.casualties
        )
    ]
    return owners[0] if len(owners) == 1 else None


def _same_camp(a: str | None, b: str | None) -> bool:
    """Equal, or one is a side named only as the speaker's own or the attacked."""
    vague = ("ours", Camp.TOLL, None)
    sure = (Camp.CIVILIAN, "attackers")
    return a == b or (a in vague and b not in sure) or (b in vague and a not in sure)


def _absorb_leads(drafts: list[Draft]) -> list[Draft]:
    """A lead that sums an attack up before the story tells it ("Suspected jihadists killed
    13 villagers in central Mali ..." then "Gunmen raided the village of Dourou ... 'We have
    buried 13 bodies'"): told by no place of its own, it is the later attack that shares its
    toll or its weapon."""
    out = list(drafts)
    for d in drafts:
        if d.parent or d.directions or not d.mentions:
            continue
        figures = {(c.kind, c.quantity.value) for c, _, _ in d.casualties if c.quantity.value}
        weapons = {m.weapon for m, _ in d.mentions if m.weapon}
        bare = d is drafts[0] and not d.casualties
        if d.places:
            # "Two servicemen were killed ... in the south of the Idlib zone", then the
            # shelling near Hazarin that killed two and wounded three: the lede names
            # only the region; the attack that tells every one of its figures is it (and
            # one that tells no figure of its own is the first attack told after it)
            if d is not drafts[0] or not all(p.region for p, _ in d.places):
                continue
            weapons = set()
        later = [
            e for e in out if e is not d and e.places and e.evidence[0].start > d.evidence[0].start
        ]
        for e in later:
            theirs = {(c.kind, c.quantity.value) for c, _, _ in e.casualties}
            shared = figures & theirs
            if d.places and not figures <= theirs:
                continue
            if not (bare or shared or weapons & {m.weapon for m, _ in e.mentions}):
                continue
            if any(_other_time(e, m) for m, _ in d.mentions) or _opposed_drafts(d, e):
                continue
            _merge_into(e, d)
            out.remove(d)
            break
    return out


def _drop_lede_sums(drafts: list[Draft]) -> None:
    """ "Militants attacked an army base and a nearby town ..., killing at least 16 people",
    then seven soldiers at the base and nine residents in the town: a figure of the
    article's first sentence that adds up figures of two or more attacks told after it is
    their sum, not a toll of its own."""
    spans = [s for d in drafts for _, s, _ in d.casualties]
    if len(drafts) < 2 or not spans:
        return
    lede = min(spans, key=lambda s: s.start)  # the first sentence that tells a toll
    for d in drafts:
        for entry in list(d.casualties):
            c, span, _ = entry
            if span != lede or c.quantity.value is None:
                continue
            values: list[set[int]] = []
            for o in drafts:
                mine = {
                    x.quantity.value
                    for x, s, _ in o.casualties
                    if x.kind is c.kind
                    and s != lede
                    and x.quantity.value is not None
                    and (c.victims == "people" or _same_camp(x.camp, c.camp))
                }
                if mine:
                    values.append(mine)
            if any(
                sum(pick) == c.quantity.value
                for size in range(2, min(len(values), 4) + 1)
                for combo in combinations(values, size)
                for pick in product(*combo)
            ):
                d.casualties.remove(entry)


def _opposed_drafts(a: Draft, b: Draft) -> bool:
    return _opposite_camps([x for x, _ in a.attackers], [x for x, _ in b.attackers])


def _merge_into(e: Draft, d: Draft) -> None:
    e.mentions[:0] = d.mentions
    e.evidence[:0] = [s for s in d.evidence if s not in e.evidence]
    e.attackers.extend(d.attackers)
    e.targets.extend(d.targets)
    e.casualties[:0] = d.casualties
    for c in d.claims:
        _add_claim(e, c)
    e.denials.extend(d.denials)
    e.equipment.extend(d.equipment)
    e.outcomes |= d.outcomes
    e.extra_times.extend(d.extra_times)
    _add_places(e, d.places)


def _sum_of_others(d: Draft, drafts: list[Draft]) -> bool:
    """A lead that sums the attacks told after it ("neutralized nine terrorists in
    northern Syria" = 6 at Ras al-Ain + 3 at Tal Rifaat): told only by its toll, on no
    day of its own, and its figure is the total of two or more other attacks'."""
    if not d.mentions or not all(m.weak for m, _ in d.mentions):
        return False
    if any(m.time is not None and m.time.date is not None for m, _ in d.mentions):
        return False
    for c, _, _ in d.casualties:
        if c.quantity.value is None:
            continue
        parts = [
            sum(x.quantity.value or 0 for x, _, _ in o.casualties if x.kind is c.kind)
            for o in drafts
            if o is not d and any(x.kind is c.kind for x, _, _ in o.casualties)
        ]
        if len(parts) >= 2 and sum(parts) == c.quantity.value:
            return True
    return False


def _reported(d: Draft) -> bool:
    """An attack the article reports, not a word in passing: it has a side, a toll,
    or is a prong of or parent to another."""
    if d.attackers or d.targets or d.casualties or d.directions or d.parent:
        return True
    # "several mortar shells landed inside the base late on Monday": told as an event
    return (
        any(m.verbal for m, _ in d.mentions)
        and any(t.date is not None for t in d.times())
        and bool(d.places)
    )


def _renumber(drafts: list[Draft]) -> list[Draft]:
    keys = {d.key: str(i) for i, d in enumerate(drafts, start=1)}
    for d in drafts:
        d.key = keys[d.key]
        d.parent = keys.get(d.parent) if d.parent else None
    return drafts


def _headline_focus(drafts: list[Draft], facts: SentenceFacts) -> Draft | None:
    """The body's attack a headline announces: shared place, figure or actor, else the main one."""
    if not drafts:
        return None
    names = {_norm(p.text) for m in facts.attacks for p in m.places}
    values = {c.quantity.value for c in facts.casualties}
    keys = {
        a.actor.key
        for m in facts.attacks
        for a in m.attackers + m.targets
        if a.actor and a.actor.key
    }

    def score(d: Draft) -> tuple[int, int]:
        shared = len(names & d.place_names()) + len(
            values & {c.quantity.value for c, _, _ in d.casualties}
        )
        shared += len(keys & {a.actor.key for a, _ in d.attackers + d.targets if a.actor})
        return shared, len(d.mentions)

    return max(drafts, key=score)


def _new(drafts: list[Draft]) -> Draft:
    d = Draft(str(len(drafts) + 1))
    drafts.append(d)
    return d


def _add_claim(d: Draft, claim: Claim) -> None:
    if _actor_id(claim.claimant) not in d.claimant_keys():
        d.claims.append(claim)


def _add_mention(d: Draft, m: AttackMention, span: Span, claim: Claim | None) -> None:
    joined = bool(d.mentions)
    d.mentions.append((m, span))
    if span not in d.evidence:
        d.evidence.append(span)
    if not (m.weak and joined):
        d.attackers.extend((a, span) for a in m.attackers)
        d.targets.extend((t, span) for t in m.targets)
    _add_places(d, ((p, span) for p in m.places))
    if m.directions is not None:
        d.directions = m.directions
    if claim is not None:
        _add_claim(d, claim)


def _add_places(d: Draft, places: Iterable[tuple[PlaceMention, Span]]) -> None:
    """The places not yet among the draft's (by name), in order."""
    known = d.place_names()
    for p, span in places:
        if _norm(p.text) not in known:
            d.places.append((p, span))
            known.add(_norm(p.text))


def _denied_by(d: Draft, claimant: Actor | None) -> bool:
    return claimant is not None and any(
        _actor_id(x.claimant) == _actor_id(claimant) for x in d.denials
    )


def _match(
    drafts: list[Draft], focus: Draft | None, m: AttackMention, claimant: Actor | None, index: int
) -> Draft | None:
    if m.separate:
        return None
    if m.response:  # a retaking or a pursuit joins only the telling of that same response
        names = {_norm(p.text) for p in m.places}
        return next(
            (
                d
                for d in reversed(drafts)
                if any(x.response == m.response for x, _ in d.mentions)
                and not _other_time(d, m)
                and (not names or names & d.place_names() or not d.places)
            ),
            None,
        )
    drafts = [d for d in drafts if not _other_time(d, m)]
    if focus is not None and _other_time(focus, m):
        focus = None
    if m.anaphoric and m.weapon is not None:  # "The car bomb ... went off": that blast
        for d in reversed(drafts):
            if any(x.weapon == m.weapon for x, _ in d.mentions) and not _denied_by(d, claimant):
                return d
    names = {_norm(p.text) for p in m.places}
    strength = next(
        (a.strength.value for a in m.attackers if a.strength and a.strength.value is not None), None
    )
    if names:
        for d in reversed(drafts):
            if _denied_by(d, claimant) or not (names & d.place_names()):
                continue
            if m.fronted and not m.anaphoric and _other_towns(d, names):
                continue  # "In Kherson, ...": one of the places a lede summed up, told alone
            if strength is not None and d.strength() is not None and strength != d.strength():
                continue
            if (
                m.directions is None
                and d.directions is not None
                and {_norm(p.text) for p in m.places if p.role is PlaceRole.AXIS}
            ):
                continue
            if not m.weak and _opposed(d, m):
                continue  # the army's drones striking the town the militants took: another attack
            return d
        if not ((m.anaphoric or _elaborates(focus, m, index)) and focus is not None):
            return None
    if strength is not None and focus is not None and focus.strength() not in (None, strength):
        return None
    target = _focus_for(drafts, focus, claimant, index)
    if (
        target is not None
        and not _denied_by(target, claimant)
        and (m.weak or not _opposed(target, m))
    ):
        return target
    return None


def _other_towns(d: Draft, names: set[str]) -> bool:
    """The draft was told at other towns too (not just their province or region)."""
    return any(
        p.role is PlaceRole.LOCATION and not p.region and _norm(p.text) not in names
        for p, _ in d.places
    )


def _elaborates(focus: Draft | None, m: AttackMention, index: int) -> bool:
    """ "Taliban fighters stormed checkpoints outside Pul-e-Khumri ... 'Between 150 and 200
    Taliban attacked four checkpoints in the Dand-e-Shahabuddin area'": the same group, no
    new time, right after: the attack told again in detail."""
    if focus is None or m.time is not None or focus.told_at < index - 2:
        return False
    mine = {a.actor.key for a in m.attackers if a.actor and a.actor.key}
    return bool(mine & {a.actor.key for a, _ in focus.attackers if a.actor and a.actor.key})


def _other_time(d: Draft, m: AttackMention) -> bool:
    """The mention says when, and it was not when the draft's attack was ("In October,
    insurgents stormed the town" after Tuesday night's attack): another attack."""
    t = m.time
    if t is None or t.earliest is None or t.latest is None:
        return False
    days = [x.date for x in d.times() if x.precision is Precision.DAY and x.date is not None]
    if not days:
        return False
    slack = dt.timedelta(days=1)
    return not any(t.earliest - slack <= day <= t.latest + slack for day in days)


def _opposed(d: Draft, m: AttackMention) -> bool:
    """Air force jets striking after an ambush by jihadists: the other side's attack."""
    return _opposite_camps(m.attackers, [a for a, _ in d.attackers])


def _opposite_camps(ours: list[PhraseActor], theirs: list[PhraseActor]) -> bool:
    """The attackers of the one are all of the other side than those of the other."""
    mine = {a.camp for a in ours if a.camp in ("gov", "militant")}
    other = {a.camp for a in theirs if a.camp in ("gov", "militant")}
    return bool(mine and other and not (mine & other))


def _focus_for(
    drafts: list[Draft], focus: Draft | None, claimant: Actor | None, told_at: int | None
) -> Draft | None:
    """The attack a sentence without its own mention is about: the one in focus, unless
    another source speaks (then the attack that source told, else the main attack); a
    toll or "the attack" (sentence ``told_at``) right after an attack was told is that
    attack's."""
    if focus is None:
        return None
    if claimant is None or not focus.claims or _actor_id(claimant) in focus.claimant_keys():
        return focus
    own = [d for d in drafts if _actor_id(claimant) in d.claimant_keys()]
    if own:
        return own[-1]  # the source goes on about the attack it told
    if told_at is not None and focus.told_at >= told_at - 2:
        return focus
    candidates = [d for d in drafts if not _denied_by(d, claimant)]
    if not candidates:
        return None
    return max(candidates, key=lambda d: (len(d.mentions), -int(d.key)))


def _denied_event(drafts: list[Draft], focus: Draft | None, claimant: Actor | None) -> Draft | None:
    """ "No such attack took place": the attack in focus, unless the speaker reported it."""
    if focus is None or claimant is None or _actor_id(claimant) not in focus.claimant_keys():
        return focus
    return next((d for d in reversed(drafts) if _actor_id(claimant) not in d.claimant_keys()), None)


def _link_prongs(drafts: list[Draft]) -> None:
    for parent in drafts:
        if not parent.directions:
            continue
        free = [d for d in drafts if d is not parent and d.parent is None and d.directions is None]
        total = parent.strength()
        # "up to 300 militants ... from two directions": some 120 near Nayrab and up to
        # 180 near Tell Tukan, whether or not each prong names its direction
        chosen = _subset_summing(free, total, parent.directions) if total is not None else None
        free = [d for d in free if d.axes()]
        if chosen is None:
            k = int(parent.key)
            chosen = sorted(free, key=lambda d: abs(int(d.key) - k))[: parent.directions]
        for child in chosen:
            child.parent = parent.key
            _whole_tolls_to(parent, child)


def _whole_tolls_to(parent: Draft, child: Draft) -> None:
    """A toll told after the prongs, in a sentence of its own that names none of the
    prong's places ("All attacks were repelled. Up to 90 terrorists were killed"), is
    the whole attack's."""
    told = {s for m, s in child.mentions if m.places}
    names = [p.text for p, _ in child.places]
    keep = []
    for c, span, claim in child.casualties:
        if span not in told and not any(n in span.text for n in names):
            parent.casualties.append((c, span, claim))
        else:
            keep.append((c, span, claim))
    child.casualties = keep


def _subset_summing(free: list[Draft], total: int, n: int) -> list[Draft] | None:
    with_strength = [d for d in free if d.strength() is not None]
    for size in [n] if n else range(2, min(len(with_strength), 5) + 1):
        for combo in combinations(with_strength, size):
            if sum(d.strength() or 0 for d in combo) == total:
                return list(combo)
    return None


def event_time(d: Draft, parent: Draft | None) -> TimeExpr | None:
    """The attack's time: its earliest day-precise report, else the vaguest known,
    else its parent's."""
    times = d.times()
    days = [(t.date, t) for t in times if t.precision is Precision.DAY and t.date is not None]
    clock = next((t.clock for t in times if t.clock), None)
    if days:
        best = min(days, key=lambda day: day[0])[1]
    elif any(t.precision is not Precision.UNKNOWN for t in times):
        best = next(t for t in times if t.precision is not Precision.UNKNOWN)
    elif parent is not None and (pt := event_time(parent, None)) is not None:
        best = pt
    else:
        return TimeExpr(Precision.UNKNOWN, clock=clock) if clock else None
    if clock and not best.clock:
        return TimeExpr(best.precision, best.date, best.earliest, best.latest, clock, best.text)
    return best
