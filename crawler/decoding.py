"""An article page's bytes as text: by the charset it declares, else by detection.

Vietnamese pages still come in windows-1258 (which writes tones as combining marks) and,
now and then, in a charset other than the one the server declares (a server-wide UTF-8
header over an old page). Scrapy's `TextResponse` resolves the declared charset (HTTP header,
BOM, `<meta>`); when the bytes are not valid in it, the page's own `<meta>` charset is tried,
then the legacy charsets such pages use: windows-1258, whose tones must all compose with
their vowels, then windows-1252 (a superset of latin-1). A page that is text in none of them
(binary garbage) is not read at all: the caller counts it as undecodable and leaves it
unseen, so a later crawl tries it again.
"""

from __future__ import annotations

import re
import unicodedata

from scrapy.http import Response, TextResponse
from w3lib.encoding import html_body_declared_encoding

# Past this share of control or replacement characters the "text" is binary data.
MAX_GARBAGE_SHARE = 0.01
LEGACY_CHARSETS = ("cp1258", "cp1252")
# A combining mark still there after NFC: a tone that sits on no vowel (a wrong charset).
_STRAY_MARK = re.compile("[\u0300-\u036f]")
_GARBAGE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ud800-\udfff]")


def page_text(response: Response) -> str | None:
    """The page as NFC text, or None when it cannot be read as text."""
    if not isinstance(response, TextResponse) or not response.body:
        return None
    text = _strict(response.body, response.encoding)
    if text is None:
        text = _fallback(response.body)
    if text is None or _garbage_share(text) > MAX_GARBAGE_SHARE:
        return None
    return text


def _strict(body: bytes, encoding: str | None) -> str | None:
    """The body decoded in `encoding` without replacements, NFC, or None."""
    if not encoding:
        return None
    if body.startswith(b"\xef\xbb\xbf") and encoding.replace("-", "").replace("_", "").lower().startswith("utf8"):
        body = body[3:]
    try:
        return unicodedata.normalize("NFC", body.decode(encoding))
    except (UnicodeDecodeError, LookupError):
        return None


def _fallback(body: bytes) -> str | None:
    declared = html_body_declared_encoding(body)
    for encoding in (declared, *LEGACY_CHARSETS):
        text = _strict(body, encoding)
        if text is not None and not _STRAY_MARK.search(text):
            return text
    return None


def _garbage_share(text: str) -> float:
    if not text:
        return 1.0
    return len(_GARBAGE.findall(text)) / len(text)
