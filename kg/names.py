"""Comparing names as reporters write them.

>>> place_key("the Kunduz province") == place_key("Kunduz")
True
>>> name_key("The  Syrian Arab Army") == name_key("syrian arab army")
True
"""

from __future__ import annotations

import re

__all__ = ["place_key", "name_key"]

_PLACE_WORDS = re.compile(
    r"\b(the|province|governorate|region|district|city|town|village|area|countryside|state)\b"
)


def place_key(text: str) -> str:
    """A place name for comparison: case, "the" and words such as "province" set aside."""
    low = text.lower().replace("’", "'")
    return re.sub(r"\s+", " ", _PLACE_WORDS.sub(" ", low)).strip() or low.strip()


def name_key(text: str) -> str:
    """An actor's or a force's name for comparison: case, the shape of apostrophes, a
    leading "the" and repeated spaces set aside."""
    low = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip()
    return low[4:] if low.startswith("the ") else low
