//! The labelled adversarial corpus (`benches/data/adversarial-labelled.tsv`, written by
//! `tools/gen-adversarial.py`): how its lines read, how techniques are grouped, and what
//! counts as catching a name. The score example and the gate test share this one file.

use name_policy::{Policy, Severity, ViolationKind};

/// One labelled name: `disguise`, `typo`, `misspelling` or `innocent`, the technique,
/// the name.
pub struct Case<'a> {
    pub label: &'a str,
    /// The technique, with combinations grouped by size (`combination of 3`) and
    /// disguised typo-squats together (`under a disguise`).
    pub group: String,
    pub name: &'a str,
}

/// The cases of the corpus `text`, one a line (`label<TAB>technique<TAB>name`).
///
/// # Panics
///
/// On a line without three fields: the corpus is generated, so that is a broken file.
pub fn cases(text: &str) -> impl Iterator<Item = Case<'_>> {
    text.lines().map(|line| {
        let mut fields = line.splitn(3, '\t');
        let (Some(label), Some(technique), Some(name)) =
            (fields.next(), fields.next(), fields.next())
        else {
            panic!("not a labelled name: {line:?}");
        };
        let group = match technique.split('+').count() {
            1 => technique.to_owned(),
            n if label == "disguise" => format!("combination of {n}"),
            _ => "under a disguise".to_owned(),
        };
        Case { label, group, name }
    })
}

/// What `policy` says of `name`: (denied for a term, flagged for a term or a misspelling
/// of one).
pub fn judge(policy: &Policy, name: &str) -> (bool, bool) {
    let report = policy.check(name);
    let mut terms = report.violations().iter().filter(|v| {
        matches!(
            v.kind(),
            ViolationKind::Term
                | ViolationKind::TypoSquat
                | ViolationKind::TwoEdits
                | ViolationKind::SoundAlike
                | ViolationKind::Transliterated
        )
    });
    let denied = terms
        .clone()
        .any(|v| v.kind() == ViolationKind::Term && v.severity() == Severity::Deny);
    (denied, terms.next().is_some())
}

/// Whether a contender that says (`denied`, `flagged`) of a case with `label` catches
/// it: a disguise must be denied, anything else counts when flagged (for an innocent
/// name, a false positive).
pub fn hit(label: &str, (denied, flagged): (bool, bool)) -> bool {
    if label == "disguise" {
        denied
    } else {
        flagged
    }
}
