//! Regex rules, over the original name or over its skeleton.

use std::ops::{ControlFlow, Range};

use regex::RegexBuilder;

use crate::error::{Entry, Error, Repr};
use crate::rule::{Category, Severity};

/// Compiled size limit of one regex rule: an untrusted policy cannot exhaust memory.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// What a [`RegexRule`] is matched against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum RegexTarget {
    /// The name exactly as given.
    #[default]
    Original,
    /// The name's skeleton (see [`Skeleton`](crate::Skeleton)): lowercase, no separators,
    /// look-alikes resolved. Spans map back to the original.
    Skeleton,
}

/// A rule that fires when a regular expression (`regex` crate syntax) matches.
///
/// ```
/// use name_policy::{Policy, RegexRule, Verdict};
///
/// let policy = Policy::builder()
///     .regex(RegexRule::review("impersonation.official", r"(?i)\bofficial\b"))
///     .build()?;
/// assert_eq!(policy.check("The Official Store").verdict(), Verdict::Review);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegexRule {
    id: String,
    pattern: String,
    target: RegexTarget,
    severity: Severity,
    category: Category,
    reason: Option<String>,
}

impl RegexRule {
    /// A rule with id `id` that denies names matching `pattern`.
    pub fn deny(id: impl Into<String>, pattern: impl Into<String>) -> RegexRule {
        RegexRule::new(id, pattern, Severity::Deny)
    }

    /// A rule with id `id` that sends names matching `pattern` to review.
    pub fn review(id: impl Into<String>, pattern: impl Into<String>) -> RegexRule {
        RegexRule::new(id, pattern, Severity::Review)
    }

    /// A rule with the given severity, matched against the original name.
    pub fn new(id: impl Into<String>, pattern: impl Into<String>, severity: Severity) -> RegexRule {
        RegexRule {
            id: id.into(),
            pattern: pattern.into(),
            target: RegexTarget::Original,
            severity,
            category: Category::Custom,
            reason: None,
        }
    }

    /// Matches against the original name (default) or the skeleton.
    #[must_use]
    pub fn with_target(mut self, target: RegexTarget) -> RegexRule {
        self.target = target;
        self
    }

    /// Sets the category (default [`Category::Custom`]).
    #[must_use]
    pub fn with_category(mut self, category: Category) -> RegexRule {
        self.category = category;
        self
    }

    /// Sets the human reason shown in violation messages.
    #[must_use]
    pub fn with_reason(mut self, reason: impl Into<String>) -> RegexRule {
        self.reason = Some(reason.into());
        self
    }

    /// The rule's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The regular expression.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// What the expression is matched against.
    pub fn target(&self) -> RegexTarget {
        self.target
    }

    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The rule's category.
    pub fn category(&self) -> Category {
        self.category
    }

    /// The reason shown in violation messages, if one was set.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
}

/// All regex rules of a policy, compiled.
#[derive(Clone, Debug, Default)]
pub(crate) struct RegexRules {
    /// (rule index in the policy, compiled) for rules on the original name.
    original: Vec<(usize, regex::Regex)>,
    /// ... on the skeleton.
    skeleton: Vec<(usize, regex::bytes::Regex)>,
    original_set: Option<regex::RegexSet>,
    skeleton_set: Option<regex::bytes::RegexSet>,
}

impl RegexRules {
    /// Compiles `rules`; `first` is the policy-wide index of the first one.
    pub(crate) fn build(rules: &[RegexRule], first: usize) -> Result<RegexRules, Error> {
        let invalid = |i: usize, rule: &RegexRule, e: regex::Error| {
            Error::at(
                Entry::Regex(i),
                Repr::InvalidRegex {
                    rule: rule.id.clone(),
                    message: e.to_string(),
                },
            )
        };
        let mut out = RegexRules::default();
        for (i, rule) in rules.iter().enumerate() {
            match rule.target {
                RegexTarget::Original => {
                    let re = RegexBuilder::new(&rule.pattern)
                        .size_limit(REGEX_SIZE_LIMIT)
                        .dfa_size_limit(REGEX_SIZE_LIMIT)
                        .build()
                        .map_err(|e| invalid(i, rule, e))?;
                    out.original.push((first + i, re));
                }
                RegexTarget::Skeleton => {
                    let re = regex::bytes::RegexBuilder::new(&rule.pattern)
                        .size_limit(REGEX_SIZE_LIMIT)
                        .dfa_size_limit(REGEX_SIZE_LIMIT)
                        .build()
                        .map_err(|e| invalid(i, rule, e))?;
                    out.skeleton.push((first + i, re));
                }
            }
        }
        // One set per target answers "does anything match?" in a single pass.
        let set_limit = REGEX_SIZE_LIMIT.saturating_mul(rules.len().max(1));
        if out.original.len() > 1 {
            out.original_set =
                regex::RegexSetBuilder::new(out.original.iter().map(|(_, r)| r.as_str()))
                    .size_limit(set_limit)
                    .build()
                    .ok();
        }
        if out.skeleton.len() > 1 {
            out.skeleton_set =
                regex::bytes::RegexSetBuilder::new(out.skeleton.iter().map(|(_, r)| r.as_str()))
                    .size_limit(set_limit)
                    .build()
                    .ok();
        }
        Ok(out)
    }

    /// Whether some rule is matched against the skeleton.
    pub(crate) fn reads_skeleton(&self) -> bool {
        !self.skeleton.is_empty()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.original.is_empty() && self.skeleton.is_empty()
    }

    /// Whether any rule matches.
    pub(crate) fn any_match(&self, name: &str, skeleton: &[u8]) -> bool {
        let original = match &self.original_set {
            Some(set) => set.is_match(name),
            None => self.original.iter().any(|(_, r)| r.is_match(name)),
        };
        original
            || match &self.skeleton_set {
                Some(set) => set.is_match(skeleton),
                None => self.skeleton.iter().any(|(_, r)| r.is_match(skeleton)),
            }
    }

    /// Calls `on_hit(rule, range, on_skeleton)` for every match of every rule.
    pub(crate) fn scan(
        &self,
        name: &str,
        skeleton: &[u8],
        mut on_hit: impl FnMut(usize, Range<usize>, bool) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        for (rule, re) in &self.original {
            for m in re.find_iter(name) {
                on_hit(*rule, m.range(), false)?;
            }
        }
        for (rule, re) in &self.skeleton {
            for m in re.find_iter(skeleton) {
                on_hit(*rule, m.range(), true)?;
            }
        }
        ControlFlow::Continue(())
    }
}
