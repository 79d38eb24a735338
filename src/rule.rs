//! The vocabulary of rules, shared by the policy's configuration, the matcher and the
//! verdict: how serious a rule is, whether it is on, and why it exists.

/// A word that names no value of one of the crate's vocabularies (`"denied"` for a
/// [`Severity`]): what [`FromStr`](std::str::FromStr) gives for it.
///
/// ```
/// use name_policy::Severity;
///
/// assert_eq!("deny".parse::<Severity>(), Ok(Severity::Deny));
/// let err = "denied".parse::<Severity>().unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown severity "denied": expected one of review, deny"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}: expected one of {}", expected.join(", "))]
pub struct ParseError {
    what: &'static str,
    value: String,
    expected: &'static [&'static str],
}

impl ParseError {
    /// The word that was not recognized.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The words that would have been.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}

/// The words of a vocabulary enum, written once: its `NAMES`, its `Display` (which pads
/// as `{:8}` asks) and its `FromStr`, each value's word as reports, rule ids and policy
/// files spell it.
macro_rules! vocabulary {
    ($ty:ident, $what:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// The word of every value, as `Display` writes it and `FromStr` reads it.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// This value's word, as `Display` writes it and `FromStr` reads it.
            pub const fn as_str(&self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::rule::ParseError;

            fn from_str(s: &str) -> Result<$ty, Self::Err> {
                match s {
                    $($name => Ok($ty::$variant),)+
                    _ => Err($crate::rule::ParseError::new($what, s, <$ty>::NAMES)),
                }
            }
        }
    };
}
pub(crate) use vocabulary;

impl ParseError {
    pub(crate) fn new(what: &'static str, value: &str, expected: &'static [&'static str]) -> Self {
        ParseError {
            what,
            value: value.to_owned(),
            expected,
        }
    }
}

/// How serious a violation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Severity {
    /// A person should look at the name before it is registered.
    Review,
    /// The name must not be registered.
    Deny,
}

vocabulary!(Severity, "severity", { Review => "review", Deny => "deny" });

/// Whether a rule is on, and how serious its violations are: the setting of the
/// typo-squat check and of each structural rule.
///
/// ```
/// use name_policy::{Level, Policy, Structure, Verdict};
///
/// let policy = Policy::builder()
///     .structure(Structure::recommended().whitespace(Level::Off))
///     .build()?;
/// assert_eq!(policy.check("Contoso  Labs").verdict(), Verdict::Allow);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Level {
    /// The rule is off.
    #[default]
    Off,
    /// The rule's violations send a name to review.
    Review,
    /// The rule's violations deny a name.
    Deny,
}

impl Level {
    /// The severity of the rule's violations, when it is on.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Review => Some(Severity::Review),
            Level::Deny => Some(Severity::Deny),
        }
    }

    /// Whether the rule is on.
    pub fn is_on(self) -> bool {
        self != Level::Off
    }
}

impl From<Severity> for Level {
    fn from(severity: Severity) -> Level {
        match severity {
            Severity::Review => Level::Review,
            Severity::Deny => Level::Deny,
        }
    }
}

vocabulary!(Level, "level", { Off => "off", Review => "review", Deny => "deny" });

/// Why a rule exists, as operators group them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Category {
    /// Someone else's brand or product name.
    Trademark,
    /// Words the platform keeps for itself (`admin`, `support`, `official`).
    Reserved,
    /// Offensive words.
    Profanity,
    /// Phrases that pretend to be someone (`official`, `verified`, `staff`).
    Impersonation,
    /// The shape of the name itself: length, forbidden or invisible characters, scripts.
    Structure,
    /// Anything else.
    #[default]
    Custom,
}

vocabulary!(Category, "category", {
    Trademark => "trademark",
    Reserved => "reserved",
    Profanity => "profanity",
    Impersonation => "impersonation",
    Structure => "structure",
    Custom => "custom",
});
