"""The one family of errors a user can act on, and the one shape of a problem.

Every error that comes from bad input derives from :class:`MapgenError` (and
``ValueError``), so the CLI can print it cleanly and exit 1, while a bug still
shows its traceback. Each carries its :class:`Problem` s (file, feature or
line, field, and a message saying what was expected and what was found), one
or many: a caller can list them, the message is their lines.
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
        """'file: where: field: message', leaving out the parts that are empty."""
        return ": ".join(part for part in (self.file, self.where, self.field, self.message) if part)


class MapgenError(ValueError):
    """Bad input or options: one or more :class:`Problem` s, each saying what to fix.

    Give a message (one problem, the file named in it), a :class:`Problem`, or
    a list of them with an optional ``summary`` line first ("x.toml: 3
    problem(s) in the profile:"). ``problems`` always holds them.
    """

    def __init__(self, problems: str | Problem | Sequence[Problem] = "", summary: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem("", "", "", problems)] if problems else []
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.summary = summary
        lines = [summary] if summary else []
        lines += [str(p) for p in self.problems]
        super().__init__("\n".join(lines))


class OptionError(MapgenError):
    """An option's value the library refuses (an unknown layer key, a zoom out of range).

    ``option`` names the keyword argument (``"layers"``, ``"zoom"``), so the CLI
    reports it as a usage error of ``--layers`` or ``--zoom``: the value is
    checked once, here, for Python callers and the command line alike.
    """

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(message)


class GazetteerError(MapgenError):
    """The gazetteer file cannot be used as it is."""


class TextError(MapgenError):
    """An article text or its sidecar cannot be read."""


class OutputError(MapgenError):
    """The output path cannot be written as asked."""
