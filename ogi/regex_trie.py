"""Many literal words as one fast regex."""

from __future__ import annotations

import re
from collections.abc import Iterable


def longest_first(words: Iterable[str]) -> str:
    """A regex matching, at each position, the longest of `words` that starts there.

    The same matches as the alternation of the words sorted longest first, but written as
    a trie (申请(?:人|书)?...): the regex engine follows one branch per character instead
    of trying hundreds of alternatives at every position, about 3x faster. Siblings start
    with different characters, so at most one of them can match; the branch goes as deep
    as the text allows and backs off to the deepest word end."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        subs = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not subs:
            return ""
        body = subs[0] if len(subs) == 1 else "(?:" + "|".join(subs) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie)
