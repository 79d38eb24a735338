//! Emoji sequences (UTS #51), for the structural rules: the joiners, variation selectors,
//! keycap marks, skin-tone modifiers and tag characters of a well-formed emoji sequence are
//! part of the emoji, neither invisible characters nor forbidden ones. Outside such a
//! sequence they are judged as any other character.
//!
//! The grammar is that of UTS #51's possible emoji sequences, over the generated Emoji,
//! Emoji_Modifier_Base and Emoji_Modifier properties (`tables::EMOJI`):
//!
//! ```text
//! sequence := element (ZWJ element)*
//! element  := keycap | flag | base tags?
//! keycap   := [0-9#*] FE0F? 20E3
//! flag     := regional-indicator regional-indicator
//! base     := emoji (FE0F | modifier)?        -- a modifier only after a modifier base
//! tags     := [E0020-E007E]+ E007F            -- a tag sequence: a recommended one only
//!                                              (the subdivision flags of England,
//!                                              Scotland and Wales)
//! ```

use crate::tables;

const ZWJ: char = '\u{200D}';
const EMOJI_PRESENTATION: char = '\u{FE0F}';
const KEYCAP: char = '\u{20E3}';
const TAG_END: char = '\u{E007F}';

/// Whether `c` may start an emoji sequence, cheaply: emoji characters are `©`, `®`, the
/// keycap bases, symbols from U+2000 to U+2BFF, four CJK symbols, and code points from
/// U+1F000 on (a test checks the generated table against these bounds). Letters of the
/// tables' own kind are not emoji.
#[inline]
pub(crate) fn may_start(c: char, kind: tables::Kind) -> bool {
    matches!(c, '0'..='9' | '#' | '*' | '\u{A9}' | '\u{AE}')
        || (kind != tables::Kind::Letter
            && (('\u{2000}'..='\u{2BFF}').contains(&c)
                || matches!(c, '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}')
                || c >= '\u{1F000}'))
}

/// Whether `c` may follow the first character of an emoji sequence longer than it: the
/// presentation selector, the keycap mark, a second regional indicator, a skin-tone
/// modifier, a tag, or the joiner. A character that may start one is looked at only when
/// one of these follows it (most are digits and punctuation).
#[inline]
pub(crate) fn may_continue(c: char) -> bool {
    matches!(c, EMOJI_PRESENTATION | KEYCAP | ZWJ)
        || is_regional_indicator(c)
        || ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
        || is_tag_spec(c)
}

/// Whether the character at byte `at` of `s` may continue an emoji sequence (see
/// [`may_continue`]), its lead byte looked at first: every such character is encoded
/// from `E2`, `EF`, `F0` or `F3`.
#[inline]
pub(crate) fn may_continue_at(s: &str, at: usize) -> bool {
    s.as_bytes()
        .get(at)
        .is_some_and(|b| matches!(b, 0xE2 | 0xEF | 0xF0 | 0xF3))
        && s[at..].chars().next().is_some_and(may_continue)
}

/// The length in bytes of the emoji sequence at the start of `s`, when it is one and
/// holds more than its first character; 0 otherwise.
pub(crate) fn sequence_len(s: &str) -> usize {
    let Some(mut end) = element(s) else {
        return 0;
    };
    // Joined elements.
    while let Some(rest) = s[end..].strip_prefix(ZWJ) {
        match element(rest) {
            Some(len) => end += ZWJ.len_utf8() + len,
            None => break,
        }
    }
    let first = s.chars().next().map_or(0, char::len_utf8);
    if end > first {
        end
    } else {
        0
    }
}

/// The emoji class of `c`, from the generated table.
fn class(c: char) -> Option<u8> {
    let cp = c as u32;
    let at = tables::EMOJI.partition_point(|&(lo, _, _)| lo <= cp);
    let &(_, hi, class) = tables::EMOJI.get(at.checked_sub(1)?)?;
    (cp <= hi).then_some(class)
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn is_tag_spec(c: char) -> bool {
    ('\u{E0020}'..='\u{E007E}').contains(&c)
}

/// The length of one element at the start of `s`.
fn element(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    let (_, first) = chars.next()?;
    let after = |i: usize, c: char| i + c.len_utf8();
    // Keycap: a digit, `#` or `*`, perhaps the presentation selector, the keycap mark.
    if matches!(first, '0'..='9' | '#' | '*') {
        let mut rest = s[1..].chars();
        let mut len = 1;
        let mut next = rest.next();
        if next == Some(EMOJI_PRESENTATION) {
            len += EMOJI_PRESENTATION.len_utf8();
            next = rest.next();
        }
        return (next == Some(KEYCAP)).then_some(len + KEYCAP.len_utf8());
    }
    let first_class = class(first)?;
    if is_regional_indicator(first) {
        return match chars.next() {
            Some((i, c)) if is_regional_indicator(c) => Some(after(i, c)),
            _ => Some(first.len_utf8()),
        };
    }
    let mut end = first.len_utf8();
    match chars.peek() {
        Some(&(i, EMOJI_PRESENTATION)) => {
            end = after(i, EMOJI_PRESENTATION);
            chars.next();
        }
        Some(&(i, c))
            if first_class == tables::EMOJI_MODIFIER_BASE
                && class(c) == Some(tables::EMOJI_MODIFIER) =>
        {
            end = after(i, c);
            chars.next();
        }
        _ => {}
    }
    // A tag sequence counts only when it is closed and one of the recommended ones (the
    // subdivision flags): other tags (a black flag, tags spelling a term, a cancel tag)
    // are judged as the characters they are.
    let mut tags = 0;
    for (i, c) in chars {
        if is_tag_spec(c) {
            tags += 1;
        } else {
            let whole = &s[..after(i, c)];
            if c == TAG_END && tags > 0 && tables::RGI_EMOJI_TAG_SEQUENCES.contains(&whole) {
                end = whole.len();
            }
            break;
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_that_may_continue_a_sequence_has_a_lead_byte_looked_for() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| may_continue(c))
        {
            assert!(may_continue_at(&c.to_string(), 0), "{c:?}");
        }
    }

    #[test]
    fn a_sequence_continues_with_a_character_that_may_continue_one() {
        for &(lo, hi, class) in &tables::EMOJI {
            if class == tables::EMOJI_MODIFIER {
                for c in (lo..=hi).filter_map(char::from_u32) {
                    assert!(may_continue_at(&c.to_string(), 0), "{c:?}");
                }
            }
        }
        for s in [
            "1\u{FE0F}\u{20E3}",
            "#\u{20E3}",
            "\u{1F1EF}\u{1F1F5}",
            "\u{1F44D}\u{1F3FD}",
            "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
            "\u{2764}\u{FE0F}",
        ] {
            assert!(sequence_len(s) > 0, "{s:?}");
            let second = s.chars().next().unwrap().len_utf8();
            assert!(may_continue_at(s, second), "{s:?}");
        }
    }

    #[test]
    fn every_emoji_may_start_a_sequence() {
        for &(lo, hi, _) in &tables::EMOJI {
            for c in (lo..=hi).filter_map(char::from_u32) {
                let kind = crate::normalize::kind_in(crate::normalize::bmp_index(), c);
                assert!(may_start(c, kind) || kind == tables::Kind::Letter, "{c:?}");
            }
        }
    }

    #[test]
    fn sequences_are_measured_whole() {
        for seq in [
            "👨\u{200D}👩\u{200D}👧",                                   // family, ZWJ
            "👍🏽",                                                       // skin tone
            "👩🏾\u{200D}💻",                                             // modifier, then ZWJ
            "❤\u{FE0F}\u{200D}🔥",                                      // presentation, then ZWJ
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", // Scotland
            "#\u{FE0F}\u{20E3}",                                        // keycap
            "1\u{20E3}",                                                // keycap, unqualified
            "🇫🇷",                                                       // flag
            "☺\u{FE0F}",                                                // presentation
        ] {
            assert_eq!(sequence_len(seq), seq.len(), "{seq:?}");
            assert_eq!(sequence_len(&format!("{seq} Apps")), seq.len(), "{seq:?}");
        }
    }

    #[test]
    fn what_is_not_a_sequence_is_not_one() {
        for (s, len) in [
            ("a\u{200D}b", 0),           // a joiner between letters
            ("👨\u{200D}", 0),           // a joiner with nothing to join
            ("👨\u{200D}a", 0),          // nor with a letter
            ("🏴\u{E0067}\u{E0062}", 0), // an unclosed tag sequence
            ("x\u{E0067}\u{E007F}", 0),  // tags after a letter
            ("😀", 0),                   // a single emoji holds nothing more
            ("a🏽", 0),                  // a modifier after a letter
            ("🌍🏽", 0),                 // nor after an emoji that takes none
            ("1", 0),
            ("🇫", 0),
        ] {
            assert_eq!(sequence_len(s), len, "{s:?}");
        }
        // The elements before a dangling joiner stay a sequence.
        assert_eq!(sequence_len("👍🏽\u{200D}"), "👍🏽".len());
    }
}
