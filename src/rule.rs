//! The vocabulary of rules, shared by the policy's configuration, the matcher and the
//! verdict: how serious a rule is, whether it is on, and why it exists.

use std::fmt;

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

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Severity::Review => "review",
            Severity::Deny => "deny",
        })
    }
}

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

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Level::Off => "off",
            Level::Review => "review",
            Level::Deny => "deny",
        })
    }
}

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

impl Category {
    /// The lowercase name used in reports and rule ids.
    pub fn as_str(&self) -> &'static str {
        match self {
            Category::Trademark => "trademark",
            Category::Reserved => "reserved",
            Category::Profanity => "profanity",
            Category::Impersonation => "impersonation",
            Category::Structure => "structure",
            Category::Custom => "custom",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
