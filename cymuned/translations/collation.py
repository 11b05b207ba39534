"""Names in the order a reader of the page's language expects.

Welsh has its own alphabet: the digraphs ch, dd, ff, ng, ll, ph, rh and th are letters of their own, each
after the letter it begins with (Chwilog after Cwm, Llandeilo after Lydstep). PostgreSQL orders by it with
ICU's Welsh collation (`cy-x-icu`, CLDR's tailoring of the Unicode collation); SQLite has none, so the
same alphabet (`welsh_key`) is given to each SQLite connection as a collation of the same name
(`register_sqlite`). ICU reads every "ng" as the letter ng, as this does: a word such as
"Bangor", where n and g are two letters, needs a dictionary that neither has.
"""

import unicodedata

WELSH_COLLATION = "cy-x-icu"  # ICU's Welsh, created by initdb on PostgreSQL built with ICU (Debian's is)

# The Welsh alphabet with the letters that loanwords bring in their Latin places (CLDR's tailoring adds
# only the digraphs to the Latin order).
ALPHABET = "a b c ch d dd e f ff g ng h i j k l ll m n o p ph q r rh s t th u v w x y z".split()
RANK = {letter: position for position, letter in enumerate(ALPHABET)}
DIGRAPHS = tuple(letter for letter in ALPHABET if len(letter) == 2)
# The punctuation and symbols a name may hold, in the order of CLDR's root collation (as PostgreSQL's ICU
# sorts them); any other comes after these, by code point.
PUNCTUATION = "_-,;:!?.'’\"()[]{}@*/\\&#%`^+<=>|~$"


def welsh_key(text: str) -> tuple:
    """A sort key for Welsh: letters by the Welsh alphabet, then accents (â after a), then case (lower
    first); spaces, then punctuation, then digits before letters. These are ICU's defaults (CLDR's root
    collation, which counts spaces and punctuation), so Python and both databases agree."""
    folded = unicodedata.normalize("NFD", text)
    base = "".join(c for c in folded if not unicodedata.combining(c))
    primary: list[tuple[int, int]] = []
    i = 0
    while i < len(base):
        pair = base[i : i + 2]
        # a digraph as ICU's tailoring lists it: "ll", "Ll" or "LL", but not "lL" (two letters)
        if pair.lower() in DIGRAPHS and pair in (pair.lower(), pair.capitalize(), pair.upper()):
            primary.append((3, RANK[pair.lower()]))
            i += 2
            continue
        char = base[i].lower()
        if char in RANK:
            primary.append((3, RANK[char]))
        elif char.isdigit():
            primary.append((2, int(char)))
        elif char.isalpha():  # a letter from outside the Latin alphabet: after z, by code point
            primary.append((4, ord(char)))
        elif char.isspace():  # a space before anything else, so "Cwm Taf" comes before "Cwmbrân"
            primary.append((0, 0))
        else:  # punctuation and symbols, between spaces and digits, in ICU's order where known
            known = PUNCTUATION.find(char)
            primary.append((1, known) if known >= 0 else (1, len(PUNCTUATION) + ord(char)))
        i += 1
    accents = tuple(ord(c) for c in folded if unicodedata.combining(c))
    cases = tuple(c.isupper() for c in base if c.isalpha())
    return (tuple(primary), accents, cases, text)


def _compare(left: str, right: str) -> int:
    a, b = welsh_key(left), welsh_key(right)
    return (a > b) - (a < b)


def register_sqlite(sender, connection, **kwargs) -> None:
    """`connection_created`: give an SQLite connection the Welsh collation under PostgreSQL's name."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(WELSH_COLLATION, _compare)
