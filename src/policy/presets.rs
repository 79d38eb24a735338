//! The built-in presets: the marketplace guideline (Microsoft and Azure) and reserved
//! names, as builders to extend and as policies built once per process.

use std::sync::LazyLock;

use super::{Policy, PolicyBuilder, Term};
use crate::grant::Grant;
use crate::matcher::structure::Structure;
use crate::matcher::MatchScope;
use crate::rule::Category;

/// The reserved preset's whole names, each group with what it is.
const RESERVED_WHOLE: &[(&[&str], &str)] = &[
    (
        &[
            "admin",
            "administrator",
            "root",
            "superuser",
            "sysadmin",
            "support",
            "help",
            "helpdesk",
            "security",
            "billing",
            "official",
            "staff",
            "moderator",
            "mod",
            "system",
            "owner",
            "team",
        ],
        "the platform or its staff",
    ),
    (
        // RFC 2142, "Mailbox names for common services, roles and functions".
        &[
            "postmaster",
            "hostmaster",
            "webmaster",
            "abuse",
            "noc",
            "info",
            "marketing",
            "sales",
            "usenet",
            "news",
            "uucp",
            "ftp",
        ],
        "an RFC 2142 mailbox name",
    ),
    (
        &[
            "www", "api", "mail", "smtp", "imap", "pop3", "ns1", "ns2", "dns", "cdn", "status",
        ],
        "a host name of the platform",
    ),
    (
        &[
            "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
            "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
        ],
        "a Windows device name, which no file or folder may be called",
    ),
];

/// The reserved preset's words that claim authority inside a longer name.
const RESERVED_WORDS: &[&str] = &["admin", "administrator", "moderator", "official", "staff"];

/// "Microsoft" as the company writes it in the scripts of its largest markets: the names
/// of its subsidiaries and its localized pages (日本マイクロソフト株式会社, 微软(中国)有限公司,
/// 台灣微軟, 한국마이크로소프트, ООО «Майкрософт Рус», and the Arabic, Hebrew, Thai and Hindi
/// editions of microsoft.com). Azure keeps its Latin name in every market.
const MICROSOFT_ALIASES: [&str; 9] = [
    "マイクロソフト",
    "微软",
    "微軟",
    "마이크로소프트",
    "Майкрософт",
    "مايكروسوفت",
    "מיקרוסופט",
    "ไมโครซอฟท์",
    "माइक्रोसॉफ्ट",
];

static MARKETPLACE: LazyLock<Policy> = LazyLock::new(|| {
    PolicyBuilder::marketplace()
        .build()
        .expect("the marketplace preset is valid")
});

impl PolicyBuilder {
    /// A builder that starts from the marketplace preset (see [`Policy::marketplace`]),
    /// to extend it with terms and rules of your own.
    pub fn marketplace() -> PolicyBuilder {
        Policy::builder()
            .term(
                Term::deny("Microsoft")
                    .with_category(Category::Trademark)
                    .with_id("trademark.microsoft")
                    .with_reason("names must not contain the Microsoft trademark")
                    .with_aliases(MICROSOFT_ALIASES),
            )
            .term(
                Term::deny("Azure")
                    .with_category(Category::Trademark)
                    .with_id("trademark.azure")
                    .with_reason("names must not contain the Azure trademark")
                    // Ordinary words one edit away from "azure": French and Italian for
                    // sky blue ("Côte d'Azur", "Azzurra") are not typo-squats.
                    .except("Azur")
                    .except("Azura")
                    // Ordinary words that hold "azure" only across a morpheme boundary,
                    // where a reader never sees it (`examples/audit.rs` over Debian's word
                    // lists found them): German "dazu|rechnen" and "dazu|rechenbar", Dutch
                    // "gla|zuren" and "la|zuren" (glazes). The French "azuré" and Italian
                    // "azzurre" are the word itself and stay denied.
                    .except("Dazurech")
                    .except("Glazuren")
                    .except("Lazuren"),
            )
            .grant(
                Grant::new(
                    "verified-microsoft",
                    ["trademark.microsoft", "trademark.azure"],
                )
                .with_reason(
                    "Microsoft's own verified publisher accounts: check their names with \
                         this grant (`Policy::grants([\"verified-microsoft\"])`, `check \
                         --grant verified-microsoft`) to let them use the marks",
                ),
            )
            .structure(Structure::recommended())
    }

    /// A builder that starts from the reserved-names preset (see [`Policy::reserved`]).
    pub fn reserved() -> PolicyBuilder {
        let reason = |what: &str| format!("reserved: {what}");
        let mut builder = Policy::builder();
        // Whole names that impersonate the platform, its staff or its mail and host
        // names: denied as the whole name, in any disguise (`Adm1n`, `ＲＯＯＴ`).
        for (names, what) in RESERVED_WHOLE {
            for name in *names {
                builder = builder.term(
                    Term::deny(*name)
                        .with_scope(MatchScope::Exact)
                        .with_category(Category::Reserved)
                        .with_id(format!("reserved.{}", name.to_ascii_lowercase()))
                        .with_reason(reason(what))
                        .with_typo_squats(false),
                );
            }
        }
        // Words that claim authority inside a longer name (`The Admin Team`, `Official
        // Support`): a person decides.
        for name in RESERVED_WORDS {
            builder = builder.term(
                Term::review(*name)
                    .with_scope(MatchScope::Word)
                    .with_category(Category::Reserved)
                    .with_id(format!("reserved.word.{name}"))
                    .with_reason(reason("a word that claims to speak for the platform"))
                    .with_typo_squats(false),
            );
        }
        builder
    }
}

impl Policy {
    /// The built-in preset from the marketplace guideline: names must not contain
    /// "Microsoft" or "Azure", in any disguise; near-misspellings go to review.
    ///
    /// Microsoft's own verified publishers may use the marks: the preset names the grant
    /// `verified-microsoft`, which lifts `trademark.microsoft` and `trademark.azure`. A
    /// registry checks those publishers' names with it and everyone else's without:
    ///
    /// ```
    /// use name_policy::{Policy, Verdict};
    ///
    /// let policy = Policy::marketplace();
    /// let verified = policy.grants(["verified-microsoft"])?;
    /// assert_eq!(policy.check_granted("Azure Partner Labs", &verified).verdict(), Verdict::Allow);
    /// assert_eq!(policy.check("Azure Partner Labs").verdict(), Verdict::Deny);
    /// # Ok::<(), name_policy::GrantError>(())
    /// ```
    ///
    /// Built once per process; each call returns a cheap clone.
    pub fn marketplace() -> Policy {
        MARKETPLACE.clone()
    }

    /// The built-in reserved-names preset: names that impersonate the platform or its
    /// staff. Each of `admin`, `administrator`, `root`, `support`, `help`, `security`,
    /// `billing`, `official`, `staff`, `moderator`, `system` and a few more, the RFC 2142
    /// mailbox names (`postmaster`, `abuse`, `noc`...), common host names (`www`, `api`,
    /// `mail`...) and the Windows device names (`CON`, `PRN`, `AUX`, `NUL`, `COM1`-`COM9`,
    /// `LPT1`-`LPT9`) is denied as the whole name (rule `reserved.<name>`, in any
    /// disguise); `admin`, `administrator`, `moderator`, `official` and `staff` as a word
    /// of a longer name go to review (`reserved.word.<name>`). None has typo-squats:
    /// they are ordinary words. Combine it with another preset with
    /// [`PolicyBuilder::extend`], or `extends = ["marketplace", "reserved"]` in a file.
    ///
    /// ```
    /// use name_policy::{Policy, Verdict};
    ///
    /// let policy = Policy::reserved();
    /// assert_eq!(policy.check("Adm1n").verdict(), Verdict::Deny);
    /// assert_eq!(policy.check("LPT1").verdict(), Verdict::Deny);
    /// assert_eq!(policy.check("The Admin Team").verdict(), Verdict::Review);
    /// assert_eq!(policy.check("Contoso Support").verdict(), Verdict::Allow);
    /// assert_eq!(policy.check("Badminton Club").verdict(), Verdict::Allow);
    /// ```
    pub fn reserved() -> Policy {
        static RESERVED: LazyLock<Policy> = LazyLock::new(|| {
            PolicyBuilder::reserved()
                .build()
                .expect("the reserved preset is valid")
        });
        RESERVED.clone()
    }
}
