//! The literal key of a name and the one slip that turns a protected name's key into
//! another: a letter left out, doubled, added, swapped with its neighbour, or written as
//! another (a key away on the keyboard, one bit away, or any other).

use crate::tables;

/// Keys longer than this many bytes are compared whole only, never for a slip.
pub(crate) const MAX_KEY: usize = 128;

/// The literal key of a name: its letters and digits lower-cased, the separators of
/// package names (`-`, `_`, `.`, space) and other ASCII punctuation left out, with where
/// each of its words (tokens) starts.
#[derive(Clone, Copy)]
pub(crate) struct Key {
    bytes: [u8; MAX_KEY],
    len: usize,
    /// Bit `i` of word `i / 64`: a token starts at byte `i`.
    starts: [u64; MAX_KEY / 64],
    /// Whether the whole name fitted.
    complete: bool,
}

impl Key {
    /// The key of `text` (a bare name or a scope).
    pub(crate) fn of(text: &str) -> Key {
        let mut key = Key {
            bytes: [0; MAX_KEY],
            len: 0,
            starts: [0; MAX_KEY / 64],
            complete: true,
        };
        key.append(text);
        key
    }

    /// Appends the key of `text` as further tokens.
    pub(crate) fn append(&mut self, text: &str) {
        let mut at_start = true;
        for c in text.chars() {
            if c.is_ascii() && !c.is_ascii_alphanumeric() {
                at_start = true;
                continue;
            }
            let mut buf = [0u8; 4];
            for lower in c.to_lowercase() {
                let bytes = lower.encode_utf8(&mut buf).as_bytes();
                if self.len + bytes.len() > MAX_KEY {
                    self.complete = false;
                    return;
                }
                if at_start {
                    self.starts[self.len / 64] |= 1 << (self.len % 64);
                    at_start = false;
                }
                self.bytes[self.len..self.len + bytes.len()].copy_from_slice(bytes);
                self.len += bytes.len();
            }
        }
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    pub(crate) fn is_complete(&self) -> bool {
        self.complete
    }

    /// Whether a token starts at byte `at`.
    pub(crate) fn starts_at(&self, at: usize) -> bool {
        at < MAX_KEY && self.starts[at / 64] & (1 << (at % 64)) != 0
    }

    /// The token (byte range) that holds byte `at` (or ends at it, for `at == len`).
    pub(crate) fn token_at(&self, at: usize) -> std::ops::Range<usize> {
        let at = at.min(self.len.saturating_sub(1));
        let start = (0..=at).rev().find(|&i| self.starts_at(i)).unwrap_or(0);
        let end = (at + 1..self.len)
            .find(|&i| self.starts_at(i))
            .unwrap_or(self.len);
        start..end
    }

    /// The tokens, in order.
    pub(crate) fn tokens(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let mut start = 0;
        std::iter::from_fn(move || {
            if start >= self.len {
                return None;
            }
            let token = self.token_at(start);
            start = token.end;
            Some(token)
        })
    }
}

/// How a written letter stands for the one it replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Near {
    /// A look-alike: `i` for `l` (a capital `I` is an `l`), a leet digit for its letter.
    LookAlike,
    /// A key away on a QWERTY keyboard.
    Keyboard,
    /// One bit away in ASCII (`buffer-8or` for `buffer-xor`): a flipped bit in memory.
    BitFlip,
    /// Any other letter.
    Other,
}

/// The one slip that turns the protected key into the name's key, with where it is in the
/// name's key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slip {
    /// The letter at `at` of the protected key is left out; `doubled` when the key
    /// doubles it, `at_end` when it is the key's last.
    Missing {
        at: usize,
        letter: u8,
        doubled: bool,
        at_end: bool,
    },
    /// The name adds `letter` at `at`; `repeat` when it doubles a neighbour, `at_end`
    /// when it is the name's last.
    Added {
        at: usize,
        letter: u8,
        repeat: bool,
        at_end: bool,
    },
    /// The name writes the protected key's two bytes at `at` the other way round.
    Swapped { at: usize, letters: [u8; 2] },
    /// The name moves `letter` two or three places (`rceat` for `react`); `at` is where
    /// the stretch it moves across starts.
    Moved { at: usize, letter: u8 },
    /// The name writes `written` at `at` for `expected`.
    Replaced {
        at: usize,
        written: u8,
        expected: u8,
        near: Near,
    },
}

impl Slip {
    /// The slip from `protected` to `name`, when there is exactly one and it is made on
    /// ASCII letters and digits.
    pub(crate) fn between(name: &[u8], protected: &[u8]) -> Option<Slip> {
        let slip = Slip::any_between(name, protected)?;
        let ascii = match slip {
            Slip::Missing { letter, .. } | Slip::Added { letter, .. } => letter.is_ascii(),
            Slip::Swapped { letters, .. } => letters.is_ascii(),
            Slip::Moved { letter, .. } => letter.is_ascii(),
            Slip::Replaced {
                written, expected, ..
            } => written.is_ascii() && expected.is_ascii(),
        };
        ascii.then_some(slip)
    }

    fn any_between(name: &[u8], protected: &[u8]) -> Option<Slip> {
        let i = name
            .iter()
            .zip(protected)
            .take_while(|(a, b)| a == b)
            .count();
        match name.len() as isize - protected.len() as isize {
            -1 if name[i..] == protected[i + 1..] => {
                let letter = protected[i];
                let doubled =
                    (i > 0 && protected[i - 1] == letter) || protected.get(i + 1) == Some(&letter);
                Some(Slip::Missing {
                    at: i,
                    letter,
                    doubled,
                    at_end: i + 1 == protected.len(),
                })
            }
            1 if name[i + 1..] == protected[i..] => {
                let letter = name[i];
                let repeat = (i > 0 && name[i - 1] == letter) || name.get(i + 1) == Some(&letter);
                Some(Slip::Added {
                    at: i,
                    letter,
                    repeat,
                    at_end: i + 1 == name.len(),
                })
            }
            0 if i < name.len() => {
                if name[i + 1..] == protected[i + 1..] {
                    let (written, expected) = (name[i], protected[i]);
                    let near = if look_alike(written, expected) {
                        Near::LookAlike
                    } else if keyboard_neighbours(written, expected) {
                        Near::Keyboard
                    } else if (written ^ expected).count_ones() == 1 {
                        Near::BitFlip
                    } else {
                        Near::Other
                    };
                    Some(Slip::Replaced {
                        at: i,
                        written,
                        expected,
                        near,
                    })
                } else if i + 1 < name.len()
                    && name[i] == protected[i + 1]
                    && name[i + 1] == protected[i]
                    && name[i + 2..] == protected[i + 2..]
                {
                    Some(Slip::Swapped {
                        at: i,
                        letters: [protected[i], protected[i + 1]],
                    })
                } else {
                    moved(name, protected, i)
                }
            }
            _ => None,
        }
    }

    /// Where the slip is in the name's key.
    pub(crate) fn at(self) -> usize {
        match self {
            Slip::Missing { at, .. }
            | Slip::Added { at, .. }
            | Slip::Swapped { at, .. }
            | Slip::Moved { at, .. }
            | Slip::Replaced { at, .. } => at,
        }
    }

    /// Whether people make this slip often enough that a name one slip from a protected
    /// name whose distinctive part (the key without affixes such as `py`) is `len` bytes
    /// long is worth a review. Each rule was measured on real typo-squats against a
    /// million innocent package names (`benches/examples/protect.rs`):
    /// - swapped letters are the surest slip, and count from four letters;
    /// - a look-alike letter (`jeIlyfish`) counts from five, anywhere;
    /// - a letter left out, doubled, not doubled or moved two or three places, or one
    ///   replaced by a neighbouring key or a flipped bit, counts from five letters, but
    ///   not on the first letter, which people notice: a replaced first letter counts
    ///   from six, and no other slip there;
    /// - a letter added inside the name counts from six; at its end it makes a plural
    ///   or a version, as a digit left off the end makes another version;
    /// - a letter replaced by an unrelated one is another word as often as not.
    pub(crate) fn counts_for(self, len: usize) -> bool {
        let first = self.at() == 0;
        match self {
            Slip::Swapped { .. } => len >= MIN_SWAP,
            Slip::Replaced {
                near: Near::LookAlike,
                ..
            } => len >= MIN_SLIP,
            Slip::Replaced {
                near: Near::Keyboard | Near::BitFlip,
                ..
            } if first => len >= MIN_FIRST,
            _ if first => false,
            // A version left off (`sqlite` beside `sqlite3`) is another package.
            Slip::Missing {
                letter,
                at_end: true,
                ..
            } if letter.is_ascii_digit() => false,
            Slip::Missing { .. }
            | Slip::Added { repeat: true, .. }
            | Slip::Moved { .. }
            | Slip::Replaced {
                near: Near::Keyboard | Near::BitFlip,
                ..
            } => len >= MIN_SLIP,
            // An added letter inside the name (`colourama`, `log-symboles`); at its end it
            // makes a plural or a version (`swipers`, `whoosh3`).
            Slip::Added {
                repeat: false,
                letter,
                at_end,
                ..
            } => !at_end && letter.is_ascii_lowercase() && len >= MIN_ADDED,
            Slip::Replaced {
                near: Near::Other, ..
            } => false,
        }
    }
}

impl Slip {
    /// The two slips from `protected` to `name` when there are exactly two that count
    /// together (see [`Slip::counts_with`]) on a protected key whose distinctive part is
    /// `len` bytes long: the first as the slip from `protected` to a key between the two,
    /// the second from that key to `name`. `None` when one slip or none makes the name.
    pub(crate) fn two_between(name: &[u8], protected: &[u8], len: usize) -> Option<[Slip; 2]> {
        if len < MIN_TWO
            || name.len().abs_diff(protected.len()) > 1
            || Slip::between(name, protected).is_some()
        {
            return None;
        }
        // Some shortest way from `protected` to `name` makes its first slip where they
        // first differ: each slip that may be made there, then one more.
        let i = name
            .iter()
            .zip(protected)
            .take_while(|(a, b)| a == b)
            .count();
        let mut between = [0u8; MAX_KEY + 1];
        let mut try_first = |parts: &[&[u8]]| -> Option<[Slip; 2]> {
            let mut n = 0;
            for part in parts {
                between.get_mut(n..n + part.len())?.copy_from_slice(part);
                n += part.len();
            }
            let between = &between[..n];
            let first = Slip::between(between, protected)?;
            let second = Slip::between(name, between)?;
            (first.counts_with(second, len) && second.counts_with(first, len))
                .then_some([first, second])
        };
        let (p, at) = (protected, name.get(i).copied());
        let mut found = None;
        // Left out, added, swapped, moved right or left two or three places.
        if i < p.len() {
            found = found.or_else(|| try_first(&[&p[..i], &p[i + 1..]]));
        }
        if let Some(b) = at {
            found = found.or_else(|| try_first(&[&p[..i], &[b], &p[i..]]));
        }
        if i + 1 < p.len() {
            found = found.or_else(|| try_first(&[&p[..i], &[p[i + 1], p[i]], &p[i + 2..]]));
        }
        for j in [i + 2, i + 3] {
            if j < p.len() {
                found = found
                    .or_else(|| try_first(&[&p[..i], &p[i + 1..=j], &[p[i]], &p[j + 1..]]))
                    .or_else(|| try_first(&[&p[..i], &[p[j]], &p[i..j], &p[j + 1..]]));
            }
        }
        found
    }

    fn is_swap(self) -> bool {
        matches!(self, Slip::Swapped { .. })
    }

    /// Whether this slip counts beside `other` in a name two slips from a protected name
    /// whose distinctive part is `len` bytes long. Measured like
    /// [`counts_for`](Slip::counts_for): a name two slips away is another word far more
    /// often than one a slip away (`defend` and `defined`), unless the slips are those of
    /// a hurried hand on a long name:
    /// - one of the two swaps neighbouring letters, and the other swaps two more, moves
    ///   a letter two or three places, leaves a letter out or doubles one;
    /// - neither is on the first letter, nor leaves out or adds the last;
    /// - and the protected name's distinctive part has [`MIN_TWO`] bytes or more (seven
    ///   let through as many innocent names again, for one more squat).
    fn counts_with(self, other: Slip, len: usize) -> bool {
        let kind = match self {
            Slip::Swapped { .. } | Slip::Moved { .. } => true,
            Slip::Missing { at_end, .. } => !at_end,
            Slip::Added {
                repeat: true,
                at_end: false,
                ..
            } => true,
            _ => false,
        };
        kind && self.at() > 0 && (self.is_swap() || other.is_swap()) && self.counts_for(len)
    }
}

/// The shortest protected key checked for two slips (`regenraotr` for `regenerator`).
pub(crate) const MIN_TWO: usize = 8;
/// The shortest protected key checked for swapped letters, the slip with the fewest
/// innocent look-alikes.
pub(crate) const MIN_SWAP: usize = 4;
/// The shortest protected key checked for the other slips.
pub(crate) const MIN_SLIP: usize = 5;
/// The shortest protected key checked for a letter added inside it.
pub(crate) const MIN_ADDED: usize = 6;
/// The shortest protected key checked for a first letter replaced by a neighbouring key
/// or a flipped bit.
pub(crate) const MIN_FIRST: usize = 6;

/// A letter of `protected` moved two or three places in `name` (equal lengths, first
/// difference at `i`).
fn moved(name: &[u8], protected: &[u8], i: usize) -> Option<Slip> {
    let j = (0..name.len()).rev().find(|&k| name[k] != protected[k])?;
    if !(i + 2..=i + 3).contains(&j) {
        return None;
    }
    let (n, p) = (&name[i..=j], &protected[i..=j]);
    // protected[i] moved right to j, or protected[j] moved left to i.
    let right = n[..n.len() - 1] == p[1..] && n[n.len() - 1] == p[0];
    let left = n[0] == p[p.len() - 1] && n[1..] == p[..p.len() - 1];
    match (right, left) {
        (true, _) => Some(Slip::Moved {
            at: i,
            letter: p[0],
        }),
        (_, true) => Some(Slip::Moved {
            at: i,
            letter: p[p.len() - 1],
        }),
        _ => None,
    }
}

/// Whether the digit `d` stands for the letter `letter` in leetspeak (`3` for `e`, `0`
/// for `o`), by the reader's tables.
pub(crate) fn digit_stands_for(d: u8, letter: u8) -> bool {
    let skeleton = |b: u8| tables::ASCII_SKELETON[usize::from(b)][0];
    d.is_ascii_digit()
        && (tables::ASCII_LEET[usize::from(d)].1.contains(&letter)
            || (skeleton(d).is_ascii_lowercase() && skeleton(d) == skeleton(letter)))
}

/// Whether `a` written for `b` (lower case) looks like it: `i` and `l` (as capitals, `I`
/// and `l`), or a leet digit and its letter.
fn look_alike(a: u8, b: u8) -> bool {
    matches!((a, b), (b'i', b'l') | (b'l', b'i'))
        || digit_stands_for(a, b)
        || digit_stands_for(b, a)
}

/// Whether `a` and `b` are neighbours on a QWERTY keyboard (rows and diagonals).
fn keyboard_neighbours(a: u8, b: u8) -> bool {
    const ROWS: [&[u8]; 4] = [b"1234567890", b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    let find = |c: u8| {
        ROWS.iter().enumerate().find_map(|(r, row)| {
            row.iter()
                .position(|&k| k == c)
                .map(|col| (r as isize, col as isize))
        })
    };
    match (find(a), find(b)) {
        (Some((ra, ca)), Some((rb, cb))) => {
            // Each row sits about half a key right of the one above it.
            let (dr, dc) = (rb - ra, cb - ca);
            a != b
                && dr.abs() <= 1
                && (dr == 0 && dc.abs() == 1
                    || dr == 1 && (dc == 0 || dc == -1)
                    || dr == -1 && (dc == 0 || dc == 1))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_separators_and_remember_tokens() {
        let key = Key::of("Babel-Loader_x.JS");
        assert_eq!(key.bytes(), b"babelloaderxjs");
        let tokens: Vec<_> = key.tokens().collect();
        assert_eq!(tokens, [0..5, 5..11, 11..12, 12..14]);
        assert_eq!(key.token_at(7), 5..11);
    }

    #[test]
    fn each_slip_is_named() {
        let slip = |a: &str, b: &str| Slip::between(a.as_bytes(), b.as_bytes());
        assert_eq!(
            slip("requst", "request"),
            Some(Slip::Missing {
                at: 4,
                letter: b'e',
                doubled: false,
                at_end: false
            })
        );
        assert_eq!(
            slip("expresss", "express"),
            Some(Slip::Added {
                at: 7,
                letter: b's',
                repeat: true,
                at_end: true
            })
        );
        assert_eq!(
            slip("babelloadre", "babelloader"),
            Some(Slip::Swapped {
                at: 9,
                letters: *b"er"
            })
        );
        assert!(matches!(
            slip("bufferxo2", "bufferxor"),
            Some(Slip::Replaced {
                near: Near::BitFlip,
                ..
            })
        ));
        assert!(matches!(
            slip("jquerz", "jquery"),
            Some(Slip::Replaced {
                near: Near::Other,
                ..
            })
        ));
        assert!(matches!(
            slip("reqiest", "request"),
            Some(Slip::Replaced {
                near: Near::Keyboard,
                ..
            })
        ));
        assert_eq!(
            slip("rceat", "react"),
            Some(Slip::Moved {
                at: 1,
                letter: b'c'
            })
        );
        assert_eq!(
            slip("degbu", "debug"),
            Some(Slip::Moved {
                at: 2,
                letter: b'g'
            })
        );
        assert_eq!(slip("request", "request"), None);

        assert_eq!(slip("rqeuets", "request"), None);
    }

    #[test]
    fn two_slips_are_named_in_order() {
        let two = |a: &str, b: &str| Slip::two_between(a.as_bytes(), b.as_bytes(), b.len());
        assert_eq!(
            two("mogobdjs", "mongodbjs"),
            Some([
                Slip::Missing {
                    at: 2,
                    letter: b'n',
                    doubled: false,
                    at_end: false
                },
                Slip::Swapped {
                    at: 4,
                    letters: *b"db"
                }
            ])
        );
        assert!(matches!(
            two("regenraotr", "regenerator"),
            Some([Slip::Missing { letter: b'e', .. }, Slip::Swapped { .. }])
        ));
        assert!(two("uglyfijs", "uglifyjs").is_some());
        assert!(two("requireports", "requiresport").is_some());
        // One slip, or two that do not count together.
        assert_eq!(two("mogodbjs", "mongodbjs"), None, "one slip");
        assert_eq!(two("mongodb", "mongodbjs"), None, "two letters off the end");
        assert_eq!(two("mangadbjs", "mongodbjs"), None, "two unrelated letters");
        assert_eq!(two("omgnodbjs", "mongodbjs"), None, "the first letter");
        assert_eq!(
            two("moongdbjs", "mongodbjs"),
            None,
            "a moved letter needs a swap"
        );
        assert_eq!(two("mogobd", "mongodb"), None, "too short");
    }

    #[test]
    fn keyboard_neighbours_are_symmetric() {
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                assert_eq!(
                    keyboard_neighbours(a, b),
                    keyboard_neighbours(b, a),
                    "{a} {b}"
                );
            }
        }
        assert!(keyboard_neighbours(b'u', b'i') && keyboard_neighbours(b'g', b'b'));
        assert!(!keyboard_neighbours(b'q', b'p'));
    }
}
