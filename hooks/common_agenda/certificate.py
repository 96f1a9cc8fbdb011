"""The certificate page: one certificate that credits what a learner has done (each module whose
quiz they passed, with the date and its time), and per role, what its core path still needs.

The page is the same for everyone. What a learner has done is read in their browser by
`docs/assets/certificate.js`, from the progress saved there; so the build only writes down which
module has which quiz and time, and which modules each role's core path draws on. Nothing about a
learner reaches a server.

A certificate names a role's core path only when the quiz of every module that path draws on is
passed (a quiz covers its whole module, sections and all), and names the full curriculum rather
than any role once every quiz is passed: passing everything must not make a case manager a
police officer. Without core paths (a project that has not written them) it names no path.
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
    """One role and the modules whose quizzes count for its core path (its full path when the
    project has no core paths: shown as progress, never named on the certificate)."""

    path: RolePath
    modules: tuple[Module, ...]
    quizzes: tuple[Quiz, ...]

    @property
    def core(self) -> bool:
        return bool(self.path.core)

    @property
    def title(self) -> str:
        return self.path.title.replace("Path for", "Core path for", 1) if self.core else self.path.title


def certificates(content: Content) -> list[PathCertificate]:
    """Quizzes follow the modules, so a module added to a core path adds its quiz here too."""
    found = []
    for path in role_paths(content):
        modules = path.core_modules if path.core else path.modules
        found.append(PathCertificate(path, modules, tuple(q for m in modules if (q := content.quiz_for(m.id)))))
    return found


def records(content: Content) -> list[tuple[Module, Quiz]]:
    """Every module that has a quiz, in teaching order: the rows a certificate can hold."""
    return [(m, q) for m in content.modules if (q := content.quiz_for(m.id))]


def page_markdown(content: Content) -> str:
    return render("certificate_page.md.j2", certificates=certificates(content), records=records(content),
                  duration=duration, quiz_for=content.quiz_for)
