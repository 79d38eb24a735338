//! A registry's own name policy, kept as a TOML file next to its code.

use name_policy::Policy;

/// The registry's policy: the marketplace preset plus its own brand and reserved words.
pub fn policy() -> Policy {
    Policy::from_toml_str(include_str!("../policy.toml")).expect("policy.toml is valid")
}
