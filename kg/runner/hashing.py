"""The content hash that lets a rerun of ``kg build`` skip unchanged articles.

>>> from kg.records import Article
>>> a = Article(id="a1", text="Shelling in Idlib.")
>>> moved = Article(id="a1", text="Shelling in Idlib.", path="elsewhere.txt")
>>> content_hash(a) == content_hash(moved)
True
>>> content_hash(a) == content_hash(Article(id="a1", text="Shelling in Aleppo."))
False
>>> len(content_hash(a))
64
"""

from __future__ import annotations

import hashlib
import json

from kg.records import Article

__all__ = ["content_hash"]


def content_hash(article: Article) -> str:
    """SHA-256 (hex) of what the article is made of: id, text, date, title, url, source.

    The path is left out, so moving a file does not make its article "changed".
    """
    fields = [
        article.id,
        article.text,
        article.date.isoformat() if article.date else None,
        article.title,
        article.url,
        article.source,
    ]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
