import os
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

def read_names(path: Union[str, os.PathLike[str]]) -> List[str]: ...

class PolicyError(Exception):
    """A policy could not be built; the message is the Rust one (`line:column: ...`)."""

class Reading:
    """One step from the name as written to the term."""
    span: Tuple[int, int]
    from_: str
    to: str
    why: str

class Violation:
    """One reason a name is not simply allowed; `name[span[0]:span[1]] == matched`."""
    rule: str
    kind: str
    category: str
    severity: str
    term: Optional[str]
    span: Tuple[int, int]
    matched: str
    message: str
    disguised: bool
    readings: List[Reading]
    edit: Optional[str]

class Report:
    """The verdict on a name ("allow", "review" or "deny") and every violation."""
    name: str
    verdict: str
    violations: List[Violation]

class Policy:
    """A compiled name policy: immutable, thread-safe and picklable."""
    def __init__(
        self,
        terms: Sequence[Union[str, Mapping[str, Any]]] = ...,
        *,
        extends: Union[None, str, Sequence[str]] = ...,
        exceptions: Sequence[str] = ...,
        leet: Optional[bool] = ...,
        typo_squats: Optional[str] = ...,
        disguised: Optional[str] = ...,
        max_input_bytes: Optional[int] = ...,
        regex: Sequence[Mapping[str, Any]] = ...,
        grants: Sequence[Mapping[str, Any]] = ...,
        protect: Iterable[str] = ...,
    ) -> None: ...
    @classmethod
    def from_toml(cls, text: str) -> "Policy": ...
    @classmethod
    def from_file(cls, path: Union[str, os.PathLike[str]]) -> "Policy": ...
    @classmethod
    def marketplace(cls) -> "Policy": ...
    @classmethod
    def reserved(cls) -> "Policy": ...
    @property
    def text(self) -> str: ...
    def with_protected(self, names: Iterable[str]) -> "Policy": ...
    @property
    def protected_names(self) -> List[str]: ...
    def check(self, name: str, grants: Sequence[str] = ...) -> Report: ...
    def is_allowed(self, name: str, grants: Sequence[str] = ...) -> bool: ...
    def check_many(self, names: Iterable[str], grants: Sequence[str] = ...) -> List[Report]: ...
    def is_allowed_many(self, names: Iterable[str], grants: Sequence[str] = ...) -> List[bool]: ...
