//! Grants: exemptions scoped to an identity. A policy names them (a verified publisher
//! of Microsoft may use its own marks); a check made on behalf of that identity lifts
//! exactly the rules its grants list, for that call, and nothing else.

use crate::verdict::Report;
use crate::Policy;

/// An exemption that a policy names: an id, the rules it lifts, and why.
///
/// ```
/// use name_policy::{Grant, Policy, Verdict};
///
/// let policy = Policy::marketplace();
/// let grants = policy.grants(["verified-microsoft"])?;
/// assert_eq!(policy.check("Microsoft Azure Labs").verdict(), Verdict::Deny);
/// assert_eq!(policy.check_granted("Microsoft Azure Labs", &grants).verdict(), Verdict::Allow);
/// // Only those rules: the structural ones still hold.
/// assert_eq!(policy.check_granted("Microsoft\u{0}", &grants).verdict(), Verdict::Deny);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub(crate) id: String,
    pub(crate) rules: Vec<String>,
    pub(crate) reason: Option<String>,
}

impl Grant {
    /// A grant `id` that lifts the rules with ids `rules` (term, regex or structural
    /// rule ids, such as `trademark.microsoft` or `structure.length`).
    pub fn new<S: Into<String>>(
        id: impl Into<String>,
        rules: impl IntoIterator<Item = S>,
    ) -> Grant {
        Grant {
            id: id.into(),
            rules: rules.into_iter().map(Into::into).collect(),
            reason: None,
        }
    }

    /// Says who holds the grant and why, for the people who read the policy.
    #[must_use]
    pub fn with_reason(mut self, reason: impl Into<String>) -> Grant {
        self.reason = Some(reason.into());
        self
    }

    /// The grant's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The ids of the rules it lifts.
    pub fn rules(&self) -> &[String] {
        &self.rules
    }

    /// Who holds it and why, if the policy says.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
}

/// Grants resolved against one policy ([`Policy::grants`]): the rules a check made with
/// them lifts. Empty by default: no rule lifted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grants {
    /// The ids of the lifted rules, sorted, each once.
    lifted: Vec<String>,
}

impl Grants {
    /// No grant: every rule applies.
    pub const fn none() -> Grants {
        Grants { lifted: Vec::new() }
    }

    /// Whether the rule with id `rule` is lifted.
    pub fn lifts(&self, rule: &str) -> bool {
        self.lifted
            .binary_search_by(|r| r.as_str().cmp(rule))
            .is_ok()
    }

    /// Whether no rule is lifted.
    pub fn is_empty(&self) -> bool {
        self.lifted.is_empty()
    }
}

/// A grant id that the policy does not name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown grant {id:?}: {}", known_grants(known))]
pub struct GrantError {
    id: String,
    known: Vec<String>,
}

impl GrantError {
    /// The grant id that was asked for.
    pub fn id(&self) -> &str {
        &self.id
    }
}

fn known_grants(known: &[String]) -> String {
    if known.is_empty() {
        "the policy names no grants".to_owned()
    } else {
        format!("the policy names {}", known.join(", "))
    }
}

impl Policy {
    /// Resolves grant ids against the policy's grants, for
    /// [`check_granted`](Policy::check_granted) and
    /// [`is_allowed_granted`](Policy::is_allowed_granted).
    ///
    /// # Errors
    ///
    /// When an id is not one of the policy's grants: a grant is never silently ignored.
    pub fn grants<S: AsRef<str>>(
        &self,
        ids: impl IntoIterator<Item = S>,
    ) -> Result<Grants, GrantError> {
        let all = &self.inner.grants;
        let mut lifted = Vec::new();
        for id in ids {
            let id = id.as_ref();
            let grant = all.iter().find(|g| g.id == id).ok_or_else(|| GrantError {
                id: id.to_owned(),
                known: all.iter().map(|g| g.id.clone()).collect(),
            })?;
            lifted.extend(grant.rules.iter().cloned());
        }
        lifted.sort();
        lifted.dedup();
        Ok(Grants { lifted })
    }

    /// The grants the policy names.
    pub fn grant_list(&self) -> &[Grant] {
        &self.inner.grants
    }

    /// [`check`](Policy::check) with the rules that `grants` lift left out: the verdict
    /// is that of the other violations.
    pub fn check_granted(&self, name: &str, grants: &Grants) -> Report {
        let report = self.check(name);
        if grants.is_empty() || report.violations().is_empty() {
            return report;
        }
        report.without(|v| grants.lifts(v.rule()))
    }

    /// [`is_allowed`](Policy::is_allowed) with the rules that `grants` lift left out.
    /// As fast as `is_allowed` for a name that is allowed anyway.
    pub fn is_allowed_granted(&self, name: &str, grants: &Grants) -> bool {
        self.is_allowed(name)
            || (!grants.is_empty() && self.check_granted(name, grants).is_allowed())
    }
}
