"""Numbers written as the committee paper writes them, in English and Welsh.

The Hywel Dda paper spells counts out in prose ("fifty-four projects identified"), writes figures in
the summary sentences as digits but small ones as words ("(eight)", "the seven clusters"), and
Welsh counts a noun in the singular after a number, with the mutation the number causes
("saith clwstwr", "dau glwstwr", "tri chlwstwr"; from eleven, "54 o brosiectau").
"""

EN_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
# Welsh decimal counting, as taught and used in public documents: 54 = pum deg pedwar.
CY_ONES = "dim un dau tri pedwar pump chwech saith wyth naw".split()
CY_TENS = ["", "deg", "dau ddeg", "tri deg", "pedwar deg", "pum deg", "chwe deg", "saith deg", "wyth deg", "naw deg"]

# A masculine noun after one to ten: the number's form and the noun's mutation (soft after dau,
# aspirate after tri and chwe; pump and chwech shorten before a noun).
CY_BEFORE_NOUN = ("", "un", "dau", "tri", "pedwar", "pum", "chwe", "saith", "wyth", "naw", "deg")
CY_FEMININE = ("", "un", "dwy", "tair", "pedair", "pum", "chwe", "saith", "wyth", "naw", "deg")
SOFT = {"c": "g", "p": "b", "t": "d", "g": "", "b": "f", "d": "dd", "m": "f", "ll": "l", "rh": "r"}
ASPIRATE = {"c": "ch", "p": "ph", "t": "th"}

# Welsh nouns the paper counts: singular, plural, feminine?
CY_NOUNS = {
    "cluster": ("clwstwr", "clystyrau", False),
    "project": ("prosiect", "prosiectau", False),
    "county": ("sir", "siroedd", True),
}
EN_NOUNS = {"cluster": ("cluster", "clusters"), "project": ("project", "projects"), "county": ("county", "counties")}


def digits(n: int) -> str:
    """A figure in digits, thousands grouped with a comma in Welsh as in English ("25,043")."""
    return f"{n:,}"


def words(n: int, language: str) -> str:
    """0–99 in words; from 100, digits (papers do not spell out hundreds)."""
    if not 0 <= n < 100:
        return digits(n)
    if language == "en":
        if n < 20:
            return EN_ONES[n]
        tens, ones = divmod(n, 10)
        return EN_TENS[tens] + (f"-{EN_ONES[ones]}" if ones else "")
    if n < 10:
        return CY_ONES[n]
    tens, ones = divmod(n, 10)
    if not ones:
        return CY_TENS[tens]
    return f"{'un deg' if tens == 1 else CY_TENS[tens]} {CY_ONES[ones]}"


def small(n: int, language: str) -> str:
    """Words under ten, digits from ten: how the paper writes a figure in brackets."""
    if n == 0:
        return "none" if language == "en" else "dim"
    return words(n, language) if n < 10 else digits(n)


def _mutate(word: str, table: dict[str, str]) -> str:
    for start in sorted(table, key=len, reverse=True):
        if word.startswith(start):
            return table[start] + word[len(start) :]
    return word


def counted(n: int, noun: str, language: str, spell: str = "small", article: bool = False) -> str:
    """'seven clusters', 'one project', '54 projects'; Welsh 'saith clwstwr', 'dau brosiect',
    '54 o brosiectau'. spell='small' writes words under ten, 'words' writes words under a hundred.
    article=True gives the form after 'the'/'y' (Welsh 'y ddau glwstwr')."""
    if n == 0:
        return f"no {EN_NOUNS[noun][1]}" if language == "en" else f"dim {CY_NOUNS[noun][1]}"
    number = words(n, language) if (spell == "words" or n < 10) else digits(n)
    if language == "en":
        singular, plural = EN_NOUNS[noun]
        return f"{number} {singular if n == 1 else plural}"
    singular, plural, feminine = CY_NOUNS[noun]
    if 1 <= n <= 10:
        numeral = (CY_FEMININE if feminine else CY_BEFORE_NOUN)[n]
        if n == 2 and article:
            numeral = "ddwy" if feminine else "ddau"
        if n == 2 and not feminine:
            singular = _mutate(singular, SOFT)
        elif n in (3, 6) and not feminine:
            singular = _mutate(singular, ASPIRATE)
        return f"{numeral} {singular}"
    return f"{number} o {_mutate(plural, SOFT)}"


def soft(word: str) -> str:
    """The soft mutation, as after 'gan' or of an object ('pump' → 'bump', 'dau' → 'ddau',
    'prosiect' → 'brosiect'); 'ch', 'ph', 'th', 'un' and digits are unchanged ('chwech', 'un')."""
    if word.startswith(("ch", "ph", "th", "un")) or word[:1].isdigit():
        return word
    return _mutate(word, SOFT)
