//! The testing kit on policies whose terms are not Latin, and on its own evasions.

use name_policy::{testing, Policy, Term};

/// A downstream policy with Cyrillic and Japanese brand terms passes its own evasion
/// check: the kit invents no disguise the crate is not meant to see through.
#[test]
fn non_latin_terms_pass_the_evasion_check() {
    let policy = Policy::builder()
        .term(Term::deny("Майкрософт"))
        .term(Term::deny("マイクロソフト"))
        .term(Term::deny("Contoso"))
        .build()
        .unwrap();
    testing::check_evasions_denied(&policy, 512).unwrap();
}
