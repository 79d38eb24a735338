//! A term: what a policy forbids or sends to review, with its scope, aliases and
//! exceptions.

use crate::matcher::MatchScope;
use crate::rule::{Category, Severity};

/// A forbidden or suspicious term, with where it may match and what it means.
///
/// ```
/// use name_policy::{Category, MatchScope, Severity, Term};
///
/// let term = Term::review("ms")
///     .with_scope(MatchScope::Word)
///     .with_category(Category::Trademark)
///     .with_reason("abbreviation of Microsoft")
///     .except("MS Dhoni Fan Club");
/// assert_eq!(term.severity(), Severity::Review);
/// assert_eq!(term.scope(), MatchScope::Word);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub(super) text: String,
    pub(super) severity: Severity,
    pub(super) scope: MatchScope,
    pub(super) category: Category,
    pub(super) reason: Option<String>,
    pub(super) id: Option<String>,
    pub(super) exceptions: Vec<String>,
    pub(super) aliases: Vec<String>,
    pub(super) typo_squats: bool,
    pub(super) two_edits: bool,
    pub(super) sound_alikes: bool,
    pub(super) transliteration: bool,
}

impl Term {
    /// A term that denies any name containing it (substring scope, custom category).
    pub fn deny(text: impl Into<String>) -> Term {
        Term::new(text, Severity::Deny)
    }

    /// A term that sends any name containing it to review.
    pub fn review(text: impl Into<String>) -> Term {
        Term::new(text, Severity::Review)
    }

    /// A term with the given severity.
    pub fn new(text: impl Into<String>, severity: Severity) -> Term {
        Term {
            text: text.into(),
            severity,
            scope: MatchScope::Substring,
            category: Category::Custom,
            reason: None,
            id: None,
            exceptions: Vec::new(),
            aliases: Vec::new(),
            typo_squats: true,
            two_edits: true,
            sound_alikes: true,
            transliteration: true,
        }
    }

    /// Whether words one edit away from the term are typo-squats of it (default true,
    /// for terms of five letters or more). Off for a term that is an ordinary word, whose
    /// misspellings are innocent (`support`, `supports`): then misspellings two edits
    /// away and sound-alikes are not looked for either.
    #[must_use]
    pub fn with_typo_squats(mut self, yes: bool) -> Term {
        self.typo_squats = yes;
        self
    }

    /// Whether runs of words two edits away from the term are reviewed (default true; only
    /// terms of nine letters or more are checked: `Micrsfot` for `Microsoft`). Off for a
    /// term whose near misses are words of their own.
    #[must_use]
    pub fn with_two_edits(mut self, yes: bool) -> Term {
        self.two_edits = yes;
        self
    }

    /// Whether runs of words that sound like the term are reviewed (default true; only
    /// terms whose sound key has five consonant sounds or more are checked: `Mykrosawft`
    /// for `Microsoft`, never `Azure`).
    #[must_use]
    pub fn with_sound_alikes(mut self, yes: bool) -> Term {
        self.sound_alikes = yes;
        self
    }

    /// Whether the term and its misspellings are looked for in a name's transliterated
    /// reading too (default true; see
    /// [`PolicyBuilder::transliteration`](crate::PolicyBuilder::transliteration)): off for
    /// a term whose Latin letters are a common reading of words of other scripts.
    #[must_use]
    pub fn with_transliteration(mut self, yes: bool) -> Term {
        self.transliteration = yes;
        self
    }

    /// Whether the term is looked for in the transliterated reading (see
    /// [`with_transliteration`](Term::with_transliteration)).
    pub fn has_transliteration(&self) -> bool {
        self.transliteration
    }

    /// Whether misspellings two edits away are looked for (see
    /// [`with_two_edits`](Term::with_two_edits)).
    pub fn has_two_edits(&self) -> bool {
        self.two_edits
    }

    /// Whether sound-alikes are looked for (see
    /// [`with_sound_alikes`](Term::with_sound_alikes)).
    pub fn has_sound_alikes(&self) -> bool {
        self.sound_alikes
    }

    /// Whether typo-squats of the term are looked for (see
    /// [`with_typo_squats`](Term::with_typo_squats)).
    pub fn has_typo_squats(&self) -> bool {
        self.typo_squats
    }

    /// Sets the severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Term {
        self.severity = severity;
        self
    }

    /// Sets where the term may match (default [`MatchScope::Substring`]).
    #[must_use]
    pub fn with_scope(mut self, scope: MatchScope) -> Term {
        self.scope = scope;
        self
    }

    /// Sets the category (default [`Category::Custom`]).
    #[must_use]
    pub fn with_category(mut self, category: Category) -> Term {
        self.category = category;
        self
    }

    /// Sets the human reason shown in violation messages.
    #[must_use]
    pub fn with_reason(mut self, reason: impl Into<String>) -> Term {
        self.reason = Some(reason.into());
        self
    }

    /// Sets the rule id shown in reports (default: `category.term`, as in
    /// `trademark.azure`). Ids are 1 to 64 ASCII letters, digits, `.`, `-` or `_`.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> Term {
        self.id = Some(id.into());
        self
    }

    /// Adds an allow-phrase for this term: a match of the term that lies inside an
    /// occurrence of the phrase that starts the name or follows a separator is ignored
    /// (`Windows` inside `Windows and Doors`; `Lazuren` excepts the word `lazuren`, not
    /// the `azure` that `pulumi-azure-native` reads as `...iazuren...` across its words,
    /// nor the one in `MyLazuren`, which reads as `mylazuren` whatever its case).
    #[must_use]
    pub fn except(mut self, phrase: impl Into<String>) -> Term {
        self.exceptions.push(phrase.into());
        self
    }

    /// Adds another form of the term, such as the way another script writes it
    /// (`Term::deny("Microsoft").alias("マイクロソフト")`): it is read like the term, in any
    /// disguise, and a match counts as the term, with its rule id, severity and scope.
    /// Typo-squats are looked for only of the term itself.
    #[must_use]
    pub fn alias(mut self, text: impl Into<String>) -> Term {
        self.aliases.push(text.into());
        self
    }

    /// Adds several other forms of the term (see [`alias`](Term::alias)).
    #[must_use]
    pub fn with_aliases<S: Into<String>>(mut self, texts: impl IntoIterator<Item = S>) -> Term {
        self.aliases.extend(texts.into_iter().map(Into::into));
        self
    }

    /// The term's other forms (see [`alias`](Term::alias)).
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// The term as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The term's severity.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Where the term may match.
    pub fn scope(&self) -> MatchScope {
        self.scope
    }

    /// The term's category.
    pub fn category(&self) -> Category {
        self.category
    }

    /// The reason shown in violation messages, if one was set.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// The rule id, if one was set (otherwise reports show one derived from the category
    /// and the term).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The term's allow-phrases.
    pub fn exceptions(&self) -> &[String] {
        &self.exceptions
    }

    pub(super) fn default_id(&self) -> String {
        let mut slug = String::new();
        for c in self.text.trim().chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if let Some(letters) = crate::verdict::plain_letters(c) {
                // `Ünïcödé` is `unicode`, `Straße` is `strasse`.
                slug.push_str(&letters);
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        if slug.is_empty() {
            // Non-Latin terms get an id from their code points, stable across runs.
            let hex: Vec<String> = self
                .text
                .trim()
                .chars()
                .take(8)
                .map(|c| format!("{:x}", c as u32))
                .collect();
            format!("{}.u{}", self.category, hex.join("-"))
        } else {
            format!("{}.{}", self.category, &slug[..slug.len().min(48)])
        }
    }
}
