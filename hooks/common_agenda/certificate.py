"""The certificate page: for each role path, the quizzes to pass and a printable certificate, and
a record of each module whose quiz a learner has passed, printable before any path is finished.

The page is the same for everyone. Whether a learner has earned a certificate is decided in their
browser by `docs/assets/certificate.js`, from the quiz progress saved there; so the build only
writes down, per path, which modules and quizzes count. Nothing about a learner reaches a server.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import Content
from .modules import Module
from .quizzes import Quiz
from .render import render
from .role_paths import RolePath, duration, role_paths

PAGE_URI = "certificate.md"


@dataclass(frozen=True)
class PathCertificate:
    """One role path and the quizzes a learner must pass for its certificate, in teaching order."""

    path: RolePath
    quizzes: tuple[Quiz, ...]


def certificates(content: Content) -> list[PathCertificate]:
    """Quizzes follow the path's modules, so a module added to a path adds its quiz here too."""
    return [PathCertificate(path, tuple(q for m in path.modules if (q := content.quiz_for(m.id))))
            for path in role_paths(content)]


def records(content: Content) -> list[tuple[Module, Quiz]]:
    """Every module that has a quiz, in teaching order: the rows a learner's record can hold."""
    return [(m, q) for m in content.modules if (q := content.quiz_for(m.id))]


def page_markdown(content: Content) -> str:
    return render("certificate_page.md.j2", certificates=certificates(content), records=records(content),
                  duration=duration, quiz_for=content.quiz_for)
