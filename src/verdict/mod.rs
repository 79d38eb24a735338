//! Stage 3 of the pipeline: violations, their messages, and the verdict on a name.
//!
//! The matcher reports hits in skeleton coordinates and the structural rules report
//! issues; this stage turns each into a [`Violation`] with its span in the original name
//! and a sentence a person can read, and decides the [`Verdict`].

mod disguise;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use unicode_script::{Script, UnicodeScript};

use crate::matcher::protect::{Imitation, Near, Slip};
use crate::matcher::structure::Issue;
use crate::matcher::{Hit, HitKind, Similarity};
use crate::normalize::{Normalizer, Skeleton};
use crate::rule::{Category, Severity};

pub(crate) use disguise::plain_letters;
pub use disguise::{Edit, Reading, ReadingKind};

/// The decision on a name: the most severe of its violations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Verdict {
    /// No violation: the name may be registered.
    Allow,
    /// Only review-level violations: a person should decide.
    Review,
    /// At least one deny-level violation.
    Deny,
}

impl Verdict {
    /// The verdict a violation of `severity` leads to.
    pub fn from_severity(severity: Severity) -> Verdict {
        match severity {
            Severity::Review => Verdict::Review,
            Severity::Deny => Verdict::Deny,
        }
    }
}

crate::rule::vocabulary!(Verdict, "verdict", { Allow => "allow", Review => "review", Deny => "deny" });

/// What kind of rule a violation came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum ViolationKind {
    /// The skeleton of the name contains a term's skeleton within the term's scope (in
    /// some reading, upside down included).
    Term,
    /// The skeleton of the name contains the skeleton of another form of a term: one of
    /// its [aliases](crate::Term::alias).
    Alias,
    /// A word (or up to three adjacent words) is one edit away from a term; for a term
    /// of nine symbols or more, so is the start or the end of a word (`micorsoftstore`).
    TypoSquat,
    /// A word (or up to three adjacent words) is two edits away from a long term.
    TwoEdits,
    /// A word (or up to three adjacent words) sounds like a term.
    SoundAlike,
    /// The name written in another script reads as a term, or as a misspelling of one,
    /// in Latin letters (`Мікрософт` is `mikrosoft`).
    Transliterated,
    /// A regex rule matched.
    Regex,
    /// The name is too short or too long.
    Length,
    /// The name holds a character that never belongs in a name.
    ForbiddenCharacter,
    /// Leading, trailing or repeated whitespace.
    Whitespace,
    /// The name has no letter.
    NoLetter,
    /// The name holds an invisible character.
    InvisibleCharacter,
    /// A word mixes look-alike letters of several scripts.
    MixedScripts,
    /// The name is longer than the policy's input limit; nothing else was checked.
    InputLimit,
    /// Raw input held bytes that are not UTF-8 ([`Policy::check_bytes`](crate::Policy::check_bytes)).
    InvalidUtf8,
    /// The name is a protected name once case, separators, look-alikes, leetspeak and
    /// invisible characters are set aside ([`PolicyBuilder::protect`](crate::PolicyBuilder::protect)).
    ProtectedName,
    /// The name is one slip from a protected name: a letter left out, doubled, added,
    /// swapped or replaced.
    ProtectedTypo,
    /// The name is a scoped protected name without its scope (`angular-cli` for
    /// `@angular/cli`), or a protected name under a scope that imitates it.
    ScopeGame,
    /// The name is a protected name with a generic word added (`node-fabric`).
    ComboSquat,
}

crate::rule::vocabulary!(ViolationKind, "violation kind", {
    Term => "term",
    Alias => "alias",
    TypoSquat => "typo-squat",
    TwoEdits => "two-edits",
    SoundAlike => "sound-alike",
    Transliterated => "transliterated",
    Regex => "regex",
    Length => "length",
    ForbiddenCharacter => "forbidden-character",
    Whitespace => "whitespace",
    NoLetter => "no-letter",
    InvisibleCharacter => "invisible-character",
    MixedScripts => "mixed-scripts",
    InputLimit => "input-limit",
    InvalidUtf8 => "invalid-utf8",
    ProtectedName => "protected-name",
    ProtectedTypo => "protected-typo",
    ScopeGame => "scope-game",
    ComboSquat => "combo-squat",
});

/// One reason a name is not simply allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Violation {
    pub(crate) rule: String,
    pub(crate) kind: ViolationKind,
    pub(crate) category: Category,
    pub(crate) severity: Severity,
    pub(crate) term: Option<String>,
    #[cfg_attr(feature = "serde", serde(with = "span_as_pair"))]
    pub(crate) span: Range<usize>,
    pub(crate) matched: String,
    pub(crate) message: String,
    /// Whether the term was found only through a disguise.
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) disguised: bool,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) readings: Vec<Reading>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) edit: Option<Edit>,
}

impl Violation {
    /// The id of the rule that fired (stable across runs; `trademark.azure`).
    pub fn rule(&self) -> &str {
        &self.rule
    }
    /// The kind of rule.
    pub fn kind(&self) -> ViolationKind {
        self.kind
    }
    /// The rule's category.
    pub fn category(&self) -> Category {
        self.category
    }
    /// How serious this violation is.
    pub fn severity(&self) -> Severity {
        self.severity
    }
    /// The term as the policy wrote it, for term and typo-squat rules.
    pub fn term(&self) -> Option<&str> {
        self.term.as_deref()
    }
    /// The byte range of the ORIGINAL name that caused the violation.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
    /// The original text at [`Violation::span`].
    pub fn matched(&self) -> &str {
        &self.matched
    }
    /// A sentence a person can read.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// Whether the term was found only through a disguise: some [reading](Reading) other
    /// than a change of case turned the matched text into it. A term written as is
    /// (`Microsoft`, `MICROSOFT`, `Contoso-Azure`) is not disguised; `Аzure` with a
    /// Cyrillic `А`, `Micr0soft` and `Az\u{200B}ure` are. Nor is a name written in another
    /// script and read in Latin letters ([`ViolationKind::Transliterated`]: `Мікрософт`):
    /// its one reading, the transliteration, is how such a name is written.
    pub fn is_disguised(&self) -> bool {
        self.disguised
    }
    /// The readings that turned the matched text into the term, in the order of the
    /// name: each look-alike, compatibility form, leetspeak symbol, removed invisible,
    /// skipped separator, collapsed repeat or alias, with its span of the original name.
    /// Empty for a term written as is, and for regex and structural rules.
    ///
    /// ```
    /// use name_policy::{Policy, ReadingKind};
    ///
    /// let report = Policy::marketplace().check("Micr0-soft");
    /// let kinds: Vec<_> = report.violations()[0].readings().iter().map(|r| r.kind()).collect();
    /// assert_eq!(kinds, [ReadingKind::Leetspeak, ReadingKind::Separator]);
    /// ```
    pub fn readings(&self) -> &[Reading] {
        &self.readings
    }
    /// The edit that makes a typo-squat: `"cr" swapped` in `Mircosoft`.
    pub fn edit(&self) -> Option<&Edit> {
        self.edit.as_ref()
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}..{} {:?}: {} [{}]",
            self.severity, self.span.start, self.span.end, self.matched, self.message, self.rule
        )
    }
}

/// The result of [`Policy::check`](crate::Policy::check): a verdict and every violation,
/// sorted by span.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    pub(crate) name: Name,
    pub(crate) verdict: Verdict,
    pub(crate) violations: Vec<Violation>,
}

impl Report {
    /// The report on `name` with `violations`: sorted by span, most severe first, and
    /// each found once (several readings of a name may find the same one).
    pub(crate) fn new(name: &str, mut violations: Vec<Violation>) -> Report {
        settle(&mut violations);
        Report {
            name: Name::new(name),
            verdict: verdict_of(&violations),
            violations,
        }
    }
}

/// `violations` sorted by span, most severe first, each found once (several readings of a
/// name may find the same one), and without those a closer one of the same rule outdoes.
pub(crate) fn settle(violations: &mut Vec<Violation>) {
    order(violations);
    drop_outdone(violations);
}

/// `violations` sorted by span, most severe first, each found once.
pub(crate) fn order(violations: &mut Vec<Violation>) {
    let term_like = |k: ViolationKind| matches!(k, ViolationKind::Term | ViolationKind::Alias);
    // Imitations of protected names come most popular first, and keep that order (the
    // sort is stable).
    let protected = |k: ViolationKind| {
        matches!(
            k,
            ViolationKind::ProtectedName
                | ViolationKind::ProtectedTypo
                | ViolationKind::ScopeGame
                | ViolationKind::ComboSquat
        )
    };
    violations.sort_by(|a, b| {
        let by_place =
            (a.span.start, a.span.end, b.severity).cmp(&(b.span.start, b.span.end, a.severity));
        if protected(a.kind) && protected(b.kind) {
            return by_place;
        }
        by_place.then_with(|| (&a.rule, !term_like(a.kind)).cmp(&(&b.rule, !term_like(b.kind))))
    });
    violations.dedup_by(|a, b| {
        a.rule == b.rule && term_like(a.kind) == term_like(b.kind) && a.span == b.span
    });
}

/// `violations` without those that a closer finding of the same rule outdoes.
fn drop_outdone(violations: &mut Vec<Violation>) {
    // A typo-squat over the same text as the term itself (`Micr0s0f+` is `Microsof`
    // read one way, `Microsoft` the other) is the term; and a term found over a span
    // that holds where it was found too (`@azure`: `a` + `azure`, or `azure`) is
    // reported over the smaller one, and so is a typo-squat (`@azuro`: `a` + `azuro`, or
    // `azuro`). A misspelling overlapping a closer one of the same rule (a typo-squat
    // over two edits, either over a sound-alike) is that one.
    let mut rules: HashMap<&str, Outdoers> = HashMap::new();
    for v in violations.iter() {
        if let Some(level) = closeness(v.kind).filter(|&c| c > 0) {
            rules
                .entry(v.rule.as_str())
                .or_default()
                .add(level, &v.span);
        }
    }
    if rules.is_empty() {
        return;
    }
    rules.values_mut().for_each(Outdoers::seal);
    let outdone = |v: &Violation| {
        let Some(closer) = rules.get(v.rule.as_str()) else {
            return false;
        };
        match v.kind {
            ViolationKind::TypoSquat => {
                closer.overlaps_closer(3, &v.span) || closer.inside(3, &v.span)
            }
            ViolationKind::TwoEdits | ViolationKind::SoundAlike | ViolationKind::Transliterated => {
                closer.overlaps_closer(closeness(v.kind).unwrap_or(0), &v.span)
            }
            ViolationKind::Term | ViolationKind::Alias => closer.inside(4, &v.span),
            _ => false,
        }
    };
    let keep: Vec<bool> = violations.iter().map(|v| !outdone(v)).collect();
    let mut keep = keep.into_iter();
    violations.retain(|_| keep.next().unwrap_or(true));
}

/// How close a finding is to the term it names, for the kinds that one closer finding of
/// the same rule may outdo: a term or alias 4, a typo-squat 3, two edits 2, a sound-alike
/// 1, a transliterated reading 0.
fn closeness(kind: ViolationKind) -> Option<usize> {
    match kind {
        ViolationKind::Term | ViolationKind::Alias => Some(4),
        ViolationKind::TypoSquat => Some(3),
        ViolationKind::TwoEdits => Some(2),
        ViolationKind::SoundAlike => Some(1),
        ViolationKind::Transliterated => Some(0),
        _ => None,
    }
}

/// The spans of one rule's findings that may outdo others, kept so that whether one is
/// outdone takes a binary search, not a look at every other finding (a name of thousands
/// of terms would take seconds).
#[derive(Default)]
struct Outdoers {
    /// By closeness 1 to 4: (start, the greatest end of this and every earlier span), the
    /// spans sorted by start.
    by_closeness: [Vec<(usize, usize)>; 4],
    /// The spans of typo-squats, then of terms and aliases, sorted, and for each the
    /// least end of it and every later one.
    nested: [Vec<(usize, usize, usize)>; 2],
}

impl Outdoers {
    fn add(&mut self, closeness: usize, span: &Range<usize>) {
        self.by_closeness[closeness - 1].push((span.start, span.end));
        if closeness >= 3 {
            self.nested[closeness - 3].push((span.start, span.end, span.end));
        }
    }

    /// Sorts the spans and takes the running greatest and least ends.
    fn seal(&mut self) {
        for level in &mut self.by_closeness {
            level.sort_unstable();
            let mut greatest = 0;
            for (_, end) in level.iter_mut() {
                greatest = greatest.max(*end);
                *end = greatest;
            }
        }
        for spans in &mut self.nested {
            spans.sort_unstable();
            let mut least = usize::MAX;
            for (_, _, end) in spans.iter_mut().rev() {
                least = least.min(*end);
                *end = least;
            }
        }
    }

    /// Whether a finding closer than `closeness` overlaps `span`.
    fn overlaps_closer(&self, closeness: usize, span: &Range<usize>) -> bool {
        self.by_closeness[closeness.min(4)..].iter().any(|level| {
            let before = level.partition_point(|&(start, _)| start < span.end);
            before > 0 && level[before - 1].1 > span.start
        })
    }

    /// Whether a finding of closeness `closeness` (a typo-squat 3, a term or alias 4) lies
    /// inside `span` over a span of its own.
    fn inside(&self, closeness: usize, span: &Range<usize>) -> bool {
        let spans = &self.nested[closeness - 3];
        let from = spans.partition_point(|&(start, _, _)| start < span.start);
        let after = spans.partition_point(|&(start, _, _)| start <= span.start);
        // The shortest span starting where `span` does, then any starting later.
        let same_start = from < after && spans[from].1 < span.end;
        same_start || spans.get(after).is_some_and(|t| t.2 <= span.end)
    }
}

impl Report {
    /// The same report without the violations `lifted` picks, its verdict that of the
    /// rest.
    pub(crate) fn without(self, lifted: impl Fn(&Violation) -> bool) -> Report {
        let violations: Vec<Violation> =
            self.violations.into_iter().filter(|v| !lifted(v)).collect();
        Report {
            name: self.name,
            verdict: verdict_of(&violations),
            violations,
        }
    }

    /// The name that was checked.
    pub fn name(&self) -> &str {
        self.name.as_str()
    }
    /// The decision: the most severe violation wins; no violation means [`Verdict::Allow`].
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }
    /// Whether the verdict is [`Verdict::Allow`].
    pub fn is_allowed(&self) -> bool {
        self.verdict == Verdict::Allow
    }
    /// Every violation, sorted by span start, then end, most severe first.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for Report {
    /// One line: verdict, name, and each violation's span, matched text, kind, rule and
    /// message (`deny   "M1crosoft Labs"  0..9 "M1crosoft" term trademark.microsoft:
    /// contains "Microsoft": ... (disguised)`), the violations separated by `;`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<6} {:?}", self.verdict, self.name.as_str())?;
        for (k, v) in self.violations.iter().enumerate() {
            let sep = if k == 0 { "" } else { ";" };
            write!(
                f,
                "{sep}  {}..{} {:?} {} {}: {}",
                v.span.start, v.span.end, v.matched, v.kind, v.rule, v.message
            )?;
            if v.disguised {
                f.write_str(" (disguised)")?;
            }
        }
        Ok(())
    }
}

/// The verdict of `violations`: the most severe one's, or allow without any.
fn verdict_of(violations: &[Violation]) -> Verdict {
    violations
        .iter()
        .map(|v| Verdict::from_severity(v.severity))
        .max()
        .unwrap_or(Verdict::Allow)
}

/// The checked name in a report: kept inline when short, so that the report on a short
/// clean name allocates nothing.
#[derive(Clone)]
pub(crate) enum Name {
    Inline { len: u8, bytes: [u8; INLINE_NAME] },
    Heap(Box<str>),
}

/// Names up to this many bytes are kept inline.
const INLINE_NAME: usize = 46;

impl Name {
    #[inline]
    fn new(name: &str) -> Name {
        if name.len() <= INLINE_NAME {
            let mut bytes = [0; INLINE_NAME];
            bytes[..name.len()].copy_from_slice(name.as_bytes());
            Name::Inline {
                len: name.len() as u8,
                bytes,
            }
        } else {
            Name::Heap(name.into())
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Copied whole from a `str`: always valid.
            Name::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Name::Heap(name) => name,
        }
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

#[cfg(feature = "serde")]
impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Name::new(&name))
    }
}

/// Spans serialize as `[start, end]`, the shape of the JSON Lines contract.
#[cfg(feature = "serde")]
mod span_as_pair {
    use std::ops::Range;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer>(span: &Range<usize>, s: S) -> Result<S::Ok, S::Error> {
        [span.start, span.end].serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Range<usize>, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(start..end)
    }
}

/// What the verdict stage knows of a term or regex rule.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) id: String,
    /// The term as written; `None` for a regex rule.
    pub(crate) term: Option<String>,
    /// Every form of a term, to explain a hit by: the term, its aliases, and the term
    /// upside down (empty for a regex rule).
    pub(crate) forms: Vec<TermForm>,
    /// The term respelled as other scripts write it by sound (`mikrosoft`), where its
    /// typo-squats are looked for in that form too: a typo-squat of it is explained by
    /// it.
    pub(crate) spoken: Option<TermForm>,
    pub(crate) category: Category,
    pub(crate) severity: Severity,
    pub(crate) reason: Option<String>,
}

/// A form of a term and its readings, normalized once when the policy is built.
#[derive(Debug)]
pub(crate) struct TermForm {
    pub(crate) text: String,
    pub(crate) readings: Vec<Skeleton>,
    /// Whether this is the term upside down, read letter by letter (`ernza` for `Azure`).
    pub(crate) turned: bool,
}

/// Turns the matcher's hits on one policy's rules into violations.
#[derive(Debug)]
pub(crate) struct Judge {
    /// Term rules, then regex rules.
    pub(crate) rules: Vec<Rule>,
    /// The severity of typo-squats.
    pub(crate) typo_severity: Severity,
    /// The severity of misspellings two edits away.
    pub(crate) two_edit_severity: Severity,
    /// The severity of sound-alikes.
    pub(crate) sound_severity: Severity,
    /// The severity of what the transliterated reading finds.
    pub(crate) transliteration_severity: Severity,

    /// The least severity of a term or typo-squat found only through a disguise.
    pub(crate) disguised: Severity,
}

impl Judge {
    /// `violation`, found in the transliterated reading of `name`, as what it is: the
    /// name read in Latin letters, with what that reading holds. The term itself, written
    /// partly in Latin letters as they are and partly in another script (`Micro Σοφτ`),
    /// is the term, as `Micro ソフト` is: a term violation, disguised by that reading.
    pub(crate) fn transliterated(&self, name: &str, mut violation: Violation) -> Violation {
        let mixed = |text: &str| {
            text.chars().any(|c| c.is_ascii_alphabetic())
                && text.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
        };
        let term = matches!(violation.kind, ViolationKind::Term | ViolationKind::Alias);
        let partly_latin = term && mixed(&violation.matched);
        let latin =
            crate::normalize::latin_letters(name.get(violation.span.clone()).unwrap_or_default());
        if partly_latin {
            violation.message = format!(
                "{} (written partly in another script: \"{latin}\" in Latin letters)",
                violation.message
            );
            violation.disguised = true;
        } else {
            violation.message = format!(
                "reads as \"{latin}\" in Latin letters, which {}",
                if term {
                    format!("holds {}", violation.term.as_deref().unwrap_or_default())
                } else {
                    violation.message.clone()
                }
            );
            violation.kind = ViolationKind::Transliterated;
            violation.severity = self.transliteration_severity;
            // Written in another script is no disguise: the one reading is the whole
            // span's.
            violation.disguised = false;
        }
        violation.readings = vec![disguise::Reading {
            span: violation.span.clone(),
            from: violation.matched.clone(),
            to: latin,
            why: ReadingKind::Transliteration,
        }];
        violation
    }
    /// The violation of a term or typo-squat hit on `skeleton`, a reading of `name` by
    /// `normalizer`, with the readings that explain it.
    pub(crate) fn hit(
        &self,
        normalizer: &Normalizer,
        name: &str,
        skeleton: &Skeleton,
        hit: Hit,
    ) -> Violation {
        let rule = &self.rules[hit.rule];
        let term = rule.term.as_deref().unwrap_or_default();
        let span = skeleton.source_span(hit.start..hit.end);
        let symbols = skeleton
            .as_bytes()
            .get(hit.start..hit.end)
            .unwrap_or_default();
        let mut edit = None;
        // A misspelling is explained by how each character of it was read.
        let misspelling_readings = || {
            disguise::readings(
                normalizer,
                name,
                span.clone(),
                skeleton,
                hit.start..hit.end,
                None,
            )
        };
        let (kind, severity, message, readings) = match hit.kind {
            HitKind::TypoSquat => {
                let own = rule.forms.first().map_or(&[][..], |f| &f.readings[..]);
                edit = own
                    .iter()
                    .find_map(|form| disguise::edit(name, skeleton, hit.start..hit.end, term, form))
                    .or_else(|| {
                        let spoken = rule.spoken.as_ref()?;
                        spoken.readings.iter().find_map(|form| {
                            disguise::edit(name, skeleton, hit.start..hit.end, &spoken.text, form)
                        })
                    });
                let message = match &edit {
                    Some(edit) => format!("looks like a misspelling of {term} ({edit})"),
                    None => format!("looks like a misspelling of {term}"),
                };
                (
                    ViolationKind::TypoSquat,
                    self.typo_severity,
                    message,
                    misspelling_readings(),
                )
            }
            HitKind::Similar(how) => {
                let own = rule.forms.first().and_then(|f| f.readings.first());
                let own = own.map_or(&[][..], |r| r.as_bytes());
                let (kind, severity, message) = match how {
                    Similarity::TwoEdits => {
                        let view = skeleton.view();
                        // Two edits from the term, or (read in Latin letters) from the
                        // term as other scripts write it by sound.
                        let spoken = rule.spoken.as_ref().and_then(|f| f.readings.first());
                        let named: Vec<String> = [Some(own), spoken.map(|s| s.as_bytes())]
                            .into_iter()
                            .flatten()
                            .find_map(|form| {
                                crate::matcher::two_edits_of(view, hit.start..hit.end, form)
                            })
                            .unwrap_or_default()
                            .into_iter()
                            .map(|edit| Edit::from(edit).to_string())
                            .collect();
                        let message = format!(
                            "looks like a misspelling of {term}, two edits away ({})",
                            named.join(", ")
                        );
                        (ViolationKind::TwoEdits, self.two_edit_severity, message)
                    }
                    Similarity::SoundAlike => {
                        use crate::matcher::Key;
                        let spelt = |key: Key| String::from_utf8_lossy(key.as_bytes()).into_owned();
                        let key = Key::of(own);
                        // The run's own key, which (read in Latin letters) may lack the
                        // term's last sound.
                        let view = skeleton.view();
                        let words: Vec<_> = view
                            .words()
                            .filter(|w| w.start >= hit.start && w.end <= hit.end)
                            .collect();
                        let message = match (key, Key::of_words(view.bytes, &words)) {
                            (Some(key), Some(run)) if run != key => {
                                // Read in Latin letters: as a script without an `f` writes
                                // the term, or without its last sound, or both.
                                let how = match run.spoken_difference(&key) {
                                    (true, false) => "with P for F, as scripts without an f write it",
                                    (true, true) => "with P for F, as scripts without an f write it, and without its last sound",
                                    (false, _) => "but for its last sound",
                                };
                                format!(
                                    "sounds like {term} {how} ({} for {})",
                                    spelt(run),
                                    spelt(key)
                                )
                            }
                            (key, _) => format!(
                                "sounds like {term} (both sound {})",
                                key.map(spelt).unwrap_or_default()
                            ),
                        };
                        (ViolationKind::SoundAlike, self.sound_severity, message)
                    }
                };
                (kind, severity, message, misspelling_readings())
            }
            HitKind::Term => {
                // The form that matched: the term's own first, then its aliases.
                let found = rule.forms.iter().enumerate().find_map(|(k, form)| {
                    let skeleton = form.readings.iter().find(|r| r.as_bytes() == symbols)?;
                    Some((
                        k,
                        disguise::Form {
                            text: &form.text,
                            skeleton,
                        },
                    ))
                });
                let alias = found.as_ref().is_some_and(|(k, _)| *k > 0);
                let turned = found.as_ref().is_some_and(|(k, _)| rule.forms[*k].turned);
                let mut readings = disguise::readings(
                    normalizer,
                    name,
                    span.clone(),
                    skeleton,
                    hit.start..hit.end,
                    found.as_ref().map(|(_, form)| form),
                );
                if alias {
                    readings.insert(
                        0,
                        Reading {
                            span: span.clone(),
                            from: name.get(span.clone()).unwrap_or_default().to_owned(),
                            to: term.to_owned(),
                            why: if turned {
                                ReadingKind::UpsideDown
                            } else {
                                ReadingKind::Alias
                            },
                        },
                    );
                }
                let message = match &rule.reason {
                    Some(reason) => format!("contains {term:?}: {reason}"),
                    None => format!("contains the {} term {term:?}", rule.category),
                };
                // The term upside down is the term, read through turned letters.
                let kind = if alias && !turned {
                    ViolationKind::Alias
                } else {
                    ViolationKind::Term
                };
                (kind, rule.severity, message, readings)
            }
        };
        let disguised = readings.iter().any(|r| r.why != ReadingKind::Case);
        let severity = if disguised {
            severity.max(self.disguised)
        } else {
            severity
        };
        Violation {
            rule: rule.id.clone(),
            kind,
            category: rule.category,
            severity,
            term: rule.term.clone(),
            matched: name.get(span.clone()).unwrap_or_default().to_owned(),
            span,
            message,
            disguised,
            readings,
            edit,
        }
    }

    /// The violation of regex rule `rule` (its index among all rules) matching `span`.
    pub(crate) fn regex(&self, name: &str, rule: usize, span: Range<usize>) -> Violation {
        let rule = &self.rules[rule];
        let message = match &rule.reason {
            Some(reason) => format!("matches rule {}: {reason}", rule.id),
            None => format!("matches the {} pattern {}", rule.category, rule.id),
        };
        Violation {
            rule: rule.id.clone(),
            kind: ViolationKind::Regex,
            category: rule.category,
            severity: rule.severity,
            term: None,
            matched: name.get(span.clone()).unwrap_or_default().to_owned(),
            span,
            message,
            disguised: false,
            readings: Vec::new(),
            edit: None,
        }
    }
}

/// The ids of the structural rules, which a [`Grant`](crate::Grant) may lift too.
pub(crate) const STRUCTURAL_RULES: &[&str] = &[
    "structure.length",
    "structure.forbidden-character",
    "structure.whitespace",
    "structure.no-letter",
    "structure.invisible-character",
    "structure.mixed-scripts",
    "structure.input-limit",
    "structure.invalid-utf8",
];

/// The violation of a structural issue at `span` of `name`.
pub(crate) fn structural(
    name: &str,
    issue: Issue,
    severity: Severity,
    span: Range<usize>,
) -> Violation {
    let matched = name.get(span.clone()).unwrap_or_default().to_owned();
    let (kind, rule) = match issue {
        Issue::TooShort { .. } | Issue::TooLong { .. } => {
            (ViolationKind::Length, "structure.length")
        }
        Issue::Forbidden { .. } => (
            ViolationKind::ForbiddenCharacter,
            "structure.forbidden-character",
        ),
        Issue::LeadingWhitespace | Issue::TrailingWhitespace | Issue::WhitespaceRun => {
            (ViolationKind::Whitespace, "structure.whitespace")
        }
        Issue::NoLetter => (ViolationKind::NoLetter, "structure.no-letter"),
        Issue::Invisible { .. } => (
            ViolationKind::InvisibleCharacter,
            "structure.invisible-character",
        ),
        Issue::MixedScripts => (ViolationKind::MixedScripts, "structure.mixed-scripts"),
    };
    Violation {
        rule: rule.to_owned(),
        kind,
        category: Category::Structure,
        severity,
        term: None,
        message: issue_message(issue, &matched),
        span,
        matched,
        disguised: false,
        readings: Vec::new(),
        edit: None,
    }
}

/// A sentence that says what is wrong with a structural issue and how to fix it.
fn issue_message(issue: Issue, matched: &str) -> String {
    match issue {
        Issue::TooShort { chars, min } => {
            let characters = if chars == 1 {
                "character"
            } else {
                "characters"
            };
            format!("has {chars} visible {characters}; names need at least {min}")
        }
        Issue::TooLong { max } => format!("is longer than {max} characters; shorten it"),
        Issue::Forbidden { c, what } => {
            format!(
                "contains {what} U+{:04X}, which names may not contain",
                c as u32
            )
        }
        Issue::LeadingWhitespace => "starts with whitespace; remove it".to_owned(),
        Issue::TrailingWhitespace => "ends with whitespace; remove it".to_owned(),
        Issue::WhitespaceRun => "has a run of whitespace; use a single space".to_owned(),
        Issue::NoLetter => "has no letter".to_owned(),
        Issue::Invisible { c } => {
            format!("contains the invisible character U+{:04X}", c as u32)
        }
        Issue::MixedScripts => {
            let mut names: Vec<&str> = Vec::new();
            for c in matched.chars() {
                let s = c.script();
                if s != Script::Common && s != Script::Inherited && !names.contains(&s.full_name())
                {
                    names.push(s.full_name());
                }
            }
            format!(
                "mixes look-alike letters of several scripts ({}) in one word",
                names.join(", ")
            )
        }
    }
}

/// The violation of `name` passing for the protected name `protected` as `imitation`
/// says.
pub(crate) fn imitation(name: &str, protected: &str, imitation: Imitation) -> Violation {
    let start = name.len() - name.trim_start().len();
    let span = start..start + name.trim().len();
    let (kind, severity, message, edit) = match imitation {
        Imitation::Same { literal: true } => (
            ViolationKind::ProtectedName,
            Severity::Deny,
            format!("is the protected name {protected:?} written another way (case and separators aside)"),
            None,
        ),
        Imitation::Same { literal: false } => (
            ViolationKind::ProtectedName,
            Severity::Deny,
            format!(
                "passes for the protected name {protected:?} (look-alikes, leetspeak and \
                 invisible characters aside)"
            ),
            None,
        ),
        Imitation::Typo(slip) => {
            let edit = Edit::from(slip);
            let how = match slip {
                Slip::Replaced { near: Near::Keyboard, .. } => ", a key away",
                Slip::Replaced { near: Near::LookAlike, .. } => ", a look-alike",
                Slip::Replaced { near: Near::BitFlip, .. } => ", one bit away",
                _ => "",
            };
            (
                ViolationKind::ProtectedTypo,
                Severity::Review,
                format!("looks like a misspelling of the protected name {protected:?} ({edit}{how})"),
                Some(edit),
            )
        }
        Imitation::TwoSlips(slips) => {
            let [a, b] = slips.map(Edit::from);
            (
                ViolationKind::ProtectedTypo,
                Severity::Review,
                format!(
                    "looks like a misspelling of the protected name {protected:?}, two slips \
                     away ({a}, {b})"
                ),
                None,
            )
        }
        Imitation::Unscoped { joined } => (
            ViolationKind::ScopeGame,
            Severity::Review,
            if joined {
                format!("is the protected name {protected:?} with its scope written into the name")
            } else {
                format!("is the protected name {protected:?} without its scope")
            },
            None,
        ),
        Imitation::ComboTypo { word, slip } => {
            let edit = Edit::from(slip);
            (
                ViolationKind::ComboSquat,
                Severity::Review,
                format!(
                    "is the protected name {protected:?} with the generic word {word:?} added \
                     and misspelt ({edit})"
                ),
                Some(edit),
            )
        }
        Imitation::Rescoped => (
            ViolationKind::ScopeGame,
            Severity::Review,
            format!("puts the protected name {protected:?} under a scope that imitates it"),
            None,
        ),
        Imitation::Combos { words: [a, b] } => (
            ViolationKind::ComboSquat,
            Severity::Review,
            format!("is the protected name {protected:?} with the generic words {a:?} and {b:?} added"),
            None,
        ),
        Imitation::Combo { word, instead } => (
            ViolationKind::ComboSquat,
            Severity::Review,
            match instead {
                None => format!("is the protected name {protected:?} with the generic word {word:?} added"),
                Some(other) => format!(
                    "is the protected name {protected:?} with the generic word {word:?} for {other:?}"
                ),
            },
            None,
        ),
    };
    Violation {
        rule: format!("protected.{protected}"),
        kind,
        category: Category::Impersonation,
        severity,
        term: Some(protected.to_owned()),
        matched: name[span.clone()].to_owned(),
        span,
        message,
        disguised: matches!(imitation, Imitation::Same { literal: false }),
        readings: Vec::new(),
        edit,
    }
}

/// The one violation of a name longer than the input limit.
pub(crate) fn input_limit(name: &str, limit: usize) -> Violation {
    Violation {
        rule: "structure.input-limit".to_owned(),
        kind: ViolationKind::InputLimit,
        category: Category::Structure,
        severity: Severity::Deny,
        term: None,
        span: 0..name.len(),
        matched: name.to_owned(),
        message: format!(
            "is {} bytes, over the input limit of {limit} bytes; nothing else was checked",
            name.len()
        ),
        disguised: false,
        readings: Vec::new(),
        edit: None,
    }
}

/// The violation of bytes that are not UTF-8, shown as the U+FFFD at `at`.
pub(crate) fn invalid_utf8(at: usize) -> Violation {
    let c = char::REPLACEMENT_CHARACTER;
    Violation {
        rule: "structure.invalid-utf8".to_owned(),
        kind: ViolationKind::InvalidUtf8,
        category: Category::Structure,
        severity: Severity::Deny,
        term: None,
        span: at..at + c.len_utf8(),
        matched: c.to_string(),
        message: "holds bytes that are not valid UTF-8".to_owned(),
        disguised: false,
        readings: Vec::new(),
        edit: None,
    }
}
