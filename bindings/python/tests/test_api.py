"""The Python API: constructors, grants, pickling, errors and the batch calls."""

import pickle
import threading

import pytest
from hypothesis import given, settings, strategies as st

from name_policy import Policy, PolicyError, read_names


def test_check_reports_code_point_spans_and_readings():
    report = Policy.marketplace().check("株式会社 Ｍｉｃｒｏ-soft")
    assert report.verdict == "deny"
    v = report.violations[0]
    assert (v.rule, v.kind, v.category, v.severity, v.term) == (
        "trademark.microsoft", "term", "trademark", "deny", "Microsoft")
    assert v.span == (5, 15)
    assert report.name[5:15] == v.matched == "Ｍｉｃｒｏ-soft"
    assert v.disguised
    assert [(r.why, r.from_, r.to, r.span) for r in v.readings][-1] == ("separator", "-", "", (10, 11))
    typo = Policy.marketplace().check("Mircosoft").violations[0]
    assert (typo.kind, typo.edit) == ("typo-squat", '"cr" swapped')


def test_misspelling_checks_are_switched_by_keyword():
    sound = Policy.marketplace().check("Mycrowsoft").violations[0]
    assert (sound.kind, sound.severity, sound.span) == ("sound-alike", "review", (0, 10))
    two = Policy.marketplace().check("Micrsfot Labs").violations[0]
    assert (two.kind, two.rule) == ("two-edits", "trademark.microsoft")
    assert '"o" missing' in two.message
    off = Policy(extends="marketplace", two_edits="review", sound_alikes="off")
    assert off.check("Mycrowsoft").verdict == "allow"
    assert off.check("Micrsfot Labs").verdict == "review"
    deny = Policy(extends="marketplace", sound_alikes="deny")
    assert deny.check("Mycrowsoft").verdict == "deny"


def test_transliterated_names_are_read_in_latin_letters():
    v = Policy.marketplace().check("Микрософт Македонија").violations[0]
    assert (v.kind, v.severity, v.rule) == ("transliterated", "review", "trademark.microsoft")
    assert [(r.why, r.to) for r in v.readings] == [("transliteration", "mikrosoft")]
    off = Policy(extends="marketplace", transliteration="off")
    assert off.check("Микрософт Македонија").verdict == "allow"


def test_keyword_constructor_mirrors_the_builder():
    policy = Policy(
        ["Contoso", {"text": "admin", "scope": "word", "severity": "review", "category": "reserved"}],
        extends="marketplace",
        exceptions=["Contoso Bay"],
        grants=[{"id": "contoso-ltd", "rules": ["custom.contoso"]}],
    )
    assert policy.check("C0nt0so Cloud").verdict == "deny"
    assert policy.check("Contoso Bay Fishing").verdict == "allow"
    assert policy.check("The Admin Team").verdict == "review"
    assert policy.check("Badminton").verdict == "allow"
    assert policy.check("Azure").verdict == "deny"
    assert policy.check("Contoso Cloud", grants=["contoso-ltd"]).verdict == "allow"
    assert policy.is_allowed("Contoso Cloud", grants=["contoso-ltd"])


def test_grants_lift_exactly_their_rules_and_unknown_ones_raise():
    policy = Policy.marketplace()
    assert policy.check("Microsoft Azure Labs", grants=["verified-microsoft"]).verdict == "allow"
    assert policy.check("Microsoft  Labs", grants=["verified-microsoft"]).verdict == "review"
    with pytest.raises(ValueError, match='unknown grant "verified-google"'):
        policy.check("Azure", grants=["verified-google"])


def test_policy_errors_carry_the_rust_message():
    with pytest.raises(PolicyError) as err:
        Policy.from_toml('version = 1\n[[terms]]\ntext = "Contoso"\nseverty = "review"\n')
    assert str(err.value).startswith("4:1: unknown field `severty`")


def test_policy_files_name_themselves_in_errors(tmp_path):
    good = tmp_path / "policy.toml"
    good.write_text('version = 1\nextends = "marketplace"\n[[terms]]\ntext = "Contoso"\n', encoding="utf-8")
    assert Policy.from_file(good).check("C0nt0so Labs").verdict == "deny"
    assert Policy.from_file(str(good)).check("Azure").verdict == "deny"
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n[[terms]]\ntext = "Contoso"\nseverty = "review"\n', encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        Policy.from_file(bad)
    assert str(err.value).startswith("%s:4:1: unknown field `severty`" % bad)
    with pytest.raises(OSError):
        Policy.from_file(tmp_path / "missing.toml")


def test_policies_pickle_and_share_between_threads():
    policy = Policy(["Contoso"], extends=["marketplace", "reserved"])
    copy = pickle.loads(pickle.dumps(policy))
    names = ["Contoso", "admin", "Azure", "Fine Name", "Micr0soft"]
    assert [r.verdict for r in copy.check_many(names)] == [r.verdict for r in policy.check_many(names)]
    results = []
    threads = [threading.Thread(target=lambda: results.append(policy.is_allowed_many(names * 100))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == [False, False, False, True, False] * 100 for r in results)


def test_batch_calls_agree_with_single_calls():
    policy = Policy.marketplace()
    names = ["Contoso Azure Labs", "Contoso Labs", "Аzure", "", "x" * 300, "Mircosoft"]
    assert policy.is_allowed_many(names) == [policy.is_allowed(n) for n in names]
    # A name with a newline takes the name-by-name way; a lone surrogate cannot be read.
    assert policy.is_allowed_many(["Fine Name", "Fine\nAzure"]) == [True, False]
    assert policy.is_allowed_many([]) == []
    with pytest.raises(TypeError):
        policy.is_allowed_many(["Fine", 5])
    with pytest.raises(UnicodeEncodeError):
        policy.is_allowed_many(["Fine", "\udc80"])
    assert [r.verdict for r in policy.check_many(names)] == [policy.check(n).verdict for n in names]


def test_batches_of_many_chunks_agree_with_single_calls():
    # Tens of thousands of names span several of the chunks that Python joins while Rust
    # checks; a name with a newline sends only its own chunk the name-by-name way.
    policy = Policy.marketplace()
    base = ["Contoso", "Azure", "Fine\nName", "Mircosoft", "", "Аzure Labs", "株式会社山田"]
    names = ["%s %d" % (base[i % len(base)], i % 11) for i in range(70_000)]
    names[45_000] = "Contoso\nAzure"
    expected = [policy.is_allowed(n) for n in names]
    assert policy.is_allowed_many(names) == expected
    assert policy.is_allowed_many(n for n in names) == expected
    assert policy.is_allowed_many(names, grants=["verified-microsoft"]) == [
        policy.is_allowed(n, grants=["verified-microsoft"]) for n in names
    ]
    names[60_000] = None
    with pytest.raises(TypeError):
        policy.is_allowed_many(names)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=40))
def test_any_batch_agrees_with_single_calls(names):
    policy = Policy.marketplace()
    assert policy.is_allowed_many(names) == [policy.is_allowed(n) for n in names]


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_text_gets_one_report_whose_spans_slice_the_name(name):
    policy = Policy.marketplace()
    report = policy.check(name)
    assert report.name == name
    assert report.verdict in ("allow", "review", "deny")
    assert policy.is_allowed(name) == (report.verdict == "allow")
    for v in report.violations:
        assert name[v.span[0]:v.span[1]] == v.matched
        for r in v.readings:
            assert name[r.span[0]:r.span[1]] == r.from_


def test_protected_names_are_held_to_their_imitations():
    policy = Policy.marketplace().with_protected(["request", "cross-env", "@angular/cli", "fabric"])
    assert policy.protected_names == ["request", "cross-env", "@angular/cli", "fabric"]
    kinds = {
        name: [(v.kind, v.term, v.severity) for v in policy.check(name).violations]
        for name in ["crossenv", "requst", "angular-cli", "node-fabric", "request"]
    }
    assert kinds == {
        "crossenv": [("protected-name", "cross-env", "deny")],
        "requst": [("protected-typo", "request", "review")],
        "angular-cli": [("scope-game", "@angular/cli", "review")],
        "node-fabric": [("combo-squat", "fabric", "review")],
        "request": [],
    }
    assert policy.check("requst").violations[0].edit == '"e" missing'
    # The preset still applies, and a keyword policy protects names too.
    assert policy.check("Azure Fabric").verdict == "deny"
    keyword = Policy(["Contoso"], protect=["lodash"])
    assert keyword.check("l0dash").verdict == "deny" and keyword.check("Contoso").verdict == "deny"
    # Pickled (as Spark ships a policy to its workers), the names go along.
    copy = pickle.loads(pickle.dumps(policy))
    assert copy.protected_names == policy.protected_names
    assert copy.check("requst").verdict == "review"


def test_a_policy_file_s_protected_names_are_read_beside_it(tmp_path):
    (tmp_path / "top.txt").write_text("# most popular first\nlodash\n\nexpress\n", encoding="utf-8")
    (tmp_path / "policy.toml").write_text('version = 1\nprotect = ["top.txt"]\n', encoding="utf-8")
    policy = Policy.from_file(tmp_path / "policy.toml")
    assert policy.protected_names == ["lodash", "express"]
    assert policy.check("expres").verdict == "review"
    assert read_names(tmp_path / "top.txt") == ["lodash", "express"]
    (tmp_path / "broken.toml").write_text('version = 1\nprotect = ["missing.txt"]\n', encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        Policy.from_file(tmp_path / "broken.toml")
    assert str(e.value).startswith("%s:2:" % (tmp_path / "broken.toml"))
    assert "cannot read protected names" in str(e.value)
