"""Typed records passed between the pipeline stages.

ingest -> ``Article``; extract -> ``Extraction`` (attacks, participants, places,
casualty figures, claims), each fact carrying the ``Span`` of the sentence it came
from.  Offsets are character offsets into ``Article.text`` (the body after the
seed header).  spaCy objects never leave ``kg.extract``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

__all__ = [
    "Article",
    "Span",
    "Qualifier",
    "Quantity",
    "Precision",
    "TimeExpr",
    "ActorKind",
    "Actor",
    "Equipment",
    "Participant",
    "PlaceRole",
    "Place",
    "Side",
    "CasualtyKind",
    "Casualties",
    "Stance",
    "Claim",
    "Outcome",
    "Attack",
    "Extraction",
]


@dataclass(frozen=True)
class Article:
    """One input article: ``id`` is the file stem or the JSON ``id``."""

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


class Qualifier(str, Enum):
    """The hedge a reporter put on a number ("up to 50" is UP_TO)."""

    EXACT = "exact"
    UP_TO = "up to"  # a maximum
    NEARLY = "nearly"  # an approximation from below
    ABOUT = "about"  # some / around / approximately: an estimate
    AT_LEAST = "at least"
    MORE_THAN = "more than"
    LESS_THAN = "less than"
    RANGE = "range"  # between 10 and 15
    VAGUE = "vague"  # dozens, hundreds


@dataclass(frozen=True)
class Quantity:
    """A reported number with its hedge; ``value`` is None for "hundreds" and the lower
    bound of a range ("between 10 and 15": value 10, low 10, high 15)."""

    value: int | None
    qualifier: Qualifier = Qualifier.EXACT
    low: int | None = None
    high: int | None = None
    text: str = ""


class Precision(str, Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class TimeExpr:
    """A time resolved against the publication date.

    ``date`` is set when precision is DAY; ``earliest``/``latest`` bound it otherwise.
    """

    precision: Precision
    date: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    clock: str | None = None  # "21:00" when the text gives a time of day
    text: str = ""


class ActorKind(str, Enum):
    ARMED_GROUP = "ArmedGroup"
    STATE_FORCE = "StateForce"
    GOVERNMENT_BODY = "GovernmentBody"
    MEDIA = "MediaOutlet"
    PERSON = "Person"
    UNKNOWN = "Actor"


@dataclass(frozen=True)
class Actor:
    """A real-world actor.  ``key`` is the ontology individual's local name when the
    actor is in the ontology (one node whatever the alias), else None and ``label``
    is the text as written."""

    label: str
    kind: ActorKind = ActorKind.UNKNOWN
    key: str | None = None


@dataclass(frozen=True)
class Equipment:
    """``count`` of one equipment type; ``type_key`` is the SKOS concept's local name."""

    type_key: str
    label: str
    count: int | None
    evidence: Span


@dataclass(frozen=True)
class Participant:
    """A side of an attack as the text names it ("up to 200 militants of the TIP").

    ``text`` is the surface name reported (``Turkistan Islamic Party``,
    ``government forces``); ``actor`` is the real-world actor when known.
    """

    text: str
    evidence: Span
    actor: Actor | None = None
    strength: Quantity | None = None
    equipment: tuple[Equipment, ...] = ()


class PlaceRole(str, Enum):
    LOCATION = "location"  # in X, near X
    AXIS = "axis"  # in the direction of X, the X axis
    ORIGIN = "origin"  # from the directions of X and Y


@dataclass(frozen=True)
class Place:
    """A place as written; linking adds ids later (``kg.link``)."""

    text: str
    evidence: Span
    role: PlaceRole = PlaceRole.LOCATION
    within: str | None = None  # "Syria" in "Syria's Idlib province"


class Side(str, Enum):
    ATTACKER = "attacker"
    TARGET = "target"
    CIVILIAN = "civilian"
    UNKNOWN = "unknown"


class CasualtyKind(str, Enum):
    KILLED = "killed"
    WOUNDED = "wounded"
    NEUTRALIZED = "neutralized"  # kept distinct from killed


class Stance(str, Enum):
    ASSERTS = "asserts"
    DENIES = "denies"


@dataclass(frozen=True)
class Claim:
    """Who stated something, and where the article says so."""

    claimant: Actor
    evidence: Span
    stance: Stance = Stance.ASSERTS


@dataclass(frozen=True)
class Casualties:
    """One casualty figure: ``quantity`` of ``side`` were ``kind``."""

    kind: CasualtyKind
    side: Side
    quantity: Quantity
    text: str  # the victims' phrase as written ("Syrian troops")
    evidence: Span
    claim: Claim | None = None


class Outcome(str, Enum):
    REPELLED = "repelled"
    POSITIONS_SEIZED = "positions seized"
    SETTLEMENT_CAPTURED = "settlement captured"
    FORCES_WITHDREW = "forces withdrew"


@dataclass(frozen=True)
class Attack:
    """One attack as one article reports it.

    ``key`` is its position in the article ("1", "2", ...), stable for a given text;
    ``parent`` is the key of the attack it is a prong of.
    """

    key: str
    evidence: tuple[Span, ...]
    parent: str | None = None
    attackers: tuple[Participant, ...] = ()
    targets: tuple[Participant, ...] = ()
    places: tuple[Place, ...] = ()
    time: TimeExpr | None = None
    casualties: tuple[Casualties, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    claims: tuple[Claim, ...] = ()  # asserting accounts (figures may carry their own)
    denials: tuple[Claim, ...] = ()  # accounts that say it did not happen
    kinds: tuple[str, ...] = ()  # kinds of attack: local names of kgt: concepts ("AirStrike")


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    attacks: tuple[Attack, ...] = ()
    actors: tuple[Actor, ...] = ()  # every actor the article names
    places: tuple[Place, ...] = ()  # every place the article names
    dateline: Place | None = None
    dateline_source: Actor | None = None  # the agency in "MOSCOW, January 23. /TASS/."
    errors: tuple[str, ...] = field(default=())
