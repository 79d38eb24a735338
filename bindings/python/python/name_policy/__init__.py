"""Decide whether a proposed account or publisher name may be registered.

The Python face of the Rust crate name-policy: the same policy files, the same
verdicts and spans as the crate and its ``check`` binary. Spans are Python string
indices (code points), so ``name[start:end] == violation.matched``.

>>> from name_policy import Policy
>>> policy = Policy.marketplace()
>>> policy.check("Contoso Azure Labs").verdict
'deny'
"""

import os
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Union

from ._native import NativePolicy, PolicyError, Reading, Report, Violation

__all__ = ["Policy", "PolicyError", "Report", "Violation", "Reading", "read_names"]


def read_names(path: "Union[str, os.PathLike[str]]") -> List[str]:
    """The names of a file of names, one a line, in order (lines trimmed, blank lines and
    lines starting with ``#`` skipped): the format of protected-name lists, as the
    ``check`` binary's ``--protect`` reads them."""
    with open(path, encoding="utf-8") as f:
        stripped = (line.strip() for line in f)
        return [line for line in stripped if line and not line.startswith("#")]


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        escaped = "".join(
            c if c not in '"\\' and ord(c) >= 0x20 and ord(c) != 0x7F else "\\u%04X" % ord(c)
            for c in value
        )
        return '"' + escaped + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError("a policy value must be a string, number, bool or list, not %r" % (value,))


def _table(name: str, entries: Iterable[Mapping[str, Any]]) -> str:
    out = []
    for entry in entries:
        out.append("[[%s]]" % name)
        for key, value in entry.items():
            out.append("%s = %s" % (key, _toml_value(value)))
        out.append("")
    return "\n".join(out)


class Policy:
    """A compiled name policy: immutable, thread-safe and picklable (it is rebuilt from
    its policy text)."""

    __slots__ = ("_native", "_text", "_base", "_protect")

    def __init__(
        self,
        terms: Sequence[Union[str, Mapping[str, Any]]] = (),
        *,
        extends: Union[None, str, Sequence[str]] = None,
        exceptions: Sequence[str] = (),
        leet: Optional[bool] = None,
        typo_squats: Optional[str] = None,
        two_edits: Optional[str] = None,
        sound_alikes: Optional[str] = None,
        transliteration: Optional[str] = None,
        disguised: Optional[str] = None,
        max_input_bytes: Optional[int] = None,
        regex: Sequence[Mapping[str, Any]] = (),
        grants: Sequence[Mapping[str, Any]] = (),
        protect: Iterable[str] = (),
    ) -> None:
        """A policy from keywords, as the Rust builder and the policy file take them:
        ``terms`` are strings or mappings of a ``[[terms]]`` entry's keys (``text``,
        ``severity``, ``scope``, ``category``, ``reason``, ``id``, ``exceptions``,
        ``aliases``, ``typo_squats``, ``two_edits``, ``sound_alikes``,
        ``transliteration``); ``typo_squats``, ``two_edits``, ``sound_alikes`` and
        ``transliteration`` set the level of each check ("review", "deny" or "off";
        typo-squats are on at review, the other three off unless set); ``protect`` is a
        registry's own names, most popular first, that a name may not pass for (see
        ``with_protected``)."""
        lines = ["version = 1"]
        if extends is not None:
            lines.append("extends = %s" % _toml_value(extends if isinstance(extends, str) else list(extends)))
        for key, value in (("leet", leet), ("disguised", disguised), ("max_input_bytes", max_input_bytes)):
            if value is not None:
                lines.append("%s = %s" % (key, _toml_value(value)))
        if exceptions:
            lines.append("exceptions = %s" % _toml_value(list(exceptions)))
        for table, level in (("typo_squats", typo_squats), ("two_edits", two_edits), ("sound_alikes", sound_alikes), ("transliteration", transliteration)):
            if level is not None:
                lines.append("[%s]\nseverity = %s" % (table, _toml_value(level)))
        lines.append("")
        text = "\n".join(lines)
        text += _table("terms", ({"text": t} if isinstance(t, str) else t for t in terms))
        text += _table("regex", regex)
        text += _table("grants", grants)
        self._set(text, None, tuple(protect))

    def _set(self, text: str, base: Optional[str], protect: Sequence[str]) -> None:
        native = NativePolicy.from_toml(text, base)
        self._native = native.with_protected(list(protect)) if protect else native
        self._text = text
        self._base = base
        self._protect = tuple(protect)

    @classmethod
    def _restore(cls, text: str, base: Optional[str], protect: Sequence[str]) -> "Policy":
        policy = cls.__new__(cls)
        policy._set(text, base, protect)
        return policy

    @classmethod
    def from_toml(cls, text: str) -> "Policy":
        """A policy from the TOML policy format; raises ``PolicyError`` with the Rust
        message (``line:column: ...``)."""
        return cls._restore(text, None, ())

    @classmethod
    def from_file(cls, path: "Union[str, os.PathLike[str]]") -> "Policy":
        """A policy from a TOML policy file, its lists of protected names
        (``protect = ["names.txt"]``) found beside it; raises ``PolicyError`` whose
        message names the file as the ``check`` binary does (``policy.toml:12:5: ...``),
        and ``OSError`` when the file cannot be read."""
        with open(path, encoding="utf-8") as f:
            text = f.read()
        base = os.path.dirname(os.path.abspath(os.fspath(path)))
        try:
            return cls._restore(text, base, ())
        except PolicyError as e:
            raise PolicyError("%s:%s" % (os.fspath(path), e)) from None

    def with_protected(self, names: Iterable[str]) -> "Policy":
        """The same policy, also protecting ``names`` (a registry's own names, most
        popular first): a name that passes for one of them as a whole is denied (the
        same name once case, separators, look-alikes and leetspeak are set aside) or
        flagged for review (a typo-squat, a scope game, a combo-squat), with the
        protected name as the violation's ``term``."""
        return Policy._restore(self._text, self._base, self._protect + tuple(names))

    @property
    def protected_names(self) -> List[str]:
        """The protected names, most popular first."""
        return self._native.protected_names()

    @classmethod
    def marketplace(cls) -> "Policy":
        """The built-in marketplace preset: no "Microsoft" or "Azure", in any disguise."""
        return cls.from_toml('version = 1\nextends = "marketplace"\n')

    @classmethod
    def reserved(cls) -> "Policy":
        """The built-in reserved-names preset."""
        return cls.from_toml('version = 1\nextends = "reserved"\n')

    @property
    def text(self) -> str:
        """The policy text this policy was built from."""
        return self._text

    def __reduce__(self):
        # Names protected by argument travel with the policy; lists a policy file names
        # are read again where it is rebuilt.
        return (Policy._restore, (self._text, self._base, self._protect))

    def _grants(self, grants: Sequence[str]):
        return self._native.grants(list(grants)) if grants else None

    def check(self, name: str, grants: Sequence[str] = ()) -> Report:
        """The verdict on ``name`` and every violation, with spans in code points."""
        return self._native.check(name, self._grants(grants))

    def is_allowed(self, name: str, grants: Sequence[str] = ()) -> bool:
        """Whether ``name`` may be registered as it is."""
        return self._native.is_allowed(name, self._grants(grants))

    def check_many(self, names: Iterable[str], grants: Sequence[str] = ()) -> List[Report]:
        """``check`` of every name, in parallel, without the GIL."""
        if not isinstance(names, list):
            names = list(names)
        return self._native.check_many(names, self._grants(grants))

    def is_allowed_many(self, names: Iterable[str], grants: Sequence[str] = ()) -> List[bool]:
        """``is_allowed`` of every name, in parallel, without the GIL while checking."""
        if not isinstance(names, list):
            names = list(names)
        return self._native.is_allowed_many(names, self._grants(grants))
