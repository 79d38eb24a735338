//! Stage 1 of the pipeline: read a name into its matching skeleton.
//!
//! The skeleton is what the matcher sees. Every evasion a person can type lands on the same
//! skeleton as the plain word, while every skeleton byte remembers the bytes of the original
//! name it came from:
//!
//! - each code point is looked up in generated tables ([`crate::UNICODE_VERSION`]) that
//!   compose UTS #39 confusable prototypes, compatibility decomposition (NFKD), removal of
//!   combining marks and full case folding, to a fixed point: `Ａ`, `𝐀`, `Ⓐ`, Cyrillic `А`
//!   and `á` all become `a`;
//! - default-ignorable code points (zero-width characters, bidi controls, variation
//!   selectors, tag characters) and combining marks vanish without a trace;
//! - separators (spaces, punctuation, symbols) vanish too, but leave a word boundary, as do
//!   camelCase transitions (`ContosoAzure` has two words);
//! - a letter repeated within a word collapses to one (`Azzzure`);
//! - optionally, leetspeak digits and symbols become the letters they stand for (`M1cr0$oft`).
//!
//! Because UTS #39 says `I` looks like `l` while case folding says it is `i`, the skeleton
//! merges `i` and `l` into one symbol, `i`; for the same reason `0` is `o` and `m` is `rn`.
//! The skeleton is a matching key, not a display form.
//!
//! # One reader, many sinks, several readings
//!
//! The rules above are written once, in the reader (`reader.rs`), a state machine stepped
//! one character at a time that pushes skeleton symbols, with the original bytes each came from and the
//! word boundary before it, into a `Sink`. The sinks are what differ: the [`Skeleton`]
//! records spans for `check`'s reports, a stack buffer records bytes and flags for
//! `is_allowed`, and the prefilter's sink steps the pattern automaton and screens
//! typo-squats as the symbols arrive. The reader is generic over its sink, so each of them
//! gets a reader compiled for it.
//!
//! A character that stands for more than one thing (`6` is `b` or `g`, `$` is `s` or a
//! separator, `ph` is `f` or `p` and `h`) is a *choice point* (`readings.rs`): the reader
//! asks which alternative to take, and a reading is the sequence of picks. The matcher's
//! search steps every reading at once, merging readings that reach the same state, and
//! a term found in any reading counts; it judges each term on the window of the reading
//! that holds it, and hands the pipeline that reading's picks, so that the reader
//! replays exactly that reading into a skeleton to explain it.
//! [`Skeleton`] is the first reading, which takes the first alternative everywhere.

mod reader;
pub(crate) mod readings;
mod skeleton;

pub(crate) use reader::{
    bmp_index, camel_starts, has_transliteration, is_digit_read_as_letter, kind_in, latin_letters,
    pair_after, range_index_in, reads_as_nothing, second_reading, symbol_len, symbols,
    transliterated_range, transliteration, Case, Class, How, Info, Sink, Stream, Symbol,
};
pub(crate) use readings::{each_tape, Choices};
pub use skeleton::Skeleton;
pub(crate) use skeleton::{Block, StackSkeleton, View, Words};

/// Options for turning names into skeletons.
///
/// A [`Policy`](crate::Policy) carries one and applies it to names and terms alike, so that
/// both sides of every comparison are normalized the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Normalizer {
    leet: bool,
    /// Off only in tests, to hold the ASCII tables to the general ones.
    ascii_fast_path: bool,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

impl Normalizer {
    /// A normalizer with leetspeak decoding enabled.
    pub const fn new() -> Normalizer {
        Normalizer {
            leet: true,
            ascii_fast_path: true,
        }
    }

    /// Turns leetspeak decoding on or off.
    ///
    /// When on, digits and symbols that people type for letters become those letters:
    /// `3`→e, `4`/`@`→a, `5`/`$`→s, `7`/`+`→t, `!`/`|`→i, `8`→b, `2`→z, and the same for
    /// their fullwidth and other compatibility forms. `6` may be `b` or `g`, and `9` may be
    /// `g` or `q`: the name is read both ways. A digit or symbol with one letter is also
    /// read as what it is, a separator between words: `Micr0s0f+` reads as `microsoft`,
    /// and `Az#ure` as `az ure`, in two readings (the first reads a symbol as its letter
    /// only when a letter follows it, so that `Yahoo!` is `yahoo`). `0`→o and `1`→l hold
    /// even without leetspeak, because UTS #39 lists them as look-alikes.
    #[must_use]
    pub const fn leet(mut self, yes: bool) -> Normalizer {
        self.leet = yes;
        self
    }

    /// Whether leetspeak decoding is on.
    pub const fn is_leet(&self) -> bool {
        self.leet
    }

    /// Every byte through the general table lookup, to test that both paths agree.
    #[cfg(any(test, fuzzing))]
    #[doc(hidden)]
    #[must_use]
    pub const fn without_ascii_fast_path(mut self) -> Normalizer {
        self.ascii_fast_path = false;
        self
    }

    /// Normalizes `name` into a [`Skeleton`]: its first reading, when characters such as
    /// `6` (`b` or `g`) give it several.
    ///
    /// ```
    /// use name_policy::Normalizer;
    ///
    /// let sk = Normalizer::new().normalize("Ｍｉｃｒｏ-$oft");
    /// assert_eq!(sk.as_str(), "rnicrosoft");
    /// // The first skeleton byte came from the fullwidth `Ｍ`, bytes 0..3 of the name.
    /// assert_eq!(sk.source_span(0..1), 0..3);
    /// ```
    pub fn normalize(&self, name: &str) -> Skeleton {
        self.reading(name, &mut Choices::first())
    }

    /// Distinct readings of `name`, first the one [`normalize`](Normalizer::normalize)
    /// gives, at most `limit` of them. A character that stands for two letters (`9`: `g`
    /// or `q`) gives a name a reading with each, and, beside a letter, one where it only
    /// separates words; a run that draws a letter (`ph`, `|\/|`) is read both as the
    /// letter and character by character. A name without such characters has one
    /// reading.
    ///
    /// The readings of a name multiply with its choice points, so this lists them for a
    /// person to look at, up to `limit`; a [`Policy`](crate::Policy) never lists them. It
    /// finds a term in any reading by stepping all of them at once, with no limit.
    ///
    /// ```
    /// use name_policy::Normalizer;
    ///
    /// let readings: Vec<String> = Normalizer::new()
    ///     .readings("9ood", 10)
    ///     .iter()
    ///     .map(|r| r.as_str().to_owned())
    ///     .collect();
    /// assert_eq!(readings, ["god", "qod", "od"]);
    /// ```
    pub fn readings(&self, name: &str, limit: usize) -> Vec<Skeleton> {
        let mut out: Vec<Skeleton> = Vec::new();
        let _ = each_tape(|tape| {
            if out.len() >= limit {
                return std::ops::ControlFlow::Break(());
            }
            let mut choices = Choices::replay(u64::MAX, tape);
            let reading = self.reading(name, &mut choices);
            if !out.iter().any(|r| r.as_str() == reading.as_str()) {
                out.push(reading);
            }
            std::ops::ControlFlow::Continue(choices.met())
        });
        out
    }

    /// The reading of `name` that `choices` picks.
    pub(crate) fn reading(&self, name: &str, choices: &mut Choices) -> Skeleton {
        // Most names keep about their length; reserving it avoids regrowing three vectors.
        let mut sk = Skeleton::with_capacity(name.len() + 4);
        self.read(name, choices, &mut sk);
        sk
    }
}

/// Normalizes `name` with the default [`Normalizer`] (leetspeak on).
///
/// ```
/// let sk = name_policy::normalize("A z u r e");
/// assert_eq!(sk.as_str(), "azure");
/// assert_eq!(sk.source_span(0..5), 0..9);
/// ```
pub fn normalize(name: &str) -> Skeleton {
    Normalizer::new().normalize(name)
}

/// A word boundary: a separator (hard) or a camelCase transition (soft).
///
/// Substring matches judge only hard boundaries, so that changing the case of a name
/// never changes whether a term is found in it; word-scoped matches and typo-squat words
/// use both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub(crate) enum Boundary {
    #[default]
    None,
    Soft,
    Hard,
}

/// Per-byte flags of a skeleton. Position `len` (just past the end) has flags too.
pub(crate) const START: u8 = 1; // a word starts here
pub(crate) const END: u8 = 1 << 1; // a word ends just before here
pub(crate) const HARD_START: u8 = 1 << 2; // ... after a separator
pub(crate) const HARD_END: u8 = 1 << 3; // ... before a separator
pub(crate) const SHARED: u8 = 1 << 4; // the symbol here is shared by two words
pub(crate) const MODIFIED: u8 = 1 << 5; // the symbol here is not what was written
pub(crate) const REPEATED: u8 = 1 << 6; // the symbol here stands for a repeat of it
pub(crate) const TURNED: u8 = 1 << 7; // the symbol here is a letter turned upside down

/// The flags a boundary sets where the symbol after it starts, and where the word before
/// it ends.
pub(crate) fn boundary_flags(boundary: Boundary) -> (u8, u8) {
    match boundary {
        Boundary::None => (0, 0),
        Boundary::Soft => (START, END),
        Boundary::Hard => (START | HARD_START, END | HARD_END),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_letters_are_their_own_skeleton() {
        let sk = normalize("株式会社");
        assert_eq!(sk.as_str(), "株式会社");
        assert_eq!(sk.source_span(3..6), 3..6);
    }

    #[test]
    fn words_split_on_separators_and_camel_case() {
        let sk = normalize("XMLParser my-App");
        let words: Vec<&str> = sk.words().map(|r| &sk.as_str()[r]).collect();
        assert_eq!(words, ["xrni", "parser", "rny", "ap"]);
    }

    /// The lettered reading reads every symbol that stands for a letter as it, where the
    /// first reading reads one as a letter only before a letter; the decoded letters are
    /// marked, a word of them alone, and a letter spelt out twice is one symbol that the
    /// later word starts with.
    #[test]
    fn the_lettered_reading_reads_every_symbol_as_its_letter() {
        let normalizer = Normalizer::new();
        let read = |name: &str, choices: &mut Choices| normalizer.reading(name, choices);
        let first = read("Micosof+ 4 U", &mut Choices::first());
        assert_eq!(first.as_str(), "rnicosofau", "a digit alone is its letter");
        let lettered = read("Micosof+ 4 U", &mut Choices::lettered(u64::MAX));
        assert_eq!(lettered.as_str(), "rnicosoftau");
        let view = lettered.view();
        assert_eq!(view.decoded(0..9), Some(1 << 8), "the `t` of `+`");
        assert!(!view.any_word_in(0..9, 1 << 8));
        assert!(
            view.any_word_in(0..10, view.decoded(0..10).unwrap()),
            "the `a` of `4`"
        );
        // Spelt out: each letter one word, the doubled `o` one symbol.
        let spelt = read("M.i.c.r.o.o.s.f.t", &mut Choices::first());
        assert_eq!(spelt.as_str(), "rnicrosft");
        let words: Vec<_> = spelt.words().collect();
        let view = spelt.view();
        let letters: Vec<_> = words.iter().map(|w| view.one_letter(w.clone())).collect();
        assert!(letters.iter().all(Option::is_some), "{words:?}");
        assert_eq!(view.joined_inside(0..9), (Some(5), 1));
    }

    #[test]
    fn a_repeat_shared_by_two_words_belongs_to_both() {
        let sk = normalize("Pizza Azure");
        assert_eq!(sk.as_str(), "pizazure");
        let words: Vec<&str> = sk.words().map(|r| &sk.as_str()[r]).collect();
        assert_eq!(words, ["piza", "azure"]);
        assert_eq!(sk.source_span(3..8), 6..11);
        assert_eq!(sk.source_span(0..4), 0..5);
    }

    /// Regression, found by the agreement of `is_allowed` with the pipeline: a shared
    /// symbol that is a word of its own (the `R` of `ser RNy`, which case parts from the
    /// `N`) ran on into the next word, so the pipeline read `rny`, an `m`, where a name
    /// without the `ser ` reads `r`, `ny`.
    #[test]
    fn a_shared_symbol_alone_is_a_word_of_its_own() {
        let words = |name: &str| -> Vec<String> {
            let sk = normalize(name);
            sk.words().map(|r| sk.as_str()[r].to_owned()).collect()
        };
        assert_eq!(words("ser RNykro"), ["ser", "r", "nykro"]);
        assert_eq!(words("rRNykro"), ["r", "nykro"]);
        assert_eq!(words("RNykro"), ["r", "nykro"]);
        assert_eq!(words("Fabrikam M Icro"), ["fabrikarn", "rn", "icro"]);
        assert_eq!(words("Pizza Azure"), ["piza", "azure"], "not alone");
    }

    /// Regression, found by the conformance corpus: a shared expansion (`m` is `rn`) is
    /// two bytes, and the later word ended right after it, so `Fabrikam Microskft` had no
    /// word `rnicroskft` and its typo-squat went unseen.
    #[test]
    fn a_shared_expansion_belongs_to_both_words() {
        let sk = normalize("Fabrikam Microskft");
        assert_eq!(sk.as_str(), "fabrikarnicroskft");
        let words: Vec<std::ops::Range<usize>> = sk.words().collect();
        assert_eq!(words, [0..9, 7..17]);
        let view = sk.view();
        assert_eq!(view.joined_inside(0..9).1, 0, "the word that ends with it");
        assert_eq!(
            view.joined_inside(7..17).1,
            0,
            "the word that starts with it"
        );
        assert_eq!(
            view.joined_inside(0..17).1,
            1,
            "the run of both, which misses an `rn`"
        );
        assert_eq!(sk.source_span(7..17), 9..18);
    }

    /// Regression, found by the case-invariance property: the `n` of `am nmicro` collapsed
    /// into the `rn` of `m`, and then the `m` after it counted as a repeat of that `m`,
    /// so the skeleton lost the `rn` that `micro` starts with (`arnicro`) and the name
    /// was only a typo-squat.
    #[test]
    fn a_letter_collapsed_between_two_expansions_keeps_them_apart() {
        assert_eq!(normalize("mnm").as_str(), "rnrn");
        assert_eq!(normalize("MNM").as_str(), "rnrn");
        // A repeat of the expansion itself still collapses.
        assert_eq!(normalize("mmm").as_str(), "rn");
        let sk = normalize("am nmicro soft");
        assert_eq!(sk.as_str(), "arnrnicrosoft");
        assert_eq!(sk.source_span(3..13), 4..14);
    }

    #[test]
    fn marks_extend_the_letter_before_them_but_invisibles_do_not() {
        let sk = normalize("e\u{301}\u{200B}");
        assert_eq!(sk.as_str(), "e");
        assert_eq!(sk.source_span(0..1), 0..3);
    }

    /// Regression, found by fuzzing: `ᄄ` expands to two equal symbols that collapse to
    /// one, and a second `ᄄ` after a separator tried to merge both.
    #[test]
    fn an_expansion_that_collapsed_itself_is_not_merged_whole() {
        let sk = normalize("ᄄ\u{1d}ᄄ\u{1d}");
        assert_eq!(normalize(sk.as_str()).as_str(), sk.as_str());
        let sk = normalize("MM icrosoft");
        assert_eq!(sk.as_str(), "rnicrosoft");
    }

    #[test]
    fn leet_symbols_need_a_following_letter() {
        assert_eq!(normalize("Yahoo!").as_str(), "yaho");
        assert_eq!(normalize("M!cro").as_str(), "rnicro");
        assert_eq!(
            Normalizer::new().leet(false).normalize("M!cro").as_str(),
            "rncro"
        );
        // `|` looks like `l` per UTS #39, with or without leetspeak.
        assert_eq!(
            Normalizer::new().leet(false).normalize("M|cro").as_str(),
            "rnicro"
        );
    }

    /// `6` is `b` or `g` and `9` is `g` or `q`, and beside a letter either is a separator
    /// too: a name with them is read every way, and no reading holds anything but
    /// letters and digits.
    #[test]
    fn ambiguous_leetspeak_gives_readings_of_letters() {
        let n = Normalizer::new();
        let mut readings: Vec<String> = n
            .readings("6oo9le", 100)
            .iter()
            .map(|r| r.as_str().to_owned())
            .collect();
        readings.sort();
        readings.dedup();
        let expected = [
            "bogie", "gogie", "ogie", "boqie", "goqie", "oqie", "boie", "goie", "oie",
        ];
        let mut expected = expected.map(String::from).to_vec();
        expected.sort();
        assert_eq!(readings, expected);
        for r in n.readings("Studio 6 & 9 and б", 1000) {
            assert!(r.as_str().bytes().all(|b| b.is_ascii_lowercase()), "{r:?}");
        }
        // Without leetspeak, digits are digits: one reading.
        assert_eq!(n.leet(false).readings("6oo9le", 100).len(), 1);
        assert_eq!(n.leet(false).normalize("6oo9le").as_str(), "6o9ie");
    }
}
