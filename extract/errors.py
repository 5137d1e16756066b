"""Errors of the extraction side: each names the file or the offset at fault."""

from __future__ import annotations


class PolicyKGError(Exception):
    """Base class: the CLI prints the message on one line and exits non-zero."""


class InputError(PolicyKGError):
    """A file that cannot be read as a policy text."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
