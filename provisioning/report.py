"""What a bootstrap step reports: the records it created, or why the desk cannot start."""

from dataclasses import dataclass, field


class BootstrapError(Exception):
    """The desk cannot be started; the message (French) says why and what to do."""


@dataclass
class BootstrapReport:
    created: dict = field(default_factory=dict)
    lines: list = field(default_factory=list)
    next_steps: list = field(default_factory=list)

    def count(self, label, n=1):
        if n:
            self.created[label] = self.created.get(label, 0) + n
