"""The kind of an attack (air strike, IED, ambush, ...) from the words of the
sentences that report it.  The words are the ``skos:altLabel``s of the ``kgt:``
concepts in ``ontology/attack_types.ttl``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

__all__ = ["PRECEDENCE", "attack_kinds"]

# most telling first: a suicide car bomb is a suicide bombing before it is a car bomb
PRECEDENCE = (
    "SuicideBombing",
    "CarBomb",
    "IED",
    "DroneStrike",
    "AirStrike",
    "Shelling",
    "Ambush",
    "Raid",
    "Capture",
    "GroundAssault",
)
_SETTLEMENT = re.compile(
    r"\b(village|villages|town|towns|settlement|settlements|district|city|control|base|positions?)\b"
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    from kg.ontology import attack_types

    out = {}
    for entry in attack_types():
        loose = "|".join(re.escape(label.lower()) for label in entry.labels)
        exact = "|".join(re.escape(label) for label in entry.exact_labels)
        parts = [f"(?i:\\b(?:{loose})\\b)"] if loose else []
        parts += [f"\\b(?:{exact})\\b"] if exact else []
        out[entry.key] = re.compile("|".join(parts))
    return out


def attack_kinds(sentences: Iterable[str]) -> tuple[str, ...]:
    """Every kind the sentences reveal, most telling first; a ground assault only
    when nothing more specific is said."""
    text = " ".join(sentences)
    found = [k for k in PRECEDENCE if k in _patterns() and _patterns()[k].search(text)]
    if "Capture" in found and not _SETTLEMENT.search(text.lower()):
        found.remove("Capture")
    specific = [k for k in found if k != "GroundAssault"]
    return tuple(specific or found)
