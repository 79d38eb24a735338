"""The Rust conformance corpus (tests/data/conformance), through Python: the same
verdicts, rules and spans (converted from UTF-8 bytes to code points)."""

import json
import pathlib
import re

import pytest

from name_policy import Policy

CORPUS = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "conformance"
VIOLATION = re.compile(r"^(?P<rule>[^~]+?)(?P<typo>~(?:typo|two|sound|translit))?@(?P<start>\d+)\.\.(?P<end>\d+)(?P<leet>\+leet)?$")


def load_cases():
    cases = []
    for path in sorted(CORPUS.glob("*.txt")):
        policy = None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("policy "):
                name = line[len("policy "):].strip()
                policy = name
                continue
            verdict, rest = line.split(None, 1)
            decoder = json.JSONDecoder()
            name, end = decoder.raw_decode(rest)
            tail = rest[end:].split(" #", 1)[0].split()
            violations = []
            for token in tail:
                m = VIOLATION.match(token)
                assert m, "%s:%d: %r" % (path.name, number, token)
                violations.append((m["rule"], int(m["start"]), int(m["end"])))
            cases.append(pytest.param(policy, verdict, name, violations, id="%s:%d" % (path.name, number)))
    return cases


_POLICIES = {}


def policy_of(name):
    if name not in _POLICIES:
        if name == "marketplace":
            _POLICIES[name] = Policy.marketplace()
        else:
            _POLICIES[name] = Policy.from_file(CORPUS / name)
    return _POLICIES[name]


CASES = load_cases()


def test_the_corpus_is_there():
    assert len(CASES) > 1000


@pytest.mark.parametrize("policy,verdict,name,violations", CASES)
def test_conformance(policy, verdict, name, violations):
    p = policy_of(policy)
    report = p.check(name)
    assert report.verdict == verdict, report.violations
    assert p.is_allowed(name) == (verdict == "allow")
    raw = name.encode("utf-8")
    got = sorted((v.rule, v.span) for v in report.violations)
    want = sorted(
        (rule, (len(raw[:start].decode("utf-8")), len(raw[:end].decode("utf-8"))))
        for rule, start, end in violations
    )
    assert got == want
    for v in report.violations:
        assert name[v.span[0]:v.span[1]] == v.matched
