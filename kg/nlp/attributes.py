"""``kg_attribute_rules``: the model's attribute ruler, applied without the Matcher.

en_core_web_sm's ``attribute_ruler`` maps each fine-grained tag to its coarse POS and
morphology and fixes a few words ("not", "'s", "ai n't"): 179 patterns, nearly all of
one token, run through spaCy's general ``Matcher``, which tries every pattern at every
token and takes about a sixth of the model's time.  This component applies the same
patterns with the same result: whether a token matches a one-token pattern depends
only on its tag, lower-case form, dependency label and whether it is a space, so the
patterns are evaluated once per distinct combination (cached across documents), the
two-token patterns only where their first token matches, and the attributes are
written in one ``Doc.from_array`` call.  Later patterns win, as in spaCy.

It replaces the model's ruler in ``kg.nlp.load_pipeline`` only when every pattern
uses the features it understands (``compile_rules`` returns ``None`` otherwise, and
the factory raises ``UnsupportedRules``);
``tests/nlp`` checks that both give the same analysis.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["AttributeRules", "UnsupportedRules", "compile_rules"]

# what a pattern token may test, in the order of a token's key
_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_KEY_IDS = [TAG, LOWER, DEP, IS_SPACE]
# what the rules may set: written in bulk (the first three) or token by token
_BULK = (POS, MORPH, LEMMA)
_ONE_BY_ONE = (TAG, DEP)

Key = tuple[int, int, int, int]
Test = Callable[[tuple[str, str, str, bool]], bool]


class UnsupportedRules(ValueError):
    """The ruler has a pattern this module does not evaluate."""


@dataclass(frozen=True)
class _Rule:
    tests: tuple[Test, ...]  # one per pattern token
    attrs: Mapping[int, int]  # attribute id -> value (hash, POS id or morph hash)
    index: int  # which matched token gets the attributes
    needs: tuple[tuple[frozenset[str] | None, frozenset[str] | None], ...]
    """Per pattern token, the tags and the lower-case words it can match (None: any)."""


def compile_rules(ruler: Any) -> AttributeRules | None:
    """The rules of spaCy ``AttributeRuler`` ``ruler``, or ``None`` if a pattern uses
    something this module does not evaluate (operators, other attributes)."""
    rules: list[_Rule] = []
    for number, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
        patterns = ruler.matcher.get(str(number))[1]  # the rule's patterns, as added
        if set(map(int, attrs)) - set(_BULK + _ONE_BY_ONE):
            return None
        for pattern in patterns:
            tests = []
            for token in pattern:
                test = _token_test(token)
                if test is None:
                    return None
                tests.append(test)
            needs = tuple((_allowed(t.get("TAG")), _allowed(t.get("LOWER"))) for t in pattern)
            rules.append(_Rule(tuple(tests), dict(attrs), index, needs))
    return AttributeRules(ruler.vocab, rules)


def _token_test(token: Mapping[str, Any]) -> Test | None:
    checks: list[Callable[[tuple[str, str, str, bool]], bool]] = []
    for name, wanted in token.items():
        if name not in _KEY_ATTRS:
            return None
        at = _KEY_ATTRS.index(name)
        check = _value_test(at, wanted)
        if check is None:
            return None
        checks.append(check)
    return lambda values: all(check(values) for check in checks)


def _allowed(wanted: Any) -> frozenset[str] | None:
    """The values a test admits, when it names them (an equality or IN); None: any."""
    if isinstance(wanted, str):
        return frozenset({wanted})
    if isinstance(wanted, dict) and set(wanted) == {"IN"}:
        return frozenset(wanted["IN"])
    return None


def _value_test(at: int, wanted: Any) -> Test | None:
    if isinstance(wanted, (str, bool)):
        return lambda values: values[at] == wanted
    if not isinstance(wanted, dict) or len(wanted) != 1:
        return None
    ((op, arg),) = wanted.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda values: values[at] in allowed
    if op == "NOT_IN":
        banned = frozenset(arg)
        return lambda values: values[at] not in banned
    if op == "REGEX":
        regex = re.compile(arg)
        return lambda values: bool(regex.search(str(values[at])))
    return None


class AttributeRules:
    """The compiled rules; ``__call__`` is the pipeline component."""

    def __init__(self, vocab: Vocab, rules: Sequence[_Rule]) -> None:
        self.vocab = vocab
        self.rules = list(rules)
        # bit p*2 + k of a token's mask: token k of rule p's pattern matches it
        self._firsts = [p for p, rule in enumerate(self.rules) if len(rule.tests) > 1]
        if any(len(self.rules[p].tests) > 2 for p in self._firsts):
            raise UnsupportedRules("kg_attribute_rules: patterns of more than two tokens")
        self._singles = sum(1 << (2 * p) for p, r in enumerate(self.rules) if len(r.tests) == 1)
        self._masks: dict[Key, int] = {}
        # which pattern tokens (bit numbers) can match a tag, a word; and those that
        # name none: a new key is tested against those few, not against every rule
        self._by_tag: dict[str, set[int]] = {}
        self._by_lower: dict[str, set[int]] = {}
        self._any_tag: set[int] = set()
        self._any_lower: set[int] = set()
        for p, rule in enumerate(self.rules):
            for k, (tags, lowers) in enumerate(rule.needs):
                for allowed, index, free in (
                    (tags, self._by_tag, self._any_tag),
                    (lowers, self._by_lower, self._any_lower),
                ):
                    if allowed is None:
                        free.add(2 * p + k)
                    for value in allowed or ():
                        index.setdefault(value, set()).add(2 * p + k)
        self._results: dict[int, tuple[tuple[int, int], ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array(_KEY_IDS).tolist()
        masks = [self._mask(tuple(key)) for key in keys]
        values = doc.to_array(list(_BULK))
        extra: dict[int, list[int]] = {}
        if self._firsts:
            self._pairs(masks, extra)
        one_by_one: list[tuple[int, int, int]] = []
        for i, mask in enumerate(masks):
            single = mask & self._singles
            if i in extra:
                changes = self._apply(sorted(set(self._matched(single)) | set(extra[i])))
            elif single in self._results:
                changes = self._results[single]
            else:
                changes = self._results[single] = self._apply(self._matched(single))
            for attr, value in changes:
                if attr == POS:
                    values[i, 0] = value
                elif attr == MORPH:
                    values[i, 1] = value
                elif attr == LEMMA:
                    values[i, 2] = value
                else:
                    one_by_one.append((i, attr, value))
        doc.from_array(list(_BULK), values)  # type: ignore[arg-type]
        for i, attr, value in one_by_one:
            token = doc[i]
            if attr == TAG:
                token.tag = value
            else:
                token.dep = value
        return doc

    def _mask(self, key: Key) -> int:
        mask = self._masks.get(key)
        if mask is None:
            strings = self.vocab.strings
            values = (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))
            candidates = (self._by_tag.get(values[0], set()) | self._any_tag) & (
                self._by_lower.get(values[1], set()) | self._any_lower
            )
            mask = 0
            for bit in candidates:
                p, k = divmod(bit, 2)
                if self.rules[p].tests[k](values):
                    mask |= 1 << bit
            self._masks[key] = mask
        return mask

    def _pairs(self, masks: list[int], extra: dict[int, list[int]]) -> None:
        """The two-token patterns that match: ``extra[token]`` gets their rules."""
        for p in self._firsts:
            first, second = 1 << (2 * p), 1 << (2 * p + 1)
            for i in range(len(masks) - 1):
                if masks[i] & first and masks[i + 1] & second:
                    extra.setdefault(i + self.rules[p].index, []).append(p)

    def _matched(self, single: int) -> list[int]:
        """The one-token rules whose bit is set in ``single``, in order."""
        return [p for p in range(len(self.rules)) if single >> (2 * p) & 1]

    def _apply(self, rules: Iterable[int]) -> tuple[tuple[int, int], ...]:
        """The attributes set by ``rules`` (in order: a later one wins)."""
        final: dict[int, int] = {}
        for p in rules:
            final.update(self.rules[p].attrs)
        return tuple(final.items())


@Language.factory("kg_attribute_rules")
def make_attribute_rules(nlp: Language, name: str, source: str) -> AttributeRules:
    compiled = compile_rules(nlp.get_pipe(source))
    if compiled is None:
        raise UnsupportedRules(f"kg_attribute_rules cannot evaluate every pattern of {source!r}")
    return compiled
