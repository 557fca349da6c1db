"""Comparing names as reporters write them.

>>> place_key("the Kunduz province") == place_key("Kunduz")
True
"""

from __future__ import annotations

import re

__all__ = ["place_key"]

_PLACE_WORDS = re.compile(
    r"\b(the|province|governorate|region|district|city|town|village|area|countryside|state)\b"
)


def place_key(text: str) -> str:
    """A place name for comparison: case, "the" and words such as "province" set aside."""
    low = text.lower().replace("’", "'")
    return re.sub(r"\s+", " ", _PLACE_WORDS.sub(" ", low)).strip() or low.strip()
