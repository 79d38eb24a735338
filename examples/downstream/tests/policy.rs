use name_policy::testing::{assert_evasions_denied, innocent_names};
use proptest::prelude::*;

#[test]
fn no_disguise_of_our_terms_gets_through() {
    assert_evasions_denied(&downstream_example::policy(), 256);
}

proptest! {
    #[test]
    fn our_kind_of_customer_names_are_allowed(name in innocent_names()) {
        let policy = downstream_example::policy();
        prop_assert!(policy.is_allowed(&name), "{}", policy.check(&name));
    }
}
