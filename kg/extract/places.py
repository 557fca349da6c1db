"""Places as written: named-entity places, names after cue words ("in the direction
of X", "the city of X", "from the directions of X and Y"), and every later
occurrence of a name the article already used as a place (NER often tags such
village names ORG or NORP)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract.lexicon import ATTACK_NOUNS, PLACE_CUES, PLACE_NOUNS
from kg.extract.text import doc_ents, doc_lemmas, doc_lowers, doc_text
from kg.records import PlaceRole

__all__ = ["PlaceMention", "find_place_names", "place_mentions"]

_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "as",
        "ar",
        "ash",
        "an",
        "at",
        "az",
        "ed",
        "es",
        "ul",
        "abu",
        "bin",
        "ibn",
        "de",
        "du",
    }
)
_PLACE_LABELS = ("GPE", "LOC", "FAC")


@dataclass(frozen=True)
class PlaceMention:
    start: int  # token offsets in the doc
    end: int
    text: str
    role: PlaceRole
    within: str | None = None
    region: bool = False  # "Idlib province", "the Idlib de-escalation zone": a wide area


def _name_run(doc: Doc, i: int) -> int:
    """End of a proper-name run starting at token i ("Maar Shamarin-Crati", "Al-Rashidin")."""
    j = i
    while j < len(doc):
        t = doc[j]
        if (
            t.is_title
            or (t.is_upper and len(t) > 1)
            or (t.lower_ in _PARTICLES and j + 1 < len(doc) and doc[j + 1].text == "-")
        ) or (
            t.text in ("-", "‘", "’", "'")
            and j > i
            and j + 1 < len(doc)
            and not doc[j].whitespace_
            and (doc[j + 1].is_title or doc[j + 1].is_lower)
        ):
            j += 1
        elif t.is_lower and j > i and doc[j - 1].text == "-" and not doc[j - 1].whitespace_:
            j += 1  # "Tell-al-..."; "jihad-mobiles" never starts a run (not title)
        else:
            break
    while j > i and doc[j - 1].text in ("-", "’", "'"):
        j -= 1
    return j


def _cued_names(doc: Doc) -> list[tuple[int, int]]:
    """Name runs after "X of", e.g. "direction of Abu-Djreif-Samka", and after "the road
    between", e.g. "the road between Tafas and al-Muzayrib"."""
    found = []
    lows = doc_lowers(doc)
    for k, low in enumerate(lows[:-2]):
        if not (
            (low in PLACE_CUES and lows[k + 1] == "of")
            or (low in ("road", "highway", "route") and lows[k + 1] == "between")
        ):
            continue
        i = k + 2
        while i < len(doc):
            end = _name_run(doc, i)
            if end == i:
                break
            found.append((i, end))
            if (
                end + 1 < len(doc)
                and doc[end].lower_ in ("and", ",", "or")
                and _name_run(doc, end + 1) > end + 1
            ):
                i = end + 1
            elif end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "and":
                i = end + 2
            else:
                break
    return found


# "stormed Yatakala", "overran Mantumbi": the object of these verbs is a place when it is a name
_ENTERING = frozenset(
    {
        "enter",
        "storm",
        "raid",
        "overrun",
        "overran",
        "shell",
        "seize",
        "capture",
        "recapture",
        "strike",
        "hit",
        "bomb",
        "pound",
        "bombard",
    }
)


_INTO_PLACES = frozenset({"enter", "storm", "raid", "overrun", "overran", "shell"})


_APPOSITIVE_PLACES = frozenset({"community", "settlement", "hamlet", "neighbourhood", "suburb"})


def _names_before_appositive_place(doc: Doc) -> list[tuple[int, int]]:
    """ "Mantumbi, a farming village near Oicha": the name the apposition calls a place."""
    found = []
    nouns = PLACE_NOUNS | _APPOSITIVE_PLACES
    for k, low in enumerate(doc_lowers(doc)):
        if low not in nouns:
            continue
        tok = doc[k]
        if tok.dep_ != "appos":
            continue
        name = tok.head
        start = name.i
        while start > 0 and _name_run(doc, start - 1) > name.i:
            start -= 1
        end = _name_run(doc, start)
        if end > name.i >= start and name.pos_ == "PROPN":
            found.append((start, end))
    return found


def _road_ends(doc: Doc) -> list[tuple[int, int]]:
    """ "the Bannu-Lakki Marwat road": the two towns the road joins."""
    found: list[tuple[int, int]] = []
    for m in re.finditer(r"\b(?:road|highway)\b", doc_text(doc), re.I):
        span = doc.char_span(m.start(), m.end())
        if span is None or span.start == 0:
            continue
        tok = doc[span.start]
        start = tok.i
        while start > 1 and (
            doc[start - 1].is_title
            or doc[start - 1].lower_ in _PARTICLES
            or (doc[start - 1].text in ("-", "–") and not doc[start - 1].whitespace_)
        ):
            start -= 1
        while start < tok.i and not doc[start].is_title:
            start += 1  # the run starts with a name, not a hyphen or "al"
        if start == tok.i or _name_run(doc, start) < tok.i:
            continue
        dashes = [t.i for t in doc[start : tok.i] if t.text in ("-", "–")]
        if start < tok.i and len(dashes) == 1:
            found += [(start, dashes[0]), (dashes[0] + 1, tok.i)]
    return [(a, b) for a, b in found if b > a]


def _names_after_near(doc: Doc) -> list[tuple[int, int]]:
    """ "near Avdiivka", "outside Djibo": a name run after a word that only places take."""
    found = []
    lemmas = doc_lemmas(doc)
    cues = {"near", "outside", "towards", "toward", "at", "in"}
    for k, low in enumerate(doc_lowers(doc)):
        if low not in cues and lemmas[k] not in _ENTERING:
            continue
        tok = doc[k]
        if tok.i + 1 < len(doc) and (
            tok.lower_ in ("near", "outside", "towards", "toward", "at")
            or (tok.lemma_.lower() in _ENTERING and tok.pos_ == "VERB")
            or (tok.lower_ == "in" and doc[tok.i + 1].pos_ == "PROPN" and tok.dep_ == "prep")
        ):
            end = _name_run(doc, tok.i + 1)
            # "Near Pisky" tagged PERSON as a whole: the cue inside the entity shows the error
            misread = tok.ent_iob_ == "B" and doc[tok.i + 1].ent_iob_ == "I"
            bad: tuple[str, ...] = ("DATE", "TIME", "NORP", "CARDINAL", "QUANTITY")
            one_word = end == tok.i + 2 and not doc[tok.i + 1].is_upper
            if tok.pos_ != "VERB" and not (
                tok.lower_ == "in" or (one_word and tok.lower_ == "near")
            ):
                bad += ("ORG",)  # "struck Kramatorsk", "near Awdheegle" (tagged ORG): places
            if tok.lemma_.lower() not in _INTO_PLACES and tok.lower_ not in (
                "near",
                "outside",
                "in",
            ):
                bad += ("PERSON",)  # one enters or shells a place, never a person
            if end > tok.i + 1 and (misread or doc[tok.i + 1].ent_type_ not in bad):
                found.append((tok.i + 1, end))
    return found


def _names_before_place_nouns(doc: Doc) -> list[tuple[int, int]]:
    """ "Aleppo province", "Hama countryside", "the Kafr Nabl axis"."""
    found = []
    nouns = PLACE_NOUNS | {"base", "camp", "airbase", "settlement"}
    for k, low in enumerate(doc_lowers(doc)):
        if low not in nouns:
            continue
        tok = doc[k]
        if tok.i > 0 and (doc[tok.i - 1].is_title or doc[tok.i - 1].is_upper):
            start = tok.i - 1
            while (
                start > 0
                and (_name_run(doc, start - 1) >= tok.i)
                and doc[start - 1].i > 0
                and doc[start - 1].is_sent_start is not True
                and not doc[start - 1].is_stop  # a Title Case headline: "Attack On Ab Kamari"
            ):
                start -= 1
            while (
                start > 1
                and doc[start - 1].text == "-"
                and not doc[start - 2].whitespace_
                and (doc[start - 2].is_title or doc[start - 2].lower_ in ("e", "i", *_PARTICLES))
            ):
                start -= 2  # "Dand-e-Shahabuddin area"
            if start > 0 and doc[start].lower_ in _PARTICLES and doc[start - 1].is_title:
                start -= 1
            if _name_run(doc, start) >= tok.i:
                found.append((start, tok.i))
    return found


def find_place_names(doc: Doc, excluded: set[int]) -> set[str]:
    """Every string the article uses as a place name (tokens in ``excluded`` never count)."""
    names: set[str] = set()
    for ent in doc_ents(doc):
        if ent.label_ in _PLACE_LABELS and not any(t.i in excluded for t in ent):
            names.add(_strip_det(ent).text)
    for start, end in (
        _cued_names(doc)
        + _names_before_place_nouns(doc)
        + _names_after_near(doc)
        + _names_before_appositive_place(doc)
        + _road_ends(doc)
    ):
        if not any(i in excluded for i in range(start, end)):
            names.add(doc[start:end].text)
    # "Operation Peace Spring", "Operation Lafiya Dole": a military operation, not a place
    joined = {  # "Deir Ezzor-Palmyra" once its two ends are places of their own
        n
        for n in names
        if any(n[:i] in names and n[i + 1 :] in names for i, ch in enumerate(n) if ch in "-–")
    }
    return {
        n
        for n in names - joined
        if n
        and (n[0].isupper() or n.split("-")[0] in _PARTICLES)  # "al-Muzayrib"
        and not n.lower().startswith("operation ")
    }


def _strip_det(span: SpacySpan) -> SpacySpan:
    return span[1:] if len(span) > 1 and span[0].lower_ == "the" else span


def place_mentions(sent: SpacySpan, names: set[str], excluded: set[int]) -> list[PlaceMention]:
    """Places in one sentence, with their role; a possessive container ("Syria's
    Idlib") is folded into the place it contains."""
    doc = sent.doc
    spans = _occurrences(sent, names)
    out: list[PlaceMention] = []
    pending_within: str | None = None
    for start, end in spans:
        if any(i in excluded for i in range(start, end)):
            continue
        text = doc[start:end].text
        if _adjectival(doc, end) or text.lower() in ("the", "a") or _modifier(doc[end - 1]):
            continue  # "Russia-backed forces", "a US-led coalition", "the US embassy"
        if end < len(doc) and doc[end].text in ("'s", "’s", "'", "’"):
            pending_within = text
            continue
        if _distance_reference(doc, start):
            continue  # "about 20 km east of Djibo": where the place is, not where it happened
        region = _region(doc, start, end)
        out.append(PlaceMention(start, end, text, _role(doc[start]), pending_within, region))
        pending_within = None
    return out


REGION_WORDS = frozenset(
    {
        "province",
        "region",
        "zone",
        "state",
        "governorate",
        "district",
        "countryside",
        "county",
        "oblast",
        "area",
        "country",
    }
)


def _region(doc: Doc, start: int, end: int) -> bool:
    """The place is a province, region or zone: its name says so, or the next words do."""
    if any(t.lower_ in REGION_WORDS for t in doc[start:end]):
        return True
    if start > 0 and doc[start - 1].lower_ in _AREA_WORDS:
        return True  # "in north-central Burkina Faso", "northeastern Nigeria": a wide area
    for t in doc[end : min(end + 4, len(doc))]:  # "Idlib de-escalation zone", not "X in Y region"
        if t.lower_ in REGION_WORDS:
            return True
        if t.pos_ in ("ADP", "CCONJ", "VERB", "AUX") or (t.is_punct and t.text != "-"):
            return False
    return False


_ADJ_SUFFIXES = frozenset(
    {
        "backed",
        "based",
        "led",
        "linked",
        "aligned",
        "allied",
        "run",
        "controlled",
        "held",
        "affiliated",
        "born",
        "made",
    }
)


_KEEPS_PLACE = PLACE_NOUNS | {
    "settlement",
    "neighbourhood",
    "neighborhood",
    "quarter",
    "camp",
    "airport",
    "base",
    "road",
    "highway",
    "border",
    "market",
    "square",
    "outskirts",
    "suburb",
    "countryside",
    "front",
    "district",
    "governorate",
    "state",
    "county",
}


_COMPASS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northern",
        "southern",
    ]
)
# before a place, words that make it a wide area ("northern Mali", "north-central Burkina")
_AREA_WORDS = _COMPASS | {
    "central",
    "eastern",
    "western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
}
_UNITS = frozenset(
    ["km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mi"]
)


def _distance_reference(doc: Doc, start: int) -> bool:
    """A place after "20 km east of", "38 kilometres from", "40 km (25 miles) west of",
    "north of" (but "the north of Idlib" is in Idlib)."""
    j = start - 1
    if j >= 2 and doc[j].lower_ == "with" and doc[j - 1].lower_ in ("border", "frontier"):
        return True  # "close to the border with Iran"
    while j >= 0 and doc[j].lower_ in ("the", "town", "city", "village", "capital", ","):
        j -= 1
    if j < 1 or doc[j].lower_ not in ("of", "from"):
        return False
    j -= 1
    if doc[j].lower_ in _COMPASS and doc[j].lower_ not in ("northern", "southern"):
        k = j
        while k >= 0 and (doc[k].lower_ in _COMPASS or doc[k].text == "-"):
            k -= 1
        if k < 0 or doc[k].lower_ != "the":  # "north of Baghdad", not "the north of Idlib"
            return True
    while j >= 0 and (doc[j].lower_ in _COMPASS or doc[j].text == "-"):
        j -= 1
    if j >= 0 and doc[j].text == ")":  # "40 km (25 miles) west of"
        while j >= 0 and doc[j].text != "(":
            j -= 1
        j -= 1
    if j < 0:
        return False
    unit = doc[j].lower_
    return unit in _UNITS or bool(re.fullmatch(r"\d+(km|kms|mi)", unit))


def _modifier(last: Token) -> bool:
    """A place name that only modifies a thing ("the US embassy", "Turkish-made drones")."""
    return (
        last.dep_ in ("compound", "amod", "nmod")
        and last.head.i > last.i
        and last.head.pos_ == "NOUN"
        and last.head.lower_ not in _KEEPS_PLACE
        and last.head.lemma_.lower() not in ATTACK_NOUNS  # "the Afgooye blast" happened there
        and last.head.lower_ not in _COMPASS  # "Zaitsevo north of Gorlovka"
    )


def _adjectival(doc: Doc, end: int) -> bool:
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in _ADJ_SUFFIXES


def _occurrences(sent: SpacySpan, names: set[str]) -> list[tuple[int, int]]:
    """Token spans in ``sent`` whose text is one of ``names`` (longest, left to right)."""
    by_first: dict[str, list[list[str]]] = {}
    for name in names:
        words = _split(name)
        by_first.setdefault(words[0], []).append(words)
    found = []
    i = sent.start
    while i < sent.end:
        best = 0
        for words in by_first.get(sent.doc[i].text, []):
            n = len(words)
            if i + n <= sent.end and [t.text for t in sent.doc[i : i + n]] == words and n > best:
                best = n
        if best:
            found.append((i, i + best))
            i += best
        else:
            i += 1
    return found


def _split(name: str) -> list[str]:
    return [w for w in re.split(r"(\s+|-|’|')", name) if w and not w.isspace()]


def _role(first: Token) -> PlaceRole:
    """AXIS for "in the direction of X" / "the X axis", ORIGIN for "from the
    direction(s) of X (and Y)"; else LOCATION."""
    doc = first.doc
    j = first.i - 1
    while j >= 0 and (
        doc[j].lower_ in ("and", ",", "-", "of", "the", "or")
        or doc[j].is_title
        or doc[j].lower_ in _PARTICLES
    ):
        if doc[j].lower_ == "of" and j > 0 and doc[j - 1].lower_ in ("direction", "directions"):
            k = j - 2
            while k >= 0 and doc[k].lower_ in ("the", "two", "both", "several"):
                k -= 1
            return PlaceRole.ORIGIN if k >= 0 and doc[k].lower_ == "from" else PlaceRole.AXIS
        j -= 1
    if first.i + 1 < len(doc) and doc[first.i + 1].lower_ in ("axis", "front", "direction"):
        return PlaceRole.AXIS
    return PlaceRole.LOCATION
