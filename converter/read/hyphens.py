"""Is 'bottom-up' one word that a line break hyphenated, or a word written with a hyphen? PyPDF2 and pypdf
join a paragraph's lines and keep the hyphen of a word the break split ('aanscherpin-gen', 'monu-ment').

Dutch writes a compound as one word ('Hoofdlijnenakkoord', 'veiligheidsbelangen'), so a hyphen between two
lower-case parts is a line break's unless Dutch spelling asks for a hyphen: a vowel clash ('zee-egel',
're-integratie'), a prefix that always takes one ('niet-', 'ex-'), a part without a vowel (an abbreviation:
'btw-verhoging'), or an English compound ('bottom-up', 'full-time', 'high-level'), told by word frequencies:
both parts more common in English than in Dutch (wordfreq). A printed hyphen Dutch spelling does not ask for
('tong-bestand') cannot be told from a line break's and is joined."""

from __future__ import annotations

from functools import cache

_HYPHENATED_PREFIXES = {"niet", "oud", "ex", "anti", "pro", "non", "vice", "co"}  # always written with a hyphen
_VOWELS = set("aeiouyàáâäèéêëìíîïòóôöùúûü")
_ENGLISH_MARGIN = 0.5  # Zipf points by which a part must be more frequent in English than in Dutch
_ENGLISH_WORD = 3.0  # and a Zipf frequency in English of a common word (not a fragment such as 'monu')


def joins(left: str, right: str) -> bool:
    """Whether 'left-right' in joined lines is one word whose line-break hyphen stayed (join it)."""
    low_left, low_right = left.lower(), right.lower()
    if low_left in _HYPHENATED_PREFIXES or len(left) < 2 or not _VOWELS & set(low_left):
        return False
    if low_left[-1] in _VOWELS and low_right[0] in _VOWELS:  # "zee-egel", "re-integratie": a real hyphen
        return False
    return not _english(low_left, low_right)


@cache
def _english(left: str, right: str) -> bool:
    zipf = _frequencies()
    if zipf is None:
        return False
    return all(zipf(w, "en") >= max(_ENGLISH_WORD, zipf(w, "nl") + _ENGLISH_MARGIN) for w in (left, right))


@cache
def _frequencies():  # noqa: ANN202 - wordfreq's zipf_frequency, or None
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency; a trimmed install still reads
        return None
    return zipf_frequency
