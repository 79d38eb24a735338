#!/usr/bin/env python3
"""Writes benches/data/adversarial-labelled.tsv: labelled names for scoring name-policy
and its peers (benches/examples/score.rs) on the marketplace terms, Microsoft and Azure.

    python3 tools/gen-adversarial.py            # rewrite the file
    python3 tools/gen-adversarial.py --check    # fail if it differs from a fresh run

Each line is `label<TAB>technique<TAB>name`:

- `disguise`: a term disguised with one technique, or with two to four of them
  combined (technique `a+b+c`), alone or among other words; each form of the classic
  leet alphabet on its own (technique `leet:FORM`); upside-down text; characters read
  as two letters across UTS #39 versions; words of ambiguous symbols padding a disguised
  term; every one must be denied;
- `typo`: a term one edit away (substitution, deletion, insertion, transposition), alone
  or under a disguise; and (technique `disguised-typo`) with its letters spelt out
  between separators, written in leetspeak, or both; every one must be flagged;
- `misspelling`: a term of nine letters or more two slips of the hand away (technique
  `two-edits`: a letter left out or typed twice, two neighbours swapped, a key beside
  the right one pressed or pressed too), or respelled by its sounds (technique
  `sound-alike`: each sound written another common way, `c` as `k`, `f` as `ph`, `o` as
  `ow`...), or a term (or a slip of it) written by its sounds in Cyrillic, Greek,
  Armenian or Georgian (technique `transliterated`: `Мікрософт`); every one must be
  flagged where a policy looks for them;
- `innocent`: real-shaped company names in 32 locales (a sample of
  ../shared/corpora/company-names-intl.txt, without the terms), names with emoji
  sequences, names written with the symbols of the leet alphabet (`C++`, `R&D`, `<3`), near misses of the terms, and ordinary words that hold a term's neighbour
  (from Debian's word lists); none may be flagged.

The disguises are written here from the Unicode code charts and the common leetspeak
alphabets, independently of the crate's tables. Deterministic (seeded); it reads the
shared corpus and, when present, /usr/share/dict (apt-get install wamerican wfrench
wngerman wspanish witalian wdutch).
"""

import os
import random
import sys
import unicodedata

from osa import distance

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "benches", "data", "adversarial-labelled.tsv")
COMPANIES = os.path.join(ROOT, "..", "shared", "corpora", "company-names-intl.txt")
DICTS = ["american-english", "french", "ngerman", "spanish", "italian", "dutch"]

TERMS = ["Microsoft", "Azure"]
CONTEXT = ["{}", "{} Cloud", "Contoso {}", "{} Partners", "The {} Store", "{}Tools", "My{}App"]

# Look-alikes people use (UTS #39 confusables of Latin letters, a few per letter).
LOOKALIKE = {
    "a": "аɑαᴀ", "c": "сϲⅽᴄ", "e": "еҽ", "i": "іιɪӏ", "o": "оοօᴏ", "p": "рρ",
    "s": "ѕꜱ", "x": "хχ", "y": "уүγ", "z": "ᴢ", "u": "υսᴜ", "r": "ᴦ", "f": "ƒ",
    "t": "τᴛ", "m": "ᴍм", "M": "МΜ", "A": "АΑ", "C": "СϹ", "E": "ЕΕ", "I": "ІΙ",
    "O": "ОΟ", "S": "Ѕ", "T": "ТΤ", "Z": "Ζ",
}
LEET_DIGITS = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "z": "2", "l": "1"}
LEET_SYMBOLS = {"a": "@", "s": "$", "t": "+", "i": "!|", "e": "€", "c": "¢", "l": "£|"}
LEET_MULTI = {"a": ["/\\", "/-\\"], "m": ["|\\/|", "/\\/\\"], "o": ["()", "[]"], "u": ["|_|"]}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]
SEPARATORS = [" ", "-", ".", "_", "·", "/", "—", "•", "\u3000", "・"]
MARKS = [chr(c) for c in range(0x300, 0x36F)]
MATH = [0x1D400, 0x1D434, 0x1D468, 0x1D4D0, 0x1D56C, 0x1D5A0, 0x1D5D4, 0x1D608, 0x1D670]
SMALL_CAPS = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡxʏᴢ"


def fullwidth(s, r):
    return "".join(chr(ord(c) - 0x21 + 0xFF01) if "!" <= c <= "~" else c for c in s)


def math(s, r):
    base = r.choice(MATH)
    out = []
    for c in s:
        if c.isascii() and c.isalpha():
            cp = base + (ord(c) - 65 if c.isupper() else 26 + ord(c) - 97)
            ch = chr(cp)
            out.append(c if unicodedata.category(ch) == "Cn" else ch)
        else:
            out.append(c)
    return "".join(out)


def circled(s, r):
    return "".join(
        chr(0x24B6 + ord(c) - 65) if "A" <= c <= "Z" else chr(0x24D0 + ord(c) - 97) if "a" <= c <= "z" else c
        for c in s
    )


def case(s, r):
    while True:
        out = "".join(c.upper() if r.random() < 0.5 else c.lower() for c in s)
        if out != s or len(s) < 2:
            return out


def diacritics(s, r):
    out = []
    for c in s:
        out.append(c)
        if c.isalpha() and r.random() < 0.5:
            out.extend(r.choice(MARKS) for _ in range(r.randint(1, 3)))
    return unicodedata.normalize("NFC", "".join(out)) if r.random() < 0.5 else "".join(out)


def lookalike(s, r):
    chars = list(s)
    spots = [i for i, c in enumerate(chars) if c in LOOKALIKE]
    for i in r.sample(spots, min(len(spots), r.randint(1, 3))):
        chars[i] = r.choice(LOOKALIKE[chars[i]])
    return "".join(chars)


def invisible(s, r):
    chars = list(s)
    for _ in range(r.randint(1, 3)):
        at = r.randint(1, len(chars) - 1)
        chars.insert(at, r.choice(INVISIBLE))
    return "".join(chars)


def separators(s, r):
    sep = r.choice(SEPARATORS)
    if r.random() < 0.5 and len(s) > 4:
        # Split once, into pieces of three letters or more.
        at = r.randint(3, len(s) - 3) if len(s) >= 6 else len(s) // 2
        return s[:at] + sep + s[at:]
    return sep.join(s)


def leet_digits(s, r):
    chars = list(s)
    spots = [i for i, c in enumerate(chars) if c.lower() in LEET_DIGITS]
    for i in r.sample(spots, min(len(spots), r.randint(1, 3))):
        chars[i] = LEET_DIGITS[chars[i].lower()]
    return "".join(chars)


def leet_symbols(s, r):
    chars = list(s)
    spots = [i for i, c in enumerate(chars) if c.lower() in LEET_SYMBOLS]
    for i in r.sample(spots, min(len(spots), r.randint(1, 2))):
        chars[i] = r.choice(LEET_SYMBOLS[chars[i].lower()])
    return "".join(chars)


def leet_multi(s, r):
    chars = list(s)
    spots = [i for i, c in enumerate(chars) if c.lower() in LEET_MULTI]
    if not spots:
        return leet_digits(s, r)
    i = r.choice(spots)
    chars[i] = r.choice(LEET_MULTI[chars[i].lower()])
    return "".join(chars)


def repeats(s, r):
    chars = list(s)
    for i in r.sample(range(len(chars)), min(len(chars), r.randint(1, 2))):
        chars[i] = chars[i] * r.randint(2, 4)
    return "".join(chars)


def small_caps(s, r):
    return "".join(SMALL_CAPS[ord(c.lower()) - 97] if c.isascii() and c.isalpha() else c for c in s)


def negative_squared(s, r):
    return "".join(chr(0x1F170 + ord(c.lower()) - 97) if c.isascii() and c.isalpha() else c for c in s)


TECHNIQUES = {
    "case": case,
    "fullwidth": fullwidth,
    "math": math,
    "circled": circled,
    "diacritics": diacritics,
    "lookalike": lookalike,
    "invisible": invisible,
    "separators": separators,
    "leet-digits": leet_digits,
    "leet-symbols": leet_symbols,
    "leet-multi": leet_multi,
    "repeats": repeats,
    "small-caps": small_caps,
    "negative-squared": negative_squared,
}
# Techniques that rewrite letters as other characters: applied last in a combination,
# since the others need the letters as written.
LAST = {"fullwidth", "math", "circled", "small-caps", "negative-squared"}
BEFORE_LAST = {"separators", "invisible", "diacritics"}


def combine(term, names, r):
    # Letters drawn with several characters stay whole: after separators and invisibles.
    order = sorted(names, key=lambda n: (n in LAST, n == "leet-multi", n in BEFORE_LAST))
    s = term
    for n in order:
        s = TECHNIQUES[n](s, r)
    return s


# The classic leet alphabet, per letter of the terms (the "Leet" article of the English
# Wikipedia, its table of alternative alphabets): each form is scored on its own.
LEET_ALPHABET = {
    "a": ["4", "@", "/\\", "/-\\", "^"],
    "c": ["(", "<", "[", "{"],
    "e": ["3", "€", "&"],
    "f": ["ph", "|=", "ƒ"],
    "i": ["1", "!", "|"],
    "m": ["|\\/|", "/\\/\\", "(V)", "|v|", "^^"],
    "o": ["0", "()", "[]", "<>"],
    "r": ["|2", "12", "|?"],
    "s": ["5", "$"],
    "t": ["7", "+", "†"],
    "u": ["|_|", "(_)", "\\_/"],
    "z": ["7_", "2"],
}

# Upside-down text as generators write it: each letter turned (several glyphs for some),
# the text reversed.
TURNED = {
    "a": "ɐ", "b": "q", "c": "ɔ", "d": "p", "e": "ǝə", "f": "ɟ", "g": "ƃ", "h": "ɥ",
    "i": "ᴉı", "j": "ɾ", "k": "ʞ", "l": "l", "m": "ɯ", "n": "u", "o": "o", "p": "d",
    "q": "b", "r": "ɹ", "s": "s", "t": "ʇ", "u": "n", "v": "ʌ", "w": "ʍ", "x": "x",
    "y": "ʎ", "z": "z",
}

# Characters whose UTS #39 prototype changed between versions, or that look like a second
# letter besides their compatibility form: (character, the letter it is read as).
ACROSS_VERSIONS = {"s": ["ſ"], "f": ["ſ"], "z": ["\U000118C4"], "c": ["ϲ", "\U0001051C"],
                   "e": ["ϵ"], "i": ["ӏ"]}

# Words of symbols that a leet reader could take for letters, to pad a name with.
PADDING = ["e3e", "a4a", "b8b", "z2z", "g9g", "s5s", "t7t", "++", "$$", "66", "|_|", "(V)",
           "|2", "ph", "1!1", "0()0", "^^", "/\\", "<>", "@@"]


def leet_form(term, letter, form, r):
    """The term with one occurrence of `letter` written as `form`, and, half the time,
    one other letter in another form of the alphabet."""
    low = term.lower()
    spots = [i for i, c in enumerate(low) if c == letter]
    i = r.choice(spots)
    chars = list(term)
    chars[i] = form
    if r.random() < 0.5:
        others = [j for j, c in enumerate(low) if j != i and c in LEET_ALPHABET]
        if others:
            j = r.choice(others)
            chars[j] = r.choice(LEET_ALPHABET[low[j]])
    return "".join(chars)


def upside_down(term, r):
    return "".join(r.choice(TURNED[c]) for c in reversed(term.lower()))


def across_versions(term, r):
    low = term.lower()
    spots = [i for i, c in enumerate(low) if c in ACROSS_VERSIONS]
    chars = list(term)
    for i in r.sample(spots, min(len(spots), r.randint(1, 2))):
        chars[i] = r.choice(ACROSS_VERSIONS[low[i]])
    return "".join(chars)


def padded(term, r):
    """Words of ambiguous symbols, then the term with leet symbols between its letters."""
    words = [r.choice(PADDING) for _ in range(r.randint(4, 14))]
    core = leet_symbols(term, r) if r.random() < 0.5 else r.choice("!+$|").join(term)
    name = " ".join(words + [core])
    while len(name) > 120:
        words.pop(0)
        name = " ".join(words + [core])
    return name


# Innocent names written with the symbols of the leet alphabet.
SYMBOL_NAMES = ["C++ {}", ":-) {}", "<3 {}", "(Re){}", "R&D {}", "A/B {}", "100% {}",
                "24/7 {}", "{} & Co", "{} (UK)", "{} [Beta]", "#1 {}", "{} 2.0", "$5 {}",
                "{} {{Dev}}", "{} | Home", "{} +", "\\o/ {}", "^_^ {}", "{} <Studio>"]


def typo(term, r):
    s = term.lower()
    kind = r.choice(["substitute", "delete", "insert", "transpose"])
    # Not the first letter, as typo-squatters keep it to be recognized.
    i = r.randint(1, len(s) - 2)
    letters = "abcdefghijklmnopqrstuvwxyz"
    if kind == "substitute":
        s = s[:i] + r.choice([c for c in letters if c != s[i]]) + s[i + 1 :]
    elif kind == "delete":
        s = s[:i] + s[i + 1 :]
    elif kind == "insert":
        s = s[:i] + r.choice(letters) + s[i:]
    else:
        s = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    if s == term.lower():
        return typo(term, r)
    return term[0] + s[1:], kind


def disguised_typo(term, r):
    """A typo-squat of `term` with its letters spelt out between separators (all of
    them, as `M-i-c-r-o-s-f-t`), in leetspeak, or both, in a context."""
    t, _ = typo(term, r)
    way = r.choice(["spelt", "leet", "spelt+leet", "spelt+case"])
    if "case" in way:
        t = case(t, r)
    # Each letter a unit, so that a leetspeak form of several characters stays whole.
    units = list(t)
    if "leet" in way:
        leet = r.choice([leet_digits, leet_symbols, leet_multi])
        spots = [i for i, c in enumerate(units) if leet(c, r) != c]
        for i in r.sample(spots, min(len(spots), r.randint(1, 3))):
            units[i] = leet(units[i], r)
    sep = r.choice([" ", "-", ".", "_", "·", "/", "•", " - "]) if "spelt" in way else ""
    return r.choice(["{}", "{} Cloud", "Contoso {}", "The {} Store"]).format(sep.join(units))


# The letter keys of a QWERTY keyboard, each row set off to the right of the one above
# (by a quarter and then half a key), for the slips of a typing hand.
QWERTY = [("qwertyuiop", 0.0), ("asdfghjkl", 0.25), ("zxcvbnm", 0.75)]


def neighbours(c):
    """The keys beside `c`: on its row, and on the rows above and below less than a key
    away."""
    place = {k: (row, i + shift) for row, (keys, shift) in enumerate(QWERTY) for i, k in enumerate(keys)}
    row, x = place[c]
    return [k for k, (r, y) in place.items() if k != c and abs(r - row) <= 1 and abs(y - x) < (1.5 if r == row else 1)]


def slip(s, r):
    """One slip of a typing hand, anywhere but the first letter."""
    i = r.randint(1, len(s) - 1)
    kind = r.choice(["omit", "repeat", "swap", "neighbour", "press-too"])
    if kind == "omit":
        return s[:i] + s[i + 1 :]
    if kind == "repeat":
        return s[:i] + s[i] + s[i:]
    if kind == "swap" and i + 1 < len(s):
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    near = neighbours(s[i]) or [s[i]]
    if kind == "neighbour":
        return s[:i] + r.choice(near) + s[i + 1 :]
    return s[:i] + r.choice(near) + s[i:]


def two_slips(term, r):
    """The term two slips away (as written: exactly two edits)."""
    low = term.lower()
    while True:
        s = slip(slip(low, r), r)
        if distance(s, low) == 2:
            return term[0] + s[1:]


# Common English spellings of the sounds of a term, for respelling it by ear.
RESPELLINGS = [
    ("ph", ["f", "ph", "ff"]), ("ck", ["k", "ck", "kk"]), ("c", ["k", "c", "ck"]),
    ("k", ["k", "c", "ck"]), ("f", ["f", "ph", "ff"]), ("s", ["s", "ss", "z"]),
    ("o", ["o", "ow", "aw", "au", "oh"]), ("i", ["i", "y", "ai", "ie", "ei"]),
    ("u", ["u", "oo", "ew"]), ("e", ["e", "ea", "ee"]), ("a", ["a", "ah"]),
    ("t", ["t", "tt", "d", "te"]), ("r", ["r", "rr", "wr"]), ("m", ["m", "mm"]),
]


def respelled(term, r):
    """The term respelled by its sounds: every sound kept, some (at least two) written
    anew."""
    low = term.lower()
    while True:
        out, i, changed = [], 0, 0
        while i < len(low):
            for spelling, others in RESPELLINGS:
                if low.startswith(spelling, i):
                    new = r.choice(others) if i > 0 and r.random() < 0.4 else spelling
                    changed += new != spelling
                    out.append(new)
                    i += len(spelling)
                    break
            else:
                out.append(low[i])
                i += 1
        s = "".join(out)
        if changed >= 2 and distance(s, low) >= 2:
            return term[0] + s[1:]


# How each Latin letter of a term is written by its sound in scripts whose readers spell a
# foreign name so (the common practice of each, written here independently of any
# transliteration table): the letters `c` and `k` as a hard `k`, vowels as their plain
# sounds. A name in the script is the term as its speakers would write it.
CYRILLIC_BY_SOUND = {"a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г",
                     "h": "х", "i": "и", "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н",
                     "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в",
                     "w": "в", "x": "кс", "y": "й", "z": "з"}
BY_SOUND = {
    "cyrillic": CYRILLIC_BY_SOUND,
    # Ukrainian writes three of those sounds with letters of its own.
    "ukrainian": {**CYRILLIC_BY_SOUND, "g": "ґ", "h": "г", "i": "і"},
    "greek": {"a": "α", "b": "μπ", "c": "κ", "d": "ντ", "e": "ε", "f": "φ", "g": "γκ",
              "h": "χ", "i": "ι", "j": "τζ", "k": "κ", "l": "λ", "m": "μ", "n": "ν",
              "o": "ο", "p": "π", "r": "ρ", "s": "σ", "t": "τ", "u": "ου", "v": "β",
              "w": "ου", "x": "ξ", "y": "ι", "z": "ζ"},
    "armenian": {"a": "ա", "b": "բ", "c": "կ", "d": "դ", "e": "ե", "f": "ֆ", "g": "գ",
                 "h": "հ", "i": "ի", "j": "ջ", "k": "կ", "l": "լ", "m": "մ", "n": "ն",
                 "o": "օ", "p": "պ", "r": "ր", "s": "ս", "t": "տ", "u": "ու", "v": "վ",
                 "w": "վ", "x": "քս", "y": "յ", "z": "զ"},
    "georgian": {"a": "ა", "b": "ბ", "c": "კ", "d": "დ", "e": "ე", "f": "ფ", "g": "გ",
                 "h": "ჰ", "i": "ი", "j": "ჯ", "k": "კ", "l": "ლ", "m": "მ", "n": "ნ",
                 "o": "ო", "p": "პ", "r": "რ", "s": "ს", "t": "ტ", "u": "უ", "v": "ვ",
                 "w": "ვ", "x": "ქს", "y": "ი", "z": "ზ"},
}

# Words of each script a company name holds beside the term.
BY_SOUND_CONTEXT = {
    "cyrillic": ["{}", "{} Рус", "ООО «{}»", "{} Групп", "{} Македонија", "{} Сервис"],
    "ukrainian": ["{}", "{} Україна", "ТОВ «{}»", "{} Київ"],
    "greek": ["{}", "{} Ελλάς", "{} Α.Ε.", "Ομιλος {}"],
    "armenian": ["{}", "{} ՍՊԸ", "{} Գրուպ", "{} Հայաստան"],
    "georgian": ["{}", "{} საქართველო", "შპს {}", "{} ჯგუფი"],
}


def by_sound(term, script, r):
    """The term (or, half the time, a slip of it) written by its sounds in `script`: each
    letter as the script writes its sound, a doubled letter once, the first a capital
    where the script writes one."""
    low = term.lower() if r.random() < 0.5 else slip(term.lower(), r)
    letters = BY_SOUND[script]
    out, last = [], None
    for c in low:
        if c == last:
            continue
        out.append(letters.get(c, c))
        last = c
    s = "".join(out)
    if script == "greek" and s.endswith("σ"):
        s = s[:-1] + "ς"
    # Georgian writes no capitals in running text.
    return s if script == "georgian" else s[0].upper() + s[1:]


def contains_term(name):
    low = name.lower()
    return any(t.lower() in low for t in TERMS)


def innocent(r):
    out = []
    with open(COMPANIES, encoding="utf-8") as f:
        companies = [l.rstrip("\n") for l in f if l.strip()]
    for name in r.sample(companies, 4000):
        if not contains_term(name):
            out.append(("company", name))
    emoji = ["👨\u200d👩\u200d👧", "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
             "👍🏽", "👩🏾\u200d💻", "#\ufe0f\u20e3", "❤\ufe0f\u200d🔥", "🇫🇷", "🇯🇵", "🏳\ufe0f\u200d🌈",
             "☕", "🚀", "✨", "🧑\u200d🍳", "👋🏻"]
    for name in r.sample(companies, 700):
        if not contains_term(name):
            e = r.choice(emoji)
            out.append(("emoji", r.choice([f"{name} {e}", f"{e} {name}"])))
    near = ["Azores Travel", "Azur Events", "Côte d'Azur Immobilier", "Micromax", "Microsemi",
            "Micro Focus", "Softbank", "Kazu Research", "Azura Spa", "Azurite Mining",
            "Microchip Tools", "Soft Micro Devices", "Lazuli Labs", "Azul Systems",
            "Microtech Soft", "Mikro Sofia", "Azzurra Yachts", "Mazur & Sons",
            "Microscope Supply", "Soft Microwave", "Azusa Pacific",
            "Microsafe Locks", "Nanosoft", "Azoria",
            "Picosoft", "Mycrop Soft", "Azerbaijan Airlines", "Azuki Beans", "Microflora"]
    out.extend(("near-miss", n) for n in near)
    for name in r.sample(companies, 600):
        if not contains_term(name):
            out.append(("symbols", r.choice(SYMBOL_NAMES).format(name)))
    words = set()
    for d in DICTS:
        path = os.path.join("/usr/share/dict", d)
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                words.update(w.strip() for w in f)
    # Words that hold a term's neighbourhood: a piece of a term, or most of its letters.
    pieces = ["azur", "zure", "micro", "soft", "icros", "osof", "azu"]
    neighbours = sorted(w for w in words if w and not contains_term(w) and any(p in w.lower() for p in pieces))
    if not neighbours:
        sys.exit("gen-adversarial: Debian word lists missing (apt-get install wamerican wfrench ...)")
    for w in r.sample(neighbours, min(len(neighbours), 1500)):
        out.append(("word", w))
    return out


def generate():
    r = random.Random(20261202)
    lines = []
    names = list(TECHNIQUES)
    for term in TERMS:
        # Each technique alone.
        for n in names:
            for _ in range(220):
                core = TECHNIQUES[n](term, r)
                lines.append(("disguise", n, r.choice(CONTEXT).format(core)))
        # Combinations of two to four.
        for _ in range(1600):
            k = r.randint(2, 4)
            combo = r.sample(names, k)
            core = combine(term, combo, r)
            lines.append(("disguise", "+".join(sorted(combo)), r.choice(CONTEXT).format(core)))
        # The classic leet alphabet, each form on its own.
        for letter in sorted(set(term.lower()) & set(LEET_ALPHABET)):
            for form in LEET_ALPHABET[letter]:
                for _ in range(30):
                    core = leet_form(term, letter, form, r)
                    lines.append(("disguise", f"leet:{form}", r.choice(CONTEXT).format(core)))
        for _ in range(150):
            lines.append(("disguise", "upside-down", r.choice(["{}", "{} Labs"]).format(upside_down(term, r))))
        for _ in range(150):
            lines.append(("disguise", "across-versions", r.choice(CONTEXT).format(across_versions(term, r))))
        for _ in range(300):
            lines.append(("disguise", "padding", padded(term, r)))
        # Typo-squats, alone and under a disguise.
        for _ in range(500):
            t, kind = typo(term, r)
            lines.append(("typo", kind, r.choice(["{}", "{} Cloud", "Contoso {}"]).format(t)))
        for _ in range(300):
            t, kind = typo(term, r)
            n = r.choice(["case", "fullwidth", "lookalike", "diacritics", "invisible"])
            lines.append(("typo", f"{kind}+{n}", TECHNIQUES[n](t, r)))
        # Misspellings further than one edit, of the terms long enough for them.
        if len(term) >= 9:
            contexts = ["{}", "{} Labs", "{} Cloud", "The {} Store", "Contoso {}"]
            for _ in range(300):
                lines.append(("misspelling", "two-edits", r.choice(contexts).format(two_slips(term, r))))
            for _ in range(300):
                lines.append(("misspelling", "sound-alike", r.choice(contexts).format(respelled(term, r))))
    # Each term written by its sounds in another script (the issue of terms spelt by ear).
    for term in TERMS:
        for script in BY_SOUND:
            for _ in range(60):
                name = r.choice(BY_SOUND_CONTEXT[script]).format(by_sound(term, script, r))
                lines.append(("misspelling", "transliterated", name))
    for technique, name in innocent(r):
        lines.append(("innocent", technique, name))
    # Typo-squats under the disguises that split or rewrite letters (drawn after the
    # others, so that adding them changed none of those).
    for term in TERMS:
        for _ in range(300):
            lines.append(("typo", "disguised-typo", disguised_typo(term, r)))
    out = []
    for label, technique, name in lines:
        name = name.replace("\t", " ").replace("\n", " ")
        out.append(f"{label}\t{technique}\t{name}\n")
    return "".join(out)


def main():
    text = generate()
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{OUT} is stale: rerun tools/gen-adversarial.py")
        print(f"{OUT} matches a fresh run")
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}: {text.count(chr(10))} names")


if __name__ == "__main__":
    main()
