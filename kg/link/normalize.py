"""Normalization of Arabic place names written in Latin script.

Conflict news spells one Syrian village in English, French and Russian styles
("Abu-Djreif", "Abou Jreïf" and "Abū Jurayf"; "Maar Chmârine" and "Ma‘arr
Shamārīn").  Two keys absorb most of that variation:

- ``name_key``: a mild normalization, close to the letters as written:
  diacritics, ‘ayn and hamza marks, hyphens and the articles al-/el-/ar-/as-...
  go, and the spellings of one sound meet (dj/j, ou/u, ee/i, ei/ay, ch/sh,
  doubled letters, a final -ah/-eh/-a).
- ``skeleton``: the consonants of the key with the consonants that transliterations
  confuse merged (q/k/c/g, sh/s, th/t, dh/d, z), vowels and the semivowels w/y
  dropped, spaces removed ("Abu Jurayf" and "Abu-Djreif" -> "bjrf").

``form`` keeps what the keys drop (the article, doubled letters, q and k apart):
when two villages share a key ("Al Jannā" and "Janā"), the one spelt like the
mention is more likely the one it means.

>>> name_key("Abu-Djreif"), name_key("Abū Jurayf")
('abu jrayf', 'abu jurayf')
>>> skeleton("Abu-Djreif") == skeleton("Abū Jurayf") == "bjrf"
True
>>> skeleton("Maar Shamarin") == skeleton("Ma‘arr Shamārīn")
True
>>> name_key("Deir ez-Zor"), name_key("Al-Rashidin")
('dayr zur', 'rashidin')
>>> split_segments("Abu-Djreif-Samka")
('Abu', 'Djreif', 'Samka')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "ARTICLES",
    "GENERIC_WORDS",
    "fold",
    "form",
    "word_key",
    "is_latin",
    "name_key",
    "skeleton",
    "skeleton_of_key",
    "keys",
    "QUALIFIERS",
    "GENERIC_PREFIXES",
    "NameQuery",
    "qualified",
    "query",
    "split_segments",
    "split_alternatives",
    "spellings",
    "strip_generic",
]

VERSION = "5"
"""Bump when keys change: gazetteers built with other keys must be imported again."""

_ARTICLES = "al el il ul l ar er as es ash esh ech at et ad ed adh az ez an en ath"
ARTICLES = frozenset(_ARTICLES.split())
"""The Arabic article and its assimilated forms ("ash-Shaykh", "ez-Zor", "ar-Raqqah")."""

_GENERIC_WORDS = (
    "village town city suburb district governorate province region area"
    " muhafazat muhafazah mintaqat nahiyat qaryat"
)
GENERIC_WORDS = frozenset(_GENERIC_WORDS.split())
"""Words that name the kind of place rather than the place ("Teir Maaleh village")."""

_MARKS = dict.fromkeys(map(ord, "'`´‘’ʻʼʽʾʿˈ′ʹ\u02bc\u02bb\u0060\u00b4"), None)
_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "đ": "d", "ð": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Spellings of one sound (applied in order, to whole tokens).
_DIGRAPHS = (
    ("dzh", "j"),
    ("dsch", "j"),
    ("dj", "j"),
    ("tch", "sh"),
    ("sch", "sh"),
    ("ch", "sh"),  # French "Chmârine"; English-style Arabic transliteration has no "ch"
    ("zh", "j"),
    ("ph", "f"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "ay"),
    ("ey", "ay"),
    ("ai", "ay"),
    ("ow", "aw"),
    ("au", "aw"),
    ("c", "k"),
    ("q", "k"),  # news writes ق as k or q: "Qardaha", "Kardaha"
    ("x", "ks"),
)
_DOUBLE = re.compile(r"([a-z])\1+")
_FINAL_TA = re.compile(r"(?:ah|eh|at|et|a|e)$")  # "Khirbet", "Maaret" before a word
_FINAL_TA_LAST = re.compile(r"(?:ah|eh|a|e)$")  # "Tall Wāsiţ" is not "Tall Wasa"
_AW = re.compile(r"aw(?![aeiou])")  # "Kawkab" ~ "Kokab", "Zawr" ~ "Zor"

# skeleton: consonant classes that transliterations confuse
_SKELETON_DIGRAPHS = (("kh", "x"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ts", "s"))
_SKELETON_LETTERS = str.maketrans(
    {"q": "k", "g": "k", "z": "d", "p": "b", "v": "f", "o": "", "e": ""}
)
_VOWELS = re.compile(r"[aeiouyw]")


def fold(text: str) -> str:
    """Lower-case ASCII letters, digits and single spaces: marks and punctuation gone.

    >>> fold("Ma‘arrat an-Nu‘mān"), fold("Qarāţī"), fold("Abou Jreïf")
    ('maarrat an numan', 'qarati', 'abou jreif')
    """
    text = text.translate(_MARKS)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_LETTERS)
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def form(text: str) -> str:
    """The name as written, folded, with every form of the article as "al".

    >>> form("Ar-Raqqah"), form("Ma‘arrat an-Nu‘mān"), form("Al Jannā")
    ('al raqqah', 'maarrat al numan', 'al janna')
    """
    return " ".join("al" if t in ARTICLES else t for t in fold(text).split())


def is_latin(text: str) -> bool:
    """True when the name is written in Latin script (only such names are indexed)."""
    if text.isascii():
        return any(c.isalpha() for c in text)
    folded = unicodedata.normalize("NFKD", text)
    letters = [c for c in folded if c.isalpha()]
    return bool(letters) and all(c.isascii() or c in "ıłđðøßæœþ" for c in letters)


_DIGRAPH_RE = re.compile("|".join(old for old, _ in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)


@lru_cache(maxsize=200_000)  # words repeat a lot across names ("al", "tall", "wadi")
def _token_key(token: str, last: bool = False) -> str:
    token = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group()], token)
    token = _DOUBLE.sub(r"\1", token)  # before aw: "Bawwābīyah" is not "Buwabiya"
    token = _AW.sub("u", token).replace("o", "u")  # Arabic has no o: "Sokkariyeh"
    if len(token) > 3:  # -ah, -eh, -a, -e; -at only before another word ("Ma‘arrat an-...")
        token = (_FINAL_TA_LAST if last else _FINAL_TA).sub("a", token)
    return _DOUBLE.sub(r"\1", token)  # "Mazraet" -> "mazraa" -> "mazra"


_ALBU = frozenset({"albu", "albou", "elbu", "elbou", "ilbu"})  # Āl Bū, "the clan of"


def _tokens(text: str) -> list[str]:
    tokens = ["bu" if t in _ALBU else t for t in fold(text).split()]  # "Albu" ~ "Al Bu"
    content = [t for t in tokens if t not in ARTICLES]
    return content or tokens


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The mild key: articles, marks and spelling variants of one sound removed.

    >>> name_key("Ma‘arrat an-Nu‘mān"), name_key("Maarat al-Numan"), name_key("Teir Maaleh")
    ('mara numan', 'mara numan', 'tayr mala')
    """
    tokens = _tokens(text)
    return " ".join(_token_key(t, i == len(tokens) - 1) for i, t in enumerate(tokens))


def word_key(word: str, *, last: bool = False) -> str:
    """The key of one word, as it is keyed inside a name (``last``: at its end).

    >>> word_key("Khirbat"), word_key("Khirbat", last=True)
    ('khirba', 'khirbat')
    """
    return _token_key(fold(word), last)


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """The consonant skeleton of ``name_key(text)``, spaces removed.

    >>> skeleton("Crati") == skeleton("Qarāţī"), skeleton("Baliramoun") == skeleton("Balayrāmūn")
    (True, True)
    >>> skeleton("Samka") == skeleton("Samkah")
    True
    """
    return skeleton_of_key(name_key(text))


def skeleton_of_key(key: str) -> str:
    """The skeleton of a name key (``skeleton`` without normalizing again)."""
    return _DOUBLE.sub(r"\1", "".join(_token_skeleton(token) for token in key.split()))


@lru_cache(maxsize=200_000)
def _token_skeleton(token: str) -> str:
    for old, new in _SKELETON_DIGRAPHS:
        token = token.replace(old, new)
    token = _VOWELS.sub("", token).translate(_SKELETON_LETTERS)
    if len(token) > 1 and token.endswith("h"):
        token = token[:-1]
    return _DOUBLE.sub(r"\1", token)


_MUTE_E = re.compile(r"(?<=[^\W\d_][bdfhjklmnpqrstvxz])e\b")


def spellings(name: str) -> tuple[str, ...]:
    """The name, and without the mute e of French spellings ("Zebdine" is Zabdīn, not
    "Zebdina"; the key reads a final e as the ta marbuta of English "Mashale").

    >>> spellings("Zebdine"), spellings("Mécherfé"), spellings("Kafer Bessine")
    (('Zebdine', 'Zebdin'), ('Mécherfé',), ('Kafer Bessine', 'Kafer Bessin'))
    """
    mute = _MUTE_E.sub("", name)
    return (name, mute) if mute != name else (name,)


def keys(text: str) -> tuple[str, str]:
    """``(name_key(text), skeleton(text))``."""
    return name_key(text), skeleton(text)


_QUALIFIER_WORDS = {
    "w": "gharbi gharbiyah western west",
    "e": "sharqi sharqiyah eastern east",
    "n": "shamali shamaliyah northern north",
    "s": "janubi janubiyah qibli qibliyah southern south",
    "u": "fawqani fawqa fouqani ulya upper",
    "l": "tahtani tahta sufla lower",
    "b": "kabir kabirah big great greater",
    "m": "saghir saghirah small little lesser",
    "c": "wustani wastani wusta middle central",
    "o": "qadim qadimah old",
}
QUALIFIERS: dict[str, str] = {
    word_key(word, last=last): tag
    for tag, words in _QUALIFIER_WORDS.items()
    for word in words.split()
    for last in (False, True)
}
"""Words that tell two places of one name apart ("Ghāriyah al Gharbīyah", "Western
Ghariyah"), as name-key tokens, with the direction or size they mean."""

_ENGLISH = (
    "western west eastern east northern north southern south upper lower big great greater"
    " small little lesser middle central old"
)
_ENGLISH_QUALIFIERS = frozenset(word_key(word) for word in _ENGLISH.split())


@dataclass(frozen=True)
class NameQuery:
    """The keys a name is looked up by.

    ``canonical`` is the key with its qualifiers as tags ("ghariya ~w" for both
    "Western Ghariyah" and "Ghāriyah al Gharbīyah"); ``base`` is the key without
    them and without leading generic words ("ghariya"; "abu rasayn" for "Tall Abū
    Rāsayn"), matched as a partial name.  They are None when the name has none.
    ``form`` is ``form(text)``, which tells names of one key apart.
    """

    key: str
    skel: str
    canonical: str | None = None
    base: str | None = None
    text: str = ""  # the name as written, for sources that match labels (Wikidata)
    form: str = ""


_GENERIC = "tall tell khirbat khirbet mazraat qaryat jubb ard rasm mashrafat hawsh"
GENERIC_PREFIXES = frozenset(word_key(word) for word in _GENERIC.split())
"""Leading words a name is also known without ("Tall Abū Rāsayn", "Mashrafah Umm ‘Ashbá")."""


def qualified(key: str) -> tuple[str | None, str | None]:
    """``(canonical, base)`` of a name key: the key with its qualifiers as tags, and
    the key without qualifiers and leading generic words; None when the same as the key.

    >>> qualified(name_key("Ghāriyah al Gharbīyah")), qualified(name_key("Western Ghariyah"))
    (('ghariya ~w', 'ghariya'), ('ghariya ~w', 'ghariya'))
    >>> qualified(name_key("Tall Abū Rāsayn")), qualified(name_key("Jadid Baqarah"))
    ((None, 'abu rasayn'), (None, None))
    """
    tokens = key.split()
    tags = set()
    base = []
    for i, token in enumerate(tokens):
        tag = QUALIFIERS.get(token)
        if tag and (i > 0 or token in _ENGLISH_QUALIFIERS) and len(tokens) > 1:
            tags.add(tag)
        else:
            base.append(token)
    if not base:
        return None, None
    canonical = f"{' '.join(base)} ~{''.join(sorted(tags))}" if tags else None
    while len(base) > 1 and base[0] in GENERIC_PREFIXES:
        base.pop(0)
    joined = " ".join(base)
    return canonical, (joined if joined != key else None)


def query(text: str) -> NameQuery:
    """The lookup keys of a name."""
    key = name_key(text)
    canonical, base = qualified(key)
    return NameQuery(key, skeleton(base or text), canonical, base, text.strip(), form(text))


_SEGMENT_SPLIT = re.compile(r"\s*[-‐‑‒–—]\s*")


def split_segments(text: str) -> tuple[str, ...]:
    """The hyphen-separated segments of a mention, in order ("Maar Shamarin-Crati")."""
    return tuple(s for s in _SEGMENT_SPLIT.split(text.strip()) if s)


def split_alternatives(text: str) -> tuple[str, ...]:
    """Names given as alternatives of one place: "Mashrafah/Miserfe", "Tal Tamr (Tell Tamer)".

    >>> split_alternatives("Hasaka (Al Haksa)")
    ('Hasaka', 'Al Haksa')
    """
    parts = [p.strip() for p in re.split(r"[/()]", text) if p.strip()]
    return tuple(parts) if len(parts) > 1 else (text,)


def strip_generic(text: str) -> str:
    """The name without a trailing kind word: "Teir Maaleh village" -> "Teir Maaleh".

    >>> strip_generic("Teir Maaleh village"), strip_generic("Idlib province")
    ('Teir Maaleh', 'Idlib')
    """
    words = text.split()
    while len(words) > 1 and fold(words[-1]) in GENERIC_WORDS:
        words.pop()
    return " ".join(words)
