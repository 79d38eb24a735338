//! Structural rules: the shape of the name itself, judged on the original text.

use std::ops::{ControlFlow, Range};

use unicode_script::Script;
use unicode_security::mixed_script::AugmentedScriptSet;

use super::emoji;
use crate::normalize::{bmp_index, kind_in};
use crate::rule::{Level, Severity};
use crate::tables::{self, Kind};

/// Structural rules: length, forbidden and invisible characters, whitespace, letters,
/// and scripts. Each rule is [`Level::Off`] or has a severity.
///
/// [`Structure::none`] turns every rule off (the builder's default);
/// [`Structure::recommended`] is what [`Policy::marketplace`](crate::Policy::marketplace)
/// uses.
///
/// ```
/// use name_policy::{Policy, Severity, Structure, Verdict};
///
/// let policy = Policy::builder()
///     .structure(Structure::recommended().length(3, 40))
///     .build()?;
/// assert_eq!(policy.check("ab").verdict(), Verdict::Deny);
/// assert_eq!(policy.check("Contoso  Labs").verdict(), Verdict::Review); // two spaces
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Structure {
    min_chars: usize,
    max_chars: usize,
    length: Level,
    forbidden: Level,
    whitespace: Level,
    letter: Level,
    invisible: Level,
    mixed_scripts: Level,
}

impl Default for Structure {
    fn default() -> Self {
        Structure::none()
    }
}

impl Structure {
    /// Every structural rule off.
    pub fn none() -> Structure {
        Structure {
            min_chars: 0,
            max_chars: usize::MAX,
            length: Level::Off,
            forbidden: Level::Off,
            whitespace: Level::Off,
            letter: Level::Off,
            invisible: Level::Off,
            mixed_scripts: Level::Off,
        }
    }

    /// The marketplace values: 2 to 128 characters (deny); control, unassigned,
    /// private-use and noncharacter code points, bidi embeddings, overrides and isolates,
    /// tag characters and line or paragraph separators (deny); at least one letter (deny);
    /// leading, trailing or repeated whitespace (review); invisible characters (review);
    /// words that mix scripts with look-alikes, such as Latin with Cyrillic (review).
    pub fn recommended() -> Structure {
        Structure {
            min_chars: 2,
            max_chars: 128,
            length: Level::Deny,
            forbidden: Level::Deny,
            whitespace: Level::Review,
            letter: Level::Deny,
            invisible: Level::Review,
            mixed_scripts: Level::Review,
        }
    }

    /// Names must have `min` to `max` characters (Unicode scalar values); deny otherwise
    /// (or as [`length_level`](Structure::length_level) says, when it is on).
    #[must_use]
    pub fn length(mut self, min: usize, max: usize) -> Structure {
        self.min_chars = min;
        self.max_chars = max;
        if self.length == Level::Off {
            self.length = Level::Deny;
        }
        self
    }

    /// The level of the length rule.
    #[must_use]
    pub fn length_level(mut self, level: Level) -> Structure {
        self.length = level;
        self
    }

    /// The level for characters that never belong in a name: controls, unassigned,
    /// private-use and noncharacter code points, bidi embeddings, overrides and isolates,
    /// tag characters, line and paragraph separators.
    #[must_use]
    pub fn forbidden_characters(mut self, level: Level) -> Structure {
        self.forbidden = level;
        self
    }

    /// The level for leading or trailing whitespace and runs of whitespace.
    #[must_use]
    pub fn whitespace(mut self, level: Level) -> Structure {
        self.whitespace = level;
        self
    }

    /// The level for a name without any letter.
    #[must_use]
    pub fn require_letter(mut self, level: Level) -> Structure {
        self.letter = level;
        self
    }

    /// The level for invisible characters (zero-width characters, bidi marks, variation
    /// selectors and other default-ignorable code points), except joiners between
    /// letters of scripts that need them and variation selectors after symbols.
    #[must_use]
    pub fn invisible_characters(mut self, level: Level) -> Structure {
        self.invisible = level;
        self
    }

    /// The level for a word that mixes scripts in a way UTS #39 calls only minimally
    /// restrictive (Latin with Cyrillic or Greek, or three scripts) and that holds a
    /// character confusable across scripts.
    #[must_use]
    pub fn mixed_scripts(mut self, level: Level) -> Structure {
        self.mixed_scripts = level;
        self
    }

    /// The fewest characters a name may have.
    pub fn min_length(&self) -> usize {
        self.min_chars
    }

    /// The most characters a name may have.
    pub fn max_length(&self) -> usize {
        self.max_chars
    }

    /// Whether any rule is on.
    pub(crate) fn is_active(&self) -> bool {
        [
            self.length,
            self.forbidden,
            self.whitespace,
            self.letter,
            self.invisible,
            self.mixed_scripts,
        ]
        .iter()
        .any(|l| l.is_on())
    }

    /// Whether the length limits are inverted.
    pub(crate) fn limits_inverted(&self) -> bool {
        self.length.is_on() && self.min_chars > self.max_chars
    }

    /// A quick check of the ASCII `name` whose bytes' [`ascii_shape`] bits are `shape`
    /// (or'ed together): true when no structural rule can fire on it, false when
    /// [`scan`](Structure::scan) must look. It answers from the rules' own terms: no
    /// forbidden (control) byte, no whitespace but single spaces between other bytes
    /// (which the whitespace rule never judges), a letter where one is required, and a
    /// length within the limits (an ASCII name has a character per byte, all visible).
    #[inline]
    pub(crate) fn quick_check_ascii(&self, name: &[u8], shape: u8) -> bool {
        let single_spaces = || {
            name.first() != Some(&b' ')
                && name.last() != Some(&b' ')
                && !name.windows(2).any(|w| w == b"  ")
        };
        (!self.forbidden.is_on() || shape & SHAPE_CONTROL == 0)
            && (!self.whitespace.is_on()
                || shape & SHAPE_CONTROL == 0 && (shape & SHAPE_SPACE == 0 || single_spaces()))
            && (!self.letter.is_on() || shape & SHAPE_LETTER != 0)
            && (!self.length.is_on() || (self.min_chars..=self.max_chars).contains(&name.len()))
    }

    /// A quick check of any `name`, as [`quick_check_ascii`](Structure::quick_check_ascii)
    /// is of an ASCII one: true when no structural rule can fire on it, false when
    /// [`scan`](Structure::scan) must look. One load per character from [`QUICK_BMP`]
    /// says what the scan would of it; a character that some rule may judge (forbidden,
    /// invisible, whitespace but the ASCII space, or past the Basic Multilingual Plane)
    /// leaves the name to the scan. A word of more than one script group is judged as
    /// the scan judges it.
    pub(crate) fn quick_check_any(&self, name: &str) -> bool {
        if self.length.is_on() && name.len() > self.max_chars {
            return false;
        }
        let table: &[u16] = &QUICK_BMP;
        let mut visible = 0usize;
        let mut seen = 0;
        // A space first is leading whitespace.
        let mut after_space = true;
        let mut word = WordScripts::default();
        for (i, c) in name.char_indices() {
            let Some(&q) = table.get(c as usize) else {
                return false;
            };
            if q & Q_LOOK != 0 || q & Q_SPACE != 0 && after_space {
                return false;
            }
            seen |= q;
            visible += usize::from(q & Q_VISIBLE != 0);
            after_space = q & Q_SPACE != 0;
            if q & Q_WORD != 0 {
                word.push(i, group_of(c, (q & Q_GROUP) as u8));
            } else if word.end(name, i).is_some() {
                return false;
            }
        }
        word.end(name, name.len()).is_none()
            && !after_space
            && (!self.letter.is_on() || seen & Q_LETTER != 0)
            && (!self.length.is_on() || visible >= self.min_chars)
    }

    /// Whether the length rule denies `name` as too long: its terms need not be looked
    /// for, since nothing they could add makes it less than denied.
    pub(crate) fn denies_as_too_long(&self, name: &str) -> bool {
        self.length.severity() == Some(Severity::Deny) && self.is_too_long(name)
    }

    /// Whether `name` has more characters than the length rule allows. A name has no more
    /// characters than bytes: only a long one needs counting, and no further than one
    /// past the limit.
    #[inline]
    fn is_too_long(&self, name: &str) -> bool {
        name.len() > self.max_chars
            && name.chars().take(self.max_chars.saturating_add(1)).count() > self.max_chars
    }

    /// Calls `on_issue` for each structural violation, in order of position.
    pub(crate) fn scan(
        &self,
        name: &str,
        mut on_issue: impl FnMut(Issue, Severity, Range<usize>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        if !self.is_active() {
            return ControlFlow::Continue(());
        }
        if let Some(sev) = self.length.severity() {
            // Cheap, and checked before anything else, so a huge name costs nothing more.
            if self.is_too_long(name) {
                return on_issue(
                    Issue::TooLong {
                        max: self.max_chars,
                    },
                    sev,
                    0..name.len(),
                );
            }
            // Invisible characters and diacritics do not make a name long enough; only
            // whether there are enough matters, so counting stops there.
            let visible = if name.is_ascii() {
                name.len()
            } else {
                name.chars()
                    .filter(|&c| !is_invisible(c) && counts_for_length(c, kind_of(c)))
                    .take(self.min_chars)
                    .count()
            };
            if visible < self.min_chars {
                on_issue(
                    Issue::TooShort {
                        chars: visible,
                        min: self.min_chars,
                    },
                    sev,
                    0..name.len(),
                )?;
            }
        }
        if name.is_ascii() {
            // Bytes are characters, and one script.
            let chars = name.bytes().enumerate().map(|(i, b)| (i, char::from(b)));
            self.scan_chars::<true>(name, chars, on_issue)
        } else {
            self.scan_chars::<false>(name, name.char_indices(), on_issue)
        }
    }

    /// The rules past the length check, character by character; `ASCII` when every
    /// character is.
    #[inline(always)]
    fn scan_chars<const ASCII: bool>(
        &self,
        name: &str,
        chars: impl Iterator<Item = (usize, char)>,
        mut on_issue: impl FnMut(Issue, Severity, Range<usize>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        // The rules' severities, once: the loop below runs for every character.
        let whitespace = self.whitespace.severity();
        let forbidden_severity = self.forbidden.severity();
        let invisible = self.invisible.severity();
        let mixed_scripts = if ASCII {
            None
        } else {
            self.mixed_scripts.severity()
        };
        let mut has_letter = false;
        // The whitespace being read: where it starts, and whether it is one character.
        let mut space_run: Option<(usize, bool)> = None;
        let mut prev: Option<char> = None;
        let mut word = WordScripts::default();
        let bmp = bmp_index();
        let groups: &[u8] = &GROUP_BMP;
        // The end of the emoji sequence being read: its joiners, selectors and tags are
        // part of it.
        let mut emoji_end = 0;
        let mut chars = chars.peekable();
        while let Some((i, c)) = chars.next() {
            let end = i + c.len_utf8();
            let facts = if ASCII {
                ascii_facts(c as u8)
            } else {
                facts(bmp, c)
            };
            if !ASCII
                && i >= emoji_end
                && emoji::may_continue_at(name, end)
                && emoji::may_start(c, facts.kind)
            {
                emoji_end = i + emoji::sequence_len(&name[i..]);
            }
            let in_emoji = !ASCII && i < emoji_end;
            has_letter = has_letter || facts.letter(c);
            if facts.space {
                match &mut space_run {
                    None => space_run = Some((i, true)),
                    Some((_, single)) => *single = false,
                }
            } else if let Some((start, single)) = space_run.take() {
                if let Some(sev) = whitespace {
                    if start == 0 {
                        on_issue(Issue::LeadingWhitespace, sev, 0..i)?;
                    } else if !single {
                        // Two or more whitespace characters between words.
                        on_issue(Issue::WhitespaceRun, sev, start..i)?;
                    }
                }
            }
            match (forbidden_kind(c, facts.kind), forbidden_severity, invisible) {
                _ if in_emoji => {}
                (Some(what), Some(sev), _) => on_issue(Issue::Forbidden { c, what }, sev, i..end)?,
                (None, _, Some(sev)) if facts.invisible => {
                    let next = chars.peek().map(|&(_, n)| n);
                    if !invisible_is_legitimate(c, prev, next, name) {
                        on_issue(Issue::Invisible { c }, sev, i..end)?;
                    }
                }
                _ => {}
            }
            if let Some(sev) = mixed_scripts {
                if facts.word {
                    word.push(i, script_group_in(groups, c));
                } else if let Some(span) = word.end(name, i) {
                    on_issue(Issue::MixedScripts, sev, span)?;
                }
            }
            prev = Some(c);
        }
        if let Some(sev) = mixed_scripts {
            if let Some(span) = word.end(name, name.len()) {
                on_issue(Issue::MixedScripts, sev, span)?;
            }
        }
        if let (Some(sev), Some((start, _))) = (whitespace, space_run) {
            let issue = if start == 0 {
                Issue::LeadingWhitespace
            } else {
                Issue::TrailingWhitespace
            };
            on_issue(issue, sev, start..name.len())?;
        }
        if let Some(sev) = self.letter.severity() {
            if !has_letter {
                on_issue(Issue::NoLetter, sev, 0..name.len())?;
            }
        }
        ControlFlow::Continue(())
    }
}

/// [`ascii_shape`] bits: a letter, a space, a control character.
pub(crate) const SHAPE_LETTER: u8 = 1;
pub(crate) const SHAPE_SPACE: u8 = 1 << 1;
pub(crate) const SHAPE_CONTROL: u8 = 1 << 2;

/// What the structural rules look at in an ASCII byte, for [`Structure::quick_check_ascii`].
pub(crate) const fn ascii_shape(b: u8) -> u8 {
    if b.is_ascii_alphabetic() {
        SHAPE_LETTER
    } else if b == b' ' {
        SHAPE_SPACE
    } else if b.is_ascii_control() {
        SHAPE_CONTROL
    } else {
        0
    }
}

/// One structural problem; turned into a message only when a report is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Issue {
    TooShort { chars: usize, min: usize },
    TooLong { max: usize },
    Forbidden { c: char, what: &'static str },
    LeadingWhitespace,
    TrailingWhitespace,
    WhitespaceRun,
    NoLetter,
    Invisible { c: char },
    MixedScripts,
}

/// What kind of forbidden code point `c` (of table kind `kind`) is, if it is one.
#[inline]
fn forbidden_kind(c: char, kind: Kind) -> Option<&'static str> {
    if never_forbidden(c, kind) {
        return None;
    }
    forbidden_kind_by_rules(c, kind)
}

/// Printable ASCII, and letters, digits, marks and separators (but the line and paragraph
/// separators) between the C1 controls and the private-use area are never forbidden:
/// most characters of most names need no further look.
#[inline]
fn never_forbidden(c: char, kind: Kind) -> bool {
    let cp = c as u32;
    (0x20..0x7F).contains(&cp)
        || ((0xA0..0xE000).contains(&cp)
            && !(0x2028..=0x2029).contains(&cp)
            && matches!(
                kind,
                Kind::Letter | Kind::Mapped | Kind::Mark | Kind::Separator
            ))
}

#[inline(never)]
fn forbidden_kind_by_rules(c: char, kind: Kind) -> Option<&'static str> {
    let cp = c as u32;
    Some(match cp {
        _ if c.is_control() => "the control character",
        0x202A..=0x202E | 0x2066..=0x2069 => "the bidi control",
        0xE0000..=0xE007F => "the tag character",
        0x2028 => "the line separator",
        0x2029 => "the paragraph separator",
        0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD => "the private-use character",
        0xFDD0..=0xFDEF => "the noncharacter",
        _ if cp & 0xFFFE == 0xFFFE => "the noncharacter",
        // Unassigned code points are in the table's ignorable kind: only those need the
        // unassigned list.
        _ if kind == Kind::Ignorable && is_unassigned(cp) => "the unassigned code point",
        _ => return None,
    })
}

/// Whether code point `cp` is unassigned (from the generated table).
pub(crate) fn is_unassigned(cp: u32) -> bool {
    let at = tables::UNASSIGNED.partition_point(|&(lo, _)| lo <= cp);
    at > 0 && cp <= tables::UNASSIGNED[at - 1].1
}

/// The generated table's kind of `c` (letter, mapped letter, separator, ignorable, mark).
fn kind_of(c: char) -> Kind {
    kind_in(bmp_index(), c)
}

/// Default-ignorable code points: invisible in text.
fn is_invisible(c: char) -> bool {
    !c.is_ascii() && kind_of(c) == Kind::Ignorable
}

/// Joiners between letters of scripts that use them (Persian, Indic), bidi marks in names
/// written right to left, and variation selectors after symbols (emoji presentation) are
/// part of ordinary text.
fn invisible_is_legitimate(c: char, prev: Option<char>, next: Option<char>, name: &str) -> bool {
    let non_latin_letter = |x: Option<char>| {
        x.is_some_and(|x| x.is_alphanumeric() && !x.is_ascii() && (x as u32) > 0x24F)
            || x.is_some_and(is_mark)
    };
    match c {
        '\u{200C}' | '\u{200D}' => {
            non_latin_letter(prev) && (non_latin_letter(next) || next.is_none())
        }
        '\u{FE0E}' | '\u{FE0F}' => prev.is_some_and(|p| !p.is_alphanumeric() && !p.is_ascii()),
        '\u{200E}' | '\u{200F}' | '\u{061C}' => name.chars().any(is_right_to_left),
        _ => false,
    }
}

/// Letters written right to left (generated from the bidi classes R and AL).
fn is_right_to_left(c: char) -> bool {
    let cp = c as u32;
    let at = tables::RIGHT_TO_LEFT.partition_point(|&(lo, _)| lo <= cp);
    at > 0 && cp <= tables::RIGHT_TO_LEFT[at - 1].1
}

/// Combining marks (a joiner may follow an Indic vowel sign).
fn is_mark(c: char) -> bool {
    kind_of(c) == Kind::Mark
}

/// Whether the visible character `c` (of table kind `kind`) makes a name longer: any
/// but a mark, and a mark that is part of a letter (Unicode's Alphabetic property: the
/// vowel signs of Bengali, Devanagari, Khmer, Myanmar... that write a syllable as one
/// cluster, so `ভা` is as long as `Bo`), never a diacritic on one (`é` is one).
fn counts_for_length(c: char, kind: Kind) -> bool {
    kind != Kind::Mark || c.is_alphabetic()
}

/// Whether a character of table kind `kind` may be whitespace: letters, digits and marks
/// never are (`tests::shortcuts_agree_with_the_tables` checks every code point).
#[inline]
fn may_be_whitespace(kind: Kind) -> bool {
    !matches!(kind, Kind::Letter | Kind::Mapped | Kind::Mark)
}

/// `char::is_alphabetic`, remembered per block of 64 code points of the Basic
/// Multilingual Plane: the standard library's lookup costs hundreds of instructions for
/// some scripts, and names ask about the same few blocks again and again.
fn is_alphabetic(c: char) -> bool {
    use std::sync::atomic::{AtomicU64, Ordering};
    /// Bit `i` of word `w`: whether code point `64 * w + i` is alphabetic, once known.
    static BITS: [AtomicU64; 1024] = [const { AtomicU64::new(0) }; 1024];
    /// Bit `i` of word `w`: whether word `64 * w + i` of `BITS` is known.
    static KNOWN: [AtomicU64; 16] = [const { AtomicU64::new(0) }; 16];
    let cp = c as u32;
    if c.is_ascii() || cp > 0xFFFF {
        return c.is_alphabetic();
    }
    let word = (cp / 64) as usize;
    let known = 1u64 << (word % 64);
    if KNOWN[word / 64].load(Ordering::Acquire) & known == 0 {
        let bits = (0..64u32)
            .filter(|i| char::from_u32(64 * word as u32 + i).is_some_and(char::is_alphabetic))
            .fold(0u64, |m, i| m | 1 << i);
        // Racing threads store the same bits.
        BITS[word].store(bits, Ordering::Relaxed);
        KNOWN[word / 64].fetch_or(known, Ordering::Release);
    }
    BITS[word].load(Ordering::Relaxed) & (1 << (cp % 64)) != 0
}

/// What the structural rules read of one character: one definition for every rule, with
/// a branch for ASCII that needs no table but the kinds of ASCII.
#[derive(Clone, Copy)]
struct Facts {
    kind: Kind,
    /// `char::is_whitespace`.
    space: bool,
    /// A default-ignorable code point (ASCII has none).
    invisible: bool,
    /// Part of a word: a letter, digit or mark.
    word: bool,
}

/// [`facts`] of an ASCII byte.
#[inline(always)]
fn ascii_facts(b: u8) -> Facts {
    Facts {
        kind: tables::ASCII_KIND[usize::from(b & 0x7F)],
        // As `char::is_whitespace` on ASCII.
        space: matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'),
        invisible: false,
        word: b.is_ascii_alphanumeric(),
    }
}

impl Facts {
    /// Whether `c`, with these facts, is a letter (`char::is_alphabetic`, but the
    /// invisible Hangul fillers).
    #[inline]
    fn letter(self, c: char) -> bool {
        !self.invisible && is_alphabetic(c)
    }
}

#[inline(always)]
fn facts(bmp: &[u16], c: char) -> Facts {
    if let Ok(b) = u8::try_from(c) {
        if b.is_ascii() {
            return ascii_facts(b);
        }
    }
    let kind = kind_in(bmp, c);
    Facts {
        kind,
        space: may_be_whitespace(kind) && c.is_whitespace(),
        invisible: kind == Kind::Ignorable,
        word: matches!(kind, Kind::Letter | Kind::Mapped | Kind::Mark),
    }
}

/// Script groups (generated by `tools/gen-tables` from the augmented script sets of UTS
/// #39): neutral characters (Common, Inherited) go with any script, Han, Kana and Hangul
/// have groups that Japanese and Korean combine, a character of several scripts is a group
/// of its own, and every other script is one group.
const NEUTRAL: u32 = tables::GROUP_NEUTRAL as u32;
const HAN: u32 = tables::GROUP_HAN as u32;
const KANA: u32 = tables::GROUP_KANA as u32;
const HANGUL: u32 = tables::GROUP_HANGUL as u32;
/// The group of its own of a character of several scripts: this bit and its code point.
const OWN: u32 = 1 << 31;

/// A cheap stand-in for the script of a word character. Characters of one group always
/// share a script, so a word of one group needs no further look.
fn script_group(c: char) -> u32 {
    script_group_in(&GROUP_BMP, c)
}

/// [`script_group`] with the table of the Basic Multilingual Plane at hand (a loop
/// fetches it once).
#[inline]
fn script_group_in(bmp: &[u8], c: char) -> u32 {
    let cp = c as u32;
    let group = match bmp.get(cp as usize) {
        Some(&group) => group,
        None => tables::SCRIPT_GROUPS[tables::SCRIPT_GROUPS.partition_point(|r| r.0 <= cp) - 1].1,
    };
    group_of(c, group)
}

/// The [`script_group`] of `c`, whose table group is `group`.
#[inline]
fn group_of(c: char, group: u8) -> u32 {
    if group == tables::GROUP_OWN {
        OWN | c as u32
    } else {
        u32::from(group)
    }
}

/// The word being read (a run of letters, digits and marks) for the mixed-scripts rule:
/// where it starts, the script group of its first character that is not neutral, and
/// whether another group follows. One definition for the scan and the quick check.
#[derive(Default)]
struct WordScripts(Option<(usize, u32, bool)>);

impl WordScripts {
    /// A word character of script group `group` at byte `i`.
    #[inline]
    fn push(&mut self, i: usize, group: u32) {
        match &mut self.0 {
            None => self.0 = Some((i, group, false)),
            Some((_, first, more)) => {
                // Neutral characters go with any script.
                if *first == NEUTRAL {
                    *first = group;
                } else if group != NEUTRAL {
                    *more |= group != *first;
                }
            }
        }
    }

    /// Ends the word being read at byte `end` of `name`: its span, if it mixes scripts.
    #[inline]
    fn end(&mut self, name: &str, end: usize) -> Option<Range<usize>> {
        match self.0.take() {
            Some((start, _, true)) if mixes_scripts(&name[start..end]) => Some(start..end),
            _ => None,
        }
    }
}

/// Of an entry of [`QUICK_BMP`]: the script group of a word character.
const Q_GROUP: u16 = 0xFF;
/// A word character (a letter, digit or mark, as [`facts`] says).
const Q_WORD: u16 = 1 << 8;
/// A character the length counts (no mark).
const Q_VISIBLE: u16 = 1 << 9;
/// A letter.
const Q_LETTER: u16 = 1 << 10;
/// The ASCII space.
const Q_SPACE: u16 = 1 << 11;
/// A character some rule may judge: forbidden, invisible, or whitespace but the space.
const Q_LOOK: u16 = 1 << 15;

/// What the structural rules see in each code point of the Basic Multilingual Plane, for
/// [`Structure::quick_check_any`], from [`facts`] and the rules' own functions. Built
/// once, on first use (128 KiB).
static QUICK_BMP: std::sync::LazyLock<Box<[u16]>> = std::sync::LazyLock::new(|| {
    let bmp = bmp_index();
    let quick = |c: char| {
        let f = facts(bmp, c);
        if f.invisible || forbidden_kind(c, f.kind).is_some() || f.space && c != ' ' {
            return Q_LOOK;
        }
        let mut q = if c == ' ' { Q_SPACE } else { 0 };
        if counts_for_length(c, f.kind) {
            q |= Q_VISIBLE;
        }
        if f.letter(c) {
            q |= Q_LETTER;
        }
        if f.word {
            q |= Q_WORD | u16::from(GROUP_BMP[c as usize]);
        }
        q
    };
    (0..0x1_0000)
        .map(|cp| char::from_u32(cp).map_or(Q_LOOK, quick))
        .collect()
});

/// The script group of each code point of the Basic Multilingual Plane, from the
/// generated ranges: one load instead of a search. Built once, on first use (64 KiB).
static GROUP_BMP: std::sync::LazyLock<Box<[u8]>> = std::sync::LazyLock::new(|| {
    let mut table = vec![0u8; 0x1_0000];
    for (i, &(start, group)) in tables::SCRIPT_GROUPS.iter().enumerate() {
        let end = tables::SCRIPT_GROUPS.get(i + 1).map_or(0x1_0000, |r| r.0);
        for slot in table.iter_mut().take(end as usize).skip(start as usize) {
            *slot = group;
        }
    }
    table.into_boxed_slice()
});

/// UTS #39 restriction levels, per word: a word is fine when it is in a single script
/// (counting Han with Kana or Hangul as one, as UTS #39 does), or Latin with Han and
/// Kana, Hangul or Bopomofo, or Latin with one other recommended script that is neither
/// Cyrillic nor Greek. Anything else is flagged when it holds a letter that UTS #39 lists
/// as confusable across scripts.
fn mixes_scripts(word: &str) -> bool {
    !one_script_by_groups(word) && mixes_scripts_by_tables(word)
}

/// Whether the letters of `word` are of one script by [`script_group`] alone: one group,
/// or Han with Kana or with Hangul (Japanese, Korean).
fn one_script_by_groups(word: &str) -> bool {
    let mut groups = [None; 2];
    for g in word.chars().map(script_group).filter(|&g| g != NEUTRAL) {
        match groups {
            [Some(a), _] if a == g => {}
            [_, Some(b)] if b == g => {}
            [None, _] => groups[0] = Some(g),
            [_, None] => groups[1] = Some(g),
            _ => return false,
        }
    }
    match groups {
        [Some(a), Some(b)] => matches!((a.min(b), a.max(b)), (HAN, KANA) | (HAN, HANGUL)),
        _ => true,
    }
}

/// [`mixes_scripts`] by the script tables of every letter.
fn mixes_scripts_by_tables(word: &str) -> bool {
    let mut all = AugmentedScriptSet::default();
    let mut not_latin = AugmentedScriptSet::default();
    let mut confusable = false;
    for c in word.chars() {
        let set = AugmentedScriptSet::for_char(c);
        all.intersect_with(set);
        if !set.base.contains_script(Script::Latin) {
            not_latin.intersect_with(set);
        }
        confusable |= unicode_security::is_potential_mixed_script_confusable_char(c);
    }
    if !all.is_empty() || !confusable {
        return false;
    }
    if not_latin.kore || not_latin.hanb || not_latin.jpan {
        return false;
    }
    if not_latin.base.len() == 1 {
        if let Some(script) = not_latin.base.iter().next() {
            if script.is_recommended() && script != Script::Cyrillic && script != Script::Greek {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::range_index_in;

    #[test]
    fn mixed_scripts_follow_restriction_levels() {
        assert!(mixes_scripts("Аpps")); // Cyrillic А with Latin
        assert!(mixes_scripts("Μicrοsοft")); // Greek with Latin
        assert!(!mixes_scripts("Ромашка"));
        assert!(!mixes_scripts("Ελληνική"));
        assert!(!mixes_scripts("Sony株式会社")); // Latin + Han: highly restrictive
        assert!(!mixes_scripts("apps"));
    }

    /// The group shortcut never clears a word that the script tables would flag, on words
    /// drawn from letters of many scripts, and the forbidden-character shortcut agrees with
    /// the full rules on every code point below the private-use area.
    #[test]
    fn shortcuts_agree_with_the_tables() {
        let pool: Vec<char> =
            "aéßАаяΑαοϢϣԱաبپ株式会社山田トヨタカナひらがな한국어기업0١٢αβअकখ가ーー々ㄱ"
                .chars()
                .chain(['\u{301}', '\u{3099}', 'Ω', 'ℓ', 'ｍ', 'Ａ', '㈱'])
                .collect();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut checked = 0;
        for _ in 0..200_000 {
            let len = 1 + next() % 5;
            let word: String = (0..len)
                .map(|_| pool[(next() % pool.len() as u64) as usize])
                .collect();
            if one_script_by_groups(&word) {
                checked += 1;
                assert!(!mixes_scripts_by_tables(&word), "{word:?}");
            }
        }
        assert!(checked > 10_000, "{checked}");
        let mut never = 0;
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let kind = kind_of(c);
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert!(may_be_whitespace(kind) || !c.is_whitespace(), "{c:?}");
            if never_forbidden(c, kind) {
                never += 1;
                assert_eq!(forbidden_kind_by_rules(c, kind), None, "{c:?}");
            }
        }
        assert!(never > 10_000, "{never}");
    }

    /// Whether the scan finds an issue in `name`.
    #[cfg(feature = "proptest")]
    fn scan_flags(structure: &Structure, name: &str) -> bool {
        structure
            .scan(name, |_, _, _| ControlFlow::Break(()))
            .is_break()
    }

    /// Whether the ASCII quick check says clean where the scan finds an issue.
    #[cfg(feature = "proptest")]
    fn quick_check_is_wrong(structure: &Structure, name: &str) -> bool {
        let shape = name.bytes().fold(0, |m, b| m | ascii_shape(b));
        structure.quick_check_ascii(name.as_bytes(), shape) && scan_flags(structure, name)
    }

    #[cfg(feature = "proptest")]
    fn structures() -> [Structure; 3] {
        [
            Structure::recommended(),
            Structure::recommended().length(3, 12),
            Structure::none().whitespace(Level::Deny),
        ]
    }

    #[test]
    fn quick_check_clears_single_spaces_and_nothing_else() {
        let s = Structure::recommended();
        let check = |name: &str| {
            let shape = name.bytes().fold(0, |m, b| m | ascii_shape(b));
            s.quick_check_ascii(name.as_bytes(), shape)
        };
        assert!(check("Contoso Labs"));
        assert!(check("A B C"));
        for name in [
            " Contoso",
            "Contoso ",
            "Contoso  Labs",
            "Contoso\tLabs",
            "1",
            "12 34",
            " ",
        ] {
            assert!(!check(name), "{name:?}");
        }
    }

    /// Whether [`Structure::quick_check_any`] says clean where the scan finds an issue.
    #[cfg(feature = "proptest")]
    fn quick_check_any_is_wrong(structure: &Structure, name: &str) -> bool {
        structure.quick_check_any(name) && scan_flags(structure, name)
    }

    #[test]
    fn quick_check_of_any_name_clears_plain_names_of_every_script() {
        let s = Structure::recommended();
        for name in [
            "株式会社山田",
            "ООО Ромашка",
            "Café Paris",
            "マイクロソフト パートナーズ",
            "한국 상사",
            "शर्मा एंड संस",
            "Contoso Labs",
        ] {
            assert!(s.quick_check_any(name), "{name:?}");
        }
        // Each of these the scan must judge (most it flags).
        for name in [
            " 株式会社",
            "株式会社 ",
            "株式  会社",
            "Аzure",
            "a\u{200B}b",
            "株式\u{3000}会社",
            "x",
            "a\u{301}\u{301}",
            "1234",
            "😀 Labs",
            "a\u{202E}b",
        ] {
            assert!(!s.quick_check_any(name), "{name:?}");
        }
    }

    #[cfg(feature = "proptest")]
    proptest::proptest! {
        #[test]
        fn quick_check_never_clears_what_the_scan_flags(name in "[a-c1 \t\x01.]{0,14}") {
            for structure in structures() {
                proptest::prop_assert!(!quick_check_is_wrong(&structure, &name), "{:?}", name);
                proptest::prop_assert!(!quick_check_any_is_wrong(&structure, &name), "{:?}", name);
            }
        }

        #[test]
        fn quick_check_of_any_name_never_clears_what_the_scan_flags(
            name in "[a-cаеоαー微软ソフト山1 .\t\u{a0}\u{3000}\u{301}\u{94d}\u{200b}\u{200d}\u{fe0f}\u{202e}\u{e000}\u{fdd0}\u{1f600}\u{1d5ba}é्क]{0,12}"
        ) {
            for structure in structures() {
                proptest::prop_assert!(!quick_check_any_is_wrong(&structure, &name), "{:?}", name);
            }
        }
    }

    /// The ASCII branch of [`facts`] says what the general one would, but for word
    /// characters (only letters and digits: ASCII symbols that read as letters are not
    /// part of a word) and invisibles (ASCII has none).
    #[test]
    fn ascii_facts_agree_with_the_tables() {
        for c in (0..0x80u8).map(char::from) {
            let f = facts(bmp_index(), c);
            assert_eq!(
                f.kind,
                tables::RANGES[range_index_in(bmp_index(), c as u32)].1,
                "{c:?}"
            );
            assert_eq!(f.space, c.is_whitespace(), "{c:?}");
            assert_eq!(f.word, c.is_ascii_alphanumeric(), "{c:?}");
            assert_eq!(f.letter(c), c.is_alphabetic(), "{c:?}");
            assert!(!f.invisible);
        }
    }

    /// Every group of [`script_group`] holds word characters of one script: the script
    /// sets of all of them intersect, and neutral characters go with any script. (The
    /// chunk table and the ranges agree on every code point.)
    #[test]
    fn script_groups_are_one_script_each() {
        let mut groups: std::collections::BTreeMap<u32, AugmentedScriptSet> = Default::default();
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let cp = c as u32;
            let by_ranges =
                tables::SCRIPT_GROUPS[tables::SCRIPT_GROUPS.partition_point(|r| r.0 <= cp) - 1].1;
            assert!(
                GROUP_BMP.get(cp as usize).is_none_or(|&g| g == by_ranges),
                "{c:?}"
            );
            let expected = if by_ranges == tables::GROUP_OWN {
                OWN | cp
            } else {
                u32::from(by_ranges)
            };
            assert_eq!(script_group(c), expected, "{c:?}");
            if !facts(bmp_index(), c).word {
                continue;
            }
            let set = AugmentedScriptSet::for_char(c);
            if script_group(c) == NEUTRAL {
                assert!(set.is_all(), "{c:?}");
                continue;
            }
            let set = AugmentedScriptSet::for_char(c);
            groups
                .entry(script_group(c))
                .and_modify(|all| all.intersect_with(set))
                .or_insert(set);
        }
        let mixed: Vec<String> = groups
            .iter()
            .filter(|(_, all)| all.is_empty())
            .map(|(g, _)| format!("{g:#x}"))
            .collect();
        assert!(mixed.is_empty(), "groups of several scripts: {mixed:?}");
        // Han with Kana, and Han with Hangul, are one script too (Japanese, Korean).
        for other in [KANA, HANGUL] {
            let mut pair = groups[&HAN];
            pair.intersect_with(groups[&other]);
            assert!(!pair.is_empty(), "{other:#x}");
        }
    }

    #[test]
    fn forbidden_kinds() {
        assert_eq!(
            forbidden_kind('\u{202E}', kind_of('\u{202E}')),
            Some("the bidi control")
        );
        assert_eq!(
            forbidden_kind('\u{E0041}', kind_of('\u{E0041}')),
            Some("the tag character")
        );
        assert_eq!(
            forbidden_kind('\u{0378}', kind_of('\u{0378}')),
            Some("the unassigned code point")
        );
        assert_eq!(
            forbidden_kind('\u{FFFF}', kind_of('\u{FFFF}')),
            Some("the noncharacter")
        );
        assert_eq!(
            forbidden_kind('\u{E123}', kind_of('\u{E123}')),
            Some("the private-use character")
        );
        assert_eq!(
            forbidden_kind('\u{0007}', kind_of('\u{0007}')),
            Some("the control character")
        );
        assert_eq!(forbidden_kind('a', kind_of('a')), None);
        assert_eq!(forbidden_kind('\u{200B}', kind_of('\u{200B}')), None);
    }
}
