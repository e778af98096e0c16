"""The one family of errors a user can act on.

Every error that comes from bad input derives from :class:`MapgenError` (and
``ValueError``), so the CLI can print it cleanly and exit 1, while a bug still
shows its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located precisely enough to fix it."""

    file: str
    where: str
    field: str
    message: str
    severity: str = "error"  # "warning": only detail is lost (the place is still mapped); --strict makes it an error

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def __str__(self) -> str:
        parts = [self.file]
        if self.where:
            parts.append(self.where)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts) + ": " + self.message


class MapgenError(ValueError):
    """Bad input or options: the message says what to fix."""


class OptionError(MapgenError):
    """An option's value the library refuses (an unknown layer key, a zoom out of range).

    ``option`` names the keyword argument (``"layers"``, ``"zoom"``), so the CLI
    reports it as a usage error of ``--layers`` or ``--zoom``: the value is
    checked once, here, for Python callers and the command line alike.
    """

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(message)


class ProblemsError(MapgenError):
    """Several problems found at once, reported together."""

    def __init__(self, problems: Sequence[Problem], summary: str = "") -> None:
        self.problems = tuple(problems)
        lines = [summary] if summary else []
        lines += [str(p) for p in self.problems]
        super().__init__("\n".join(lines))


class GazetteerError(ProblemsError):
    """The gazetteer file cannot be used as it is."""


class TextError(MapgenError):
    """An article text or its sidecar cannot be read."""


class OutputError(MapgenError):
    """The output path cannot be written as asked."""
