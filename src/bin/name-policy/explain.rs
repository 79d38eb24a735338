// `--explain`: each violation of a name drawn as rustc and cargo draw a diagnostic: the
// name with carets under the span (aligned under wide characters by annotate-snippets),
// the message, and each reading as a note under it.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use name_policy::{Reading, ReadingKind, Report, Severity, Violation};

use super::Origin;

/// The diagnostics of every violation of `report`, each followed by a blank line.
pub(crate) fn render(report: &Report, origin: &Origin, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let (path, line) = match origin {
        Origin::Argument(k) => ("<args>".to_owned(), *k),
        Origin::Line { file, line } => (file.clone(), *line as usize),
    };
    let mut out = String::new();
    for v in report.violations() {
        let level = match v.severity() {
            Severity::Deny => Level::ERROR.with_name("deny"),
            _ => Level::WARNING.with_name("review"),
        };
        let notes: Vec<_> = v
            .readings()
            .iter()
            .map(|r| Level::NOTE.message(note(r)))
            .chain(
                v.edit()
                    .map(|e| Level::NOTE.message(format!("the edit: {e}"))),
            )
            .collect();
        let group = level
            .primary_title(v.message())
            .id(v.rule())
            .element(
                Snippet::source(report.name())
                    .line_start(line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(v.span()).label(label(v))),
            )
            .elements(notes);
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// The label under the carets: the kind of rule, and whether the term was disguised.
fn label(v: &Violation) -> String {
    match (v.term(), v.is_disguised()) {
        (Some(term), true) => format!("{} {term:?}, disguised", v.kind()),
        (Some(term), false) => format!("{} {term:?}", v.kind()),
        (None, _) => v.kind().to_string(),
    }
}

/// One reading as a note: what each character is, what it was read as, and why.
fn note(r: &Reading) -> String {
    let names: Vec<String> = r
        .from()
        .chars()
        .map(|c| match unicode_names2::name(c) {
            Some(name) => format!("U+{:04X} {name}", c as u32),
            None => format!("U+{:04X}", c as u32),
        })
        .collect();
    // A run of one character (`zzz`, `   `) names it once.
    let mut distinct = names.clone();
    distinct.dedup();
    let what = if distinct.len() <= 3 {
        distinct.join(", ")
    } else {
        format!("{} characters", names.len())
    };
    let from = r.from();
    match r.kind() {
        ReadingKind::Invisible => format!("{from:?} ({what}) is invisible: removed"),
        ReadingKind::Separator => format!("{from:?} ({what}) inside the term: skipped"),
        ReadingKind::Alias => format!("{from:?} is listed as a form of {:?}", r.to()),
        ReadingKind::UpsideDown if from.chars().count() > 1 => {
            format!("{from:?} is {:?} written upside down", r.to())
        }
        kind => format!("{from:?} ({what}) read as {:?}: {}", r.to(), describe(kind)),
    }
}

fn describe(kind: ReadingKind) -> &'static str {
    match kind {
        ReadingKind::Lookalike => "a look-alike",
        ReadingKind::Compatibility => "a compatibility form",
        ReadingKind::Case => "a case form",
        ReadingKind::Diacritic => "a letter with diacritics",
        ReadingKind::Leetspeak => "leetspeak",
        ReadingKind::Repeat => "a repeated letter",
        ReadingKind::UpsideDown => "a letter turned upside down",
        ReadingKind::Transliteration => "written in another script, in Latin letters",
        _ => "another form",
    }
}
