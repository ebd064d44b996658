"""Turn Indonesian text into search terms, the same way on every engine.

Both engines index the output of ``analyze()``: PostgreSQL's snowball ``indonesian`` stemmer
disagrees with itself on common police words (``menangkap`` → ``angkap`` but ``penangkapan`` →
``tangkap``; ``pelaku`` → ``pela``; ``kerjasama`` → ``rjasama``), so stems come from Sastrawi.
"""

import re
from functools import lru_cache
from typing import NamedTuple

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# Words too common to tell stories apart; written by the project (Sastrawi's list is too broad:
# it drops words such as "baru" or "masuk" that readers do search for).
STOPWORDS = frozenset(
    """
    ada adalah agar akan akhirnya antara atas atau bagi bahkan bahwa banyak beberapa begitu
    belum bisa bukan dalam dan dapat dari demikian dengan di dia ia ini itu jadi jika juga
    kalau kami kamu kapan karena ke kembali kepada ketika kita lagi lain lalu maka masih mau
    melalui mereka meski namun oleh pada para pun saat saja sambil sampai sang sangat saya
    secara sedang sehingga sejak selain seperti serta setelah sudah supaya tak tapi telah
    tentang terhadap tersebut tetapi tidak untuk usai yaitu yakni yang
    """.split()  # noqa: SIM905
)

# Police and institutional terms kept as written: Sastrawi's prefix rules would otherwise treat
# "pe-", "ke-" or "di-" at their start as affixes in some forms.
PROTECTED_TERMS = frozenset(
    """
    polri polda polres polresta polrestabes polsek mabes bhabinkamtibmas babinsa bhayangkara
    bhayangkari kamtibmas kapolri kapolda kapolres kapolresta kapolsek wakapolres satreskrim
    satlantas satnarkoba satbinmas satsamapta sabhara samapta brimob densus propam paminal
    reskrim ditreskrimum ditreskrimsus ditresnarkoba dirreskrimum dirreskrimsus dirlantas
    polairud dokkes binmas lantas pamapta kasat kanit kapolsubsektor polsubsektor polwan
    bripka brigadir bripda briptu aipda aiptu ipda iptu akp kompol akbp kombes brigjen irjen
    komjen dinkes kemenkes curanmor curas curat narkoba narkotika pelaku penyidik
    """.split()  # noqa: SIM905
)

# Compounds written as one word or two ("kerja sama" / "kerjasama"); indexed joined.
COMPOUNDS = {
    ("kerja", "sama"): "kerjasama",
    ("tanggung", "jawab"): "tanggungjawab",
    ("tanda", "tangan"): "tandatangan",
    ("olah", "raga"): "olahraga",
    ("bela", "sungkawa"): "belasungkawa",
    ("anti", "narkoba"): "antinarkoba",
    ("lalu", "lintas"): "lalulintas",
}
_JOINED = sorted(COMPOUNDS.values(), key=len, reverse=True)

# Longest word worth stemming; anything longer is noise (or an attack) and is skipped.
MAX_WORD_LENGTH = 40
_WORD = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)*")
_stemmer = StemmerFactory().create_stemmer()


class Token(NamedTuple):
    stem: str
    start: int
    end: int


@lru_cache(maxsize=200_000)
def stem(word):
    """Return the search stem of one lower-case word (cached: Sastrawi is slow)."""
    if word in PROTECTED_TERMS or word.isdigit():
        return word
    if word.endswith("nya") and word[:-3] in PROTECTED_TERMS:
        return word[:-3]
    for joined in _JOINED:
        if joined in word:
            return joined
    return _stemmer.stem(word) or word


def _words(text):
    """Yield (word, start, end) for each word, splitting or joining hyphenated forms."""
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if "-" not in word:
            yield word, match.start(), match.end()
            continue
        parts = word.split("-")
        if len(set(parts)) == 1:  # reduplication: "anak-anak" is "anak"
            yield parts[0], match.start(), match.end()
        elif len(parts) == 2 and tuple(parts) in COMPOUNDS:
            yield "".join(parts), match.start(), match.end()
        else:
            offset = match.start()
            for part in parts:
                yield part, offset, offset + len(part)
                offset += len(part) + 1


def analyze(text, *, keep_stopwords=False):
    """Return the stemmed tokens of ``text`` with their character spans."""
    tokens = []
    for word, start, end in _words(text or ""):
        if len(word) > MAX_WORD_LENGTH:
            continue
        word_stem = stem(word)
        if tokens and (tokens[-1].stem, word_stem) in COMPOUNDS:
            previous = tokens.pop()
            tokens.append(Token(COMPOUNDS[previous.stem, word_stem], previous.start, end))
            continue
        tokens.append(Token(word_stem, start, end))
    if keep_stopwords:
        return tokens
    return [token for token in tokens if token.stem not in STOPWORDS]


def stems(text):
    """Return the stems of ``text`` as one space-separated string (what the index stores)."""
    return " ".join(token.stem for token in analyze(text))


def vocabulary(text, tokens=None):
    """Return the (word, stem) pairs of ``text`` worth offering in "did you mean".

    ``tokens``: the text's ``analyze()`` output when the caller already has it.
    """
    lowered = (text or "").lower()
    pairs = set()
    for token in analyze(text) if tokens is None else tokens:
        word = lowered[token.start : token.end]
        if 3 <= len(word) <= MAX_WORD_LENGTH and word.isalpha():
            pairs.add((word, token.stem))
    return pairs


def query_words(text, limit=12):
    """Return the reader's words (lower case, hyphenated forms split) with their stems."""
    found = []
    for word, _start, _end in _words(text or ""):
        if len(word) <= MAX_WORD_LENGTH:
            found.append((word, stem(word)))
        if len(found) == limit:
            break
    return found


def query_stems(text, limit=12):
    """Return the distinct stems of a reader's query, in order, at most ``limit`` of them."""
    seen = []
    for token in analyze(text):
        if token.stem not in seen:
            seen.append(token.stem)
        if len(seen) == limit:
            break
    return seen
