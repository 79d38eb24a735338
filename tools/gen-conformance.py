#!/usr/bin/env python3
"""Generates tests/data/conformance/marketplace-generated.txt: cases for the marketplace
preset ("Microsoft" and "Azure", exceptions "Azur" and "Azura", the recommended structural
rules), built from first principles rather than from what the crate says.

Each evasion class takes a term, disguises it the way people do, and puts it in a name;
the expected violations follow from the construction: the term at the span of the
disguised text, plus the structural violations the disguise itself brings (an invisible
character, a word that mixes scripts). Innocent names are dictionary words that lack at
least two of each term's letters (so no term and no typo-squat can be read in them, in
any reading), near misses first.

    python3 tools/gen-conformance.py            # rewrite the file
    python3 tools/gen-conformance.py --check    # fail if the file is not what it writes

The innocent words come from Debian's word lists (`apt-get install wamerican wfrench
wngerman wspanish witalian wdutch`); without them, --check is skipped with a message.
"""

import json
import os
import random
import sys
import unicodedata

from osa import distance

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "conformance", "marketplace-generated.txt")
WORDLISTS = ["american-english", "french", "ngerman", "spanish", "italian", "dutch"]

TERMS = {"Microsoft": "trademark.microsoft", "Azure": "trademark.azure"}
CONTEXTS = ["{}", "{} Partners", "Contoso {}", "The {} Hub", "{} Cloud Labs", "Fabrikam {} Tools"]

# Cases are (verdict, name, [violation tokens]); a violation token is
# rule[~typo]@start..end[+leet], spans in UTF-8 bytes of the name.
cases = []


def span(name, start_char, text):
    start = len(name[:start_char].encode())
    return start, start + len(text.encode())


def place(token, context):
    name = context.format(token)
    return name, context.index("{}")


def add(verdict, name, violations, family):
    cases.append((family, verdict, name, violations))


def term_case(family, term, token, context, extra=(), leet=False):
    name, at = place(token, context)
    s, e = span(name, at, token)
    v = [f"{TERMS[term]}@{s}..{e}" + ("+leet" if leet else "")]
    v += [x(name, at) for x in extra]
    verdict = "deny"
    add(verdict, name, v, family)


rng = random.Random(16)

# --- Case. ---------------------------------------------------------------------------
def random_case(word):
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)

for term in TERMS:
    for context in CONTEXTS:
        tokens = [term, term.upper(), term.lower(), random_case(term), random_case(term)]
        for token in dict.fromkeys(tokens):
            term_case("case", term, token, context)

# --- Separators between letters. ------------------------------------------------------
SEPARATORS = [" ", "-", ".", "_", "/", "·", "—", "*", "~", ",", ":", "'", "=", "•", "–"]

def split_with(word, sep, cuts):
    out = []
    for i, c in enumerate(word):
        if i in cuts:
            out.append(sep)
        out.append(c)
    return "".join(out)

for term in TERMS:
    for sep in SEPARATORS:
        every = split_with(term, sep, set(range(1, len(term))))
        some = split_with(term, sep, set(rng.sample(range(1, len(term)), 2)))
        one = split_with(random_case(term), sep, {rng.randrange(1, len(term))})
        for token in (every, some, one):
            term_case("separators", term, token, rng.choice(CONTEXTS))

# --- Invisible characters. ------------------------------------------------------------
INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u2061"]

def invisible_case(term, token_parts, context):
    """token_parts: list of strings, alternating letters and invisible characters."""
    token = "".join(token_parts)
    name, at = place(token, context)
    s, e = span(name, at, token)
    v = [f"{TERMS[term]}@{s}..{e}"]
    pos = at
    for part in token_parts:
        if part in INVISIBLES:
            ps, pe = span(name, pos, part)
            v.append(f"structure.invisible-character@{ps}..{pe}")
        pos += len(part)
    add("deny", name, v, "invisible")

for term in TERMS:
    for inv in INVISIBLES:
        for count in (1, 2):
            cuts = sorted(rng.sample(range(1, len(term)), count))
            parts, prev = [], 0
            for c in cuts:
                parts += [term[prev:c], inv]
                prev = c
            parts.append(term[prev:])
            invisible_case(term, parts, rng.choice(CONTEXTS))

# --- Compatibility styles: fullwidth, mathematical, circled, squared, modifier letters. ---
def styles():
    """Style name -> {ascii letter: character}, for every character whose NFKC form is a
    single ASCII letter and whose name says the style."""
    by_style = {}
    for cp in range(0x80, 0x20000):
        c = chr(cp)
        n = unicodedata.normalize("NFKC", c)
        if len(n) != 1 or not n.isascii() or not n.isalpha():
            continue
        name = unicodedata.name(c, "")
        if not name:
            continue
        words = name.split()
        if words[-1] != n.upper():
            continue
        style = " ".join(words[:-1])
        by_style.setdefault(style, {})[n] = c
    return by_style

STYLES = {k: v for k, v in sorted(styles().items()) if len(v) >= 10}

def styled(word, table):
    out = []
    for c in word:
        for variant in (c, c.lower(), c.upper()):
            if variant in table:
                out.append(table[variant])
                break
        else:
            out.append(c)
    return "".join(out)

for style, table in STYLES.items():
    for term in TERMS:
        for word in (term, term.lower(), term.upper()):
            token = styled(word, table)
            if token == word:
                continue
            term_case("styles", term, token, rng.choice(CONTEXTS))

# --- Look-alike letters of other scripts: the term, and a word that mixes scripts. ----
HOMOGLYPHS = {
    "a": ["\u0430", "\u03b1"], "c": ["\u0441", "\u03f2"], "e": ["\u0435"], "i": ["\u0456", "\u03b9"],
    "o": ["\u043e", "\u03bf", "\u0585"], "s": ["\u0455"], "r": ["\u0433"], "u": ["\u057d"],
    "A": ["\u0410", "\u0391"], "M": ["\u041c", "\u039c"], "C": ["\u0421"], "E": ["\u0415", "\u0395"],
    "I": ["\u0406", "\u0399"], "O": ["\u041e", "\u039f"], "S": ["\u0405"], "T": ["\u0422", "\u03a4"],
    "Z": ["\u0396"],
}

for term in TERMS:
    for word in (term, term.upper(), term.lower()):
        spots = [i for i, c in enumerate(word) if c in HOMOGLYPHS]
        for k in (1, 2, 3):
            for _ in range(3):
                chosen = set(rng.sample(spots, min(k, len(spots))))
                token = "".join(rng.choice(HOMOGLYPHS[c]) if i in chosen else c
                                for i, c in enumerate(word))
                if all(ord(c) > 0x7F for c in token):
                    continue
                def mixed(name, at, token=token):
                    s, e = span(name, at, token)
                    return f"structure.mixed-scripts@{s}..{e}"
                # Latin with Cyrillic or Greek mixes scripts; Latin with one other
                # recommended script (Armenian) is moderately restrictive, and allowed.
                flagged = any(unicodedata.name(c).startswith(("CYRILLIC", "GREEK")) for c in token)
                term_case("homoglyphs", term, token, rng.choice(CONTEXTS),
                          extra=[mixed] if flagged else [])

# --- Marks: accents precomposed, decomposed, and stacked. -----------------------------
# Marks of no script of their own (U+0342..U+0345 are Greek, U+0363.. Latin letters).
MARKS = [chr(c) for c in range(0x300, 0x340)]

for term in TERMS:
    for _ in range(8):
        chosen = set(rng.sample(range(len(term)), rng.randint(1, 3)))
        decomposed = "".join(c + rng.choice(MARKS[:0x10]) if i in chosen else c
                             for i, c in enumerate(term))
        term_case("marks", term, unicodedata.normalize("NFC", decomposed), rng.choice(CONTEXTS))
        term_case("marks", term, unicodedata.normalize("NFD", decomposed), rng.choice(CONTEXTS))
        stacked = "".join(c + "".join(rng.sample(MARKS, rng.randint(2, 4))) for c in term)
        term_case("marks", term, stacked, rng.choice(CONTEXTS))

# --- Leetspeak. -----------------------------------------------------------------------
# The symbols the docs list; a symbol that is not a digit stands for a letter only with a
# letter after it, so it never replaces the last letter here.
LEET = {"a": "4@", "e": "3", "i": "1!|", "o": "0", "s": "5$", "t": "7+", "z": "2"}

for term in TERMS:
    made = set()
    for _ in range(40):
        word = rng.choice([term, term.upper(), term.lower(), random_case(term)])
        spots = [i for i, c in enumerate(word) if c.lower() in LEET]
        chosen = set(rng.sample(spots, rng.randint(1, min(3, len(spots)))))
        out = []
        for i, c in enumerate(word):
            if i in chosen:
                options = LEET[c.lower()]
                if i == len(word) - 1:
                    options = "".join(o for o in options if o.isdigit())
                out.append(rng.choice(options) if options else c)
            else:
                out.append(c)
        token = "".join(out)
        if token in made or token == word:
            continue
        made.add(token)
        # `0` reads as `o` without leetspeak too (UTS #39 lists them as look-alikes).
        needs_leet = any(c not in word and c != "0" for c in token)
        term_case("leet", term, token, rng.choice(CONTEXTS), leet=needs_leet)

# --- Repeated letters collapse; `rn` reads as `m`. -------------------------------------
for term in TERMS:
    for _ in range(12):
        # Not the first letter: `AAzure` is `A` and `Azure` by the camelCase rule, and
        # the term is the second word.
        chosen = rng.sample(range(1, len(term)), rng.randint(1, 2))
        token = "".join(c * (rng.randint(2, 4) if i in chosen else 1) for i, c in enumerate(term))
        term_case("repeats", term, token, rng.choice(CONTEXTS))
for token in ["rnicrosoft", "Rnicrosoft", "RNICROSOFT", "rn icrosoft", "r n i c r o s o f t"]:
    term_case("rn", "Microsoft", token, rng.choice(CONTEXTS))

# --- Disguises combined. --------------------------------------------------------------
full = STYLES.get("FULLWIDTH LATIN CAPITAL LETTER", {})
full.update(STYLES.get("FULLWIDTH LATIN SMALL LETTER", {}))
for term in TERMS:
    for sep in [" ", "-", ".", "_"]:
        term_case("combined", term, split_with(styled(term, full), sep, {2}), rng.choice(CONTEXTS))
        doubled = "".join(c * 2 if i == 1 else c for i, c in enumerate(term))
        term_case("combined", term, split_with(random_case(doubled), sep, {3}), rng.choice(CONTEXTS))
    for style in ["MATHEMATICAL BOLD CAPITAL", "CIRCLED LATIN SMALL LETTER", "MATHEMATICAL FRAKTUR SMALL"]:
        if style in STYLES:
            parts = [styled(term[:2], STYLES[style]), "\u200b", styled(term[2:], STYLES[style])]
            invisible_case(term, parts, rng.choice(CONTEXTS))

# --- Typo-squats: one edit from a term, as a word or as two words. ---------------------
# Not generated: edits that make a look-alike (`l` for `i`, `rn` for `m`, a digit), that
# double a neighbour (doubled letters collapse), or that make an exception ("Azur",
# "Azura": anything starting "azur" is left out).
CONFUSABLE = {"i": "l1j", "l": "i1", "o": "0q", "m": "n", "n": "m", "u": "v", "v": "uw", "w": "v",
              "c": "e", "e": "c"}

def skeleton(text):
    """The skeleton of plain ASCII letters: lowercase, `m` as `rn`."""
    return text.lower().replace("m", "rn")

def edits(word):
    """Words one edit from `word` in the skeleton too (an edit of `m`, which reads as
    `rn`, is two), with no doubled letter, no look-alike swap, and no exception."""
    w = word.lower()
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = set()
    for i in range(len(w)):
        out.add(w[:i] + w[i + 1:])
        for c in letters:
            if c != w[i] and c not in CONFUSABLE.get(w[i], ""):
                out.add(w[:i] + c + w[i + 1:])
    for i in range(len(w) + 1):
        for c in letters:
            out.add(w[:i] + c + w[i:])
    for i in range(len(w) - 1):
        if w[i] != w[i + 1]:
            out.add(w[:i] + w[i + 1] + w[i] + w[i + 2:])
    good = []
    for e in sorted(out):
        k = skeleton(e)
        if w in e or any(a == b for a, b in zip(k, k[1:])):
            continue
        if "rn" in e or "vv" in e or "cl" in e or e.startswith("azur"):
            continue
        if distance(skeleton(e), skeleton(w)) != 1:
            continue
        good.append(e)
    return good

def only_run_near(name, run_words, term):
    """Whether, of the runs of one to three words of `name`, only the one of words
    `run_words` (a range of word indexes) is one edit from `term`, and the name does not
    hold the term across its separators."""
    words = name.split()
    if skeleton(term) in skeleton("".join(words)):
        return False
    for i in range(len(words)):
        for j in range(i + 1, min(i + 3, len(words)) + 1):
            near = distance(skeleton("".join(words[i:j])), skeleton(term)) <= 1
            if near != (range(i, j) == run_words):
                return False
    return True

for term in TERMS:
    candidates = edits(term)
    made = 0
    for e in rng.sample(candidates, len(candidates)):
        if made == 70:
            break
        token = e.capitalize() if rng.random() < 0.7 else e
        context = rng.choice(CONTEXTS)
        name, at = place(token, context)
        index = len(context[:context.index("{}")].split())
        if not only_run_near(name, range(index, index + 1), term):
            continue
        s, t = span(name, at, token)
        add("review", name, [f"{TERMS[term]}~typo@{s}..{t}"], "typo")
        made += 1
    made = 0
    for e in rng.sample(candidates, len(candidates)):
        if made == 20:
            break
        cut = rng.randrange(2, len(e) - 1)
        token = e[:cut].capitalize() + " " + e[cut:].capitalize()
        context = rng.choice(["{}", "{} Partners", "Contoso {}"])
        name, at = place(token, context)
        index = len(context[:context.index("{}")].split())
        if not only_run_near(name, range(index, index + 2), term):
            continue
        s, t = span(name, at, token)
        add("review", name, [f"{TERMS[term]}~typo@{s}..{t}"], "typo")
        made += 1

# --- Innocent words: no term and no typo-squat can be read in them. ------------------
def skeleton_letters(text):
    """The letters any reading of `text` may have: marks stripped, `m` as `rn`, and `i`, `l`
    and `I` alike (UTS #39 lists them as look-alikes). None when a character is not a plain
    Latin letter or a space."""
    letters = set()
    for c in unicodedata.normalize("NFD", text):
        if unicodedata.category(c) == "Mn" or c == " ":
            continue
        if not ("a" <= c.lower() <= "z"):
            return None
        c = c.lower()
        letters |= {"r", "n"} if c == "m" else {"i", "l"} if c in "il" else {c}
    return letters

TERM_LETTERS = {t: skeleton_letters(t) for t in TERMS}

def missing(letters):
    return min(len(t - letters) for t in TERM_LETTERS.values())

def load_words():
    words = set()
    for name in WORDLISTS:
        path = os.path.join("/usr/share/dict", name)
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                w = unicodedata.normalize("NFC", line.strip())
                if 3 <= len(w) <= 14 and "'" not in w and skeleton_letters(w) is not None:
                    words.add(w)
    return sorted(words)

def innocents(words):
    near = [w for w in words if missing(skeleton_letters(w)) == 2]
    far = [w for w in words if missing(skeleton_letters(w)) > 2]
    picked = rng.sample(near, 500) + rng.sample(far, 150)
    names = []
    for w in picked:
        if rng.random() < 0.3:
            # Two or three words: the whole name must still lack two letters of each term.
            for _ in range(20):
                more = [w] + rng.sample(near + far, rng.randint(1, 2))
                n = " ".join(x.capitalize() for x in more)
                if missing(skeleton_letters(n)) >= 2:
                    names.append(n)
                    break
        else:
            names.append(w.capitalize() if rng.random() < 0.8 else w)
    return names

def render():
    lines = [
        "# Generated by tools/gen-conformance.py: do not edit; rerun it. The format is in",
        "# tests/data/conformance/README.md.",
        "policy marketplace",
    ]
    family = None
    for fam, verdict, name, violations in cases:
        if fam != family:
            lines += ["", f"# {fam}"]
            family = fam
        lines.append(" ".join([f"{verdict:<6}", json.dumps(name, ensure_ascii=False)] + violations))
    return "\n".join(lines) + "\n"

def main():
    words = load_words()
    if words is None:
        if "--check" in sys.argv:
            print("gen-conformance: Debian word lists missing; not checked")
            return 0
        sys.exit("gen-conformance: install the word lists: apt-get install " +
                 " ".join("w" + n.split("-")[0] for n in WORDLISTS))
    seen = set()
    for n in innocents(words):
        if n.lower() not in seen:
            seen.add(n.lower())
            add("allow", n, [], "innocent words")
    text = render()
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{OUT} is stale: rerun tools/gen-conformance.py")
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{len(cases)} cases -> {os.path.relpath(OUT, ROOT)}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
