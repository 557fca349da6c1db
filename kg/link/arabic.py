"""Arabic-script place names rendered in Latin letters, so that they meet the Latin
spellings of news in the same keys.

The gazetteer holds most villages under their Arabic name too (WOF's ``name_ar``,
GeoNames' ``ar``/``fa``/``ku`` alternate names).  ``romanize`` writes such a name
the way a plain transliteration would, letter by letter: consonants by their
usual Latin value, the long vowels ا و ي as a u i (w and y as consonants), the
article ال as "al ", ‘ayn and hamza dropped, ta marbuta as "ah".  Short vowels are
not written in Arabic, so the result has none ("جريف" -> "jrif"), but its
consonant skeleton (``kg.link.normalize.skeleton``) is the one of every Latin
spelling of the name: "أبو جريف", "Abū Jurayf" and "Abu-Djreif" all give "bjrf".

>>> romanize("أبو جريف"), romanize("الرقة"), romanize("طير معلة")
('abu jrif', 'al rqah', 'tir mlah')
>>> from kg.link.normalize import skeleton
>>> skeleton(romanize("معر شمارين")) == skeleton("Maar Shamarin")
True
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["is_arabic", "romanize"]

_LETTERS = {
    # Arabic
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "ah",
    "ى": "a",
    "ا": "a",
    "أ": "a",
    "إ": "i",
    "آ": "a",
    "ٱ": "a",
    # ‘ayn and hamza: no Latin letter (news writes them as ', a or nothing)
    "ع": "",
    "ء": "",
    "ئ": "",
    "ؤ": "",
    # Persian, Kurdish and Urdu letters in the alternate names
    "پ": "p",
    "چ": "ch",
    "ژ": "zh",
    "ڤ": "v",
    "گ": "g",
    "ک": "k",
    "ڪ": "k",
    "ڕ": "r",
    "ڵ": "l",
    "ھ": "h",
    "ہ": "h",
    "ۀ": "h",
    "ە": "e",
    "ێ": "e",
    "ۆ": "o",
    "ۇ": "u",
}
_SEMIVOWELS = {"و": ("w", "u"), "ي": ("y", "i"), "ی": ("y", "i")}
_ALEF = frozenset("اأإآٱى")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_،,/()ـ]+")


def is_arabic(text: str) -> bool:
    """True when the name has letters of the Arabic script (Arabic, Persian, Kurdish).

    >>> is_arabic("أبو جريف"), is_arabic("Abū Jurayf")
    (True, False)
    """
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in text)


def _word(word: str) -> str:
    out = []
    for i, c in enumerate(word):
        pair = _SEMIVOWELS.get(c)
        if pair is None:
            out.append(_LETTERS.get(c, ""))
            continue
        before = word[i - 1] if i else ""
        after = word[i + 1] if i + 1 < len(word) else ""
        # a consonant at the start of a word or next to an alef ("وادي", "قرية"), else
        # the long vowel ("جبول")
        consonant = not before or before in _ALEF or after in _ALEF
        out.append(pair[0] if consonant else pair[1])
    return "".join(out)


def romanize(text: str) -> str:
    """A letter-by-letter Latin rendering of an Arabic-script name (see the module)."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if not unicodedata.combining(c))  # short vowels, shadda
    words = []
    for word in _SEPARATORS.split(text):
        if word.startswith("ال") and len(word) > 3:
            words.append("al")
            word = word[2:]
        if rendered := _word(word):
            words.append(rendered)
    return " ".join(words)
