"""mkdocs build writes into a partial folder and swaps it in only on success (hooks/staged_site.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from common_agenda.staged_site import StagedSite


def built(staged: StagedSite, text: str) -> Path:
    """What MkDocs does between start and finish: write the site into the partial folder."""
    written = Path(staged.start())
    written.mkdir()
    (written / "index.html").write_text(text, encoding="utf-8")
    staged.succeeded = True
    staged.finish()
    return written


def test_a_staged_site_replaces_the_old_one_only_after_success(tmp_path):
    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text("old", encoding="utf-8")
    staged = StagedSite(final)
    written = Path(staged.start())
    assert written.parent == tmp_path and written.name.startswith("site.partial-")
    written.mkdir()
    (written / "index.html").write_text("new", encoding="utf-8")
    staged.failed()
    staged.finish()
    assert (final / "index.html").read_text(encoding="utf-8") == "old" and not written.exists()

    staged = StagedSite(final)
    built(staged, "new")
    assert (final / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_staged_site_into_a_linked_folder_keeps_the_link(tmp_path):
    real = tmp_path / "served"
    real.mkdir()
    (real / "stale.html").write_text("old", encoding="utf-8")
    final = tmp_path / "site"
    final.symlink_to(real)
    staged = StagedSite(final)
    built(staged, "new")
    assert final.is_symlink() and sorted(p.name for p in real.iterdir()) == ["index.html"]


def test_a_site_folder_that_leads_to_the_sources_is_refused_before_anything_is_emptied(tmp_path):
    from common_agenda.staged_site import StagedSiteError
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home", encoding="utf-8")
    (tmp_path / "site").symlink_to(tmp_path / "docs")
    with pytest.raises(StagedSiteError, match="would delete the sources"):
        StagedSite(tmp_path / "site", (tmp_path / "docs",)).start()
    with pytest.raises(StagedSiteError, match="would delete the sources"):
        StagedSite(tmp_path, (tmp_path / "docs",)).start()  # the project folder itself
    assert (tmp_path / "docs" / "index.md").read_text(encoding="utf-8") == "# Home"


def test_folders_left_by_a_killed_build_go_and_each_process_has_its_own(tmp_path):
    final = tmp_path / "site"
    (tmp_path / "site.partial-999999999").mkdir()  # no such process
    first, second = StagedSite(final), StagedSite(final)
    assert first.start() == second.start() == str(tmp_path / f"site.partial-{os.getpid()}")
    assert not (tmp_path / "site.partial-999999999").exists()


def test_a_dangling_site_link_gets_its_folder(tmp_path):
    (tmp_path / "site").symlink_to(tmp_path / "served")
    staged = StagedSite(tmp_path / "site")
    built(staged, "new")
    assert (tmp_path / "served" / "index.html").read_text(encoding="utf-8") == "new"


def test_a_build_that_never_succeeded_leaves_the_old_site_though_its_pages_were_written(tmp_path):
    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text("old", encoding="utf-8")
    staged = StagedSite(final)
    written = Path(staged.start())
    written.mkdir()
    (written / "index.html").write_text("half", encoding="utf-8")
    staged.finish()  # MkDocs stopped before the hook could say it succeeded (or fail)
    assert (final / "index.html").read_text(encoding="utf-8") == "old"


def test_only_folders_of_builds_no_longer_running_are_removed(tmp_path):
    final = tmp_path / "my-site"  # a dash in the site's own name: the process id is after the last one
    for name in ("my-site.partial-999999999", "my-site.old-999999999", f"my-site.old-{os.getpid()}", "my-site.partial-x"):
        (tmp_path / name).mkdir()
    StagedSite(final).start()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"my-site.old-{os.getpid()}", "my-site.partial-x"]


def test_a_linked_site_folder_is_emptied_of_subfolders_and_links_too(tmp_path):
    real = tmp_path / "served"
    (real / "assets").mkdir(parents=True)
    (real / "assets" / "old.css").write_text("old", encoding="utf-8")
    (real / "outside").symlink_to(tmp_path)
    final = tmp_path / "site"
    final.symlink_to(real)
    built(StagedSite(final), "new")
    assert sorted(p.name for p in real.iterdir()) == ["index.html"] and (tmp_path / "served").is_dir()


def test_a_site_folder_inside_the_sources_is_refused_and_one_beside_them_is_not(tmp_path):
    from common_agenda.staged_site import StagedSiteError
    (tmp_path / "docs").mkdir()
    with pytest.raises(StagedSiteError, match="would delete the sources"):
        StagedSite(tmp_path / "docs" / "site", (tmp_path / "docs",)).start()
    assert StagedSite(tmp_path / "site", (tmp_path / "docs",)).start() == str(tmp_path / f"site.partial-{os.getpid()}")


def test_an_agency_site_gets_its_missing_parent_folders(tmp_path):
    final = tmp_path / "sites" / "north" / "site"
    assert StagedSite(final).start() == str(final.parent / f"site.partial-{os.getpid()}")
    assert final.parent.is_dir()


def test_a_first_build_a_failure_before_any_page_and_a_rerun_over_a_stale_partial_folder(tmp_path):
    final = tmp_path / "site"
    staged = StagedSite(final)
    staged.start()
    staged.failed()  # nothing was written yet: no error for the missing partial folder
    stale = tmp_path / f"site.partial-{os.getpid()}"
    stale.mkdir()
    (stale / "stale.html").write_text("stale", encoding="utf-8")
    staged = StagedSite(final)
    built(staged, "first")  # no site before: nothing to move aside
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in final.iterdir()) == ["index.html"]


def test_a_dangling_site_link_into_missing_folders_gets_them(tmp_path):
    (tmp_path / "site").symlink_to(tmp_path / "www" / "agency" / "served")
    built(StagedSite(tmp_path / "site"), "new")
    assert (tmp_path / "www" / "agency" / "served" / "index.html").read_text(encoding="utf-8") == "new"


# The paths below need a fault the test machine cannot make for real (tests here run as root, and a
# CI runner may not): each is made by replacing the one system call that would report it.

def test_a_leftover_of_another_users_running_build_is_kept(tmp_path, monkeypatch):
    """os.kill(pid, 0) on another user's process raises PermissionError: that build is alive."""
    def kill(pid, signal):
        raise PermissionError(1, "Operation not permitted")

    (tmp_path / "site.partial-424242").mkdir()
    monkeypatch.setattr(os, "kill", kill)
    StagedSite(tmp_path / "site").start()
    assert (tmp_path / "site.partial-424242").is_dir()


def test_a_site_folder_that_cannot_be_written_is_refused_with_what_to_do(tmp_path, monkeypatch):
    from common_agenda.staged_site import StagedSiteError
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(StagedSiteError) as caught:
        StagedSite(tmp_path / "site").start()
    assert str(caught.value) == (f"cannot write in {tmp_path}, where the site is built: "
                                 "make the folder writable or pass another --site-dir")


def test_a_swap_that_fails_says_where_the_new_site_is_and_keeps_the_old(tmp_path, monkeypatch):
    from common_agenda.staged_site import StagedSiteError
    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text("old", encoding="utf-8")
    staged = StagedSite(final)
    written = Path(staged.start())
    written.mkdir()
    staged.succeeded = True

    def rename(self, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(StagedSiteError) as caught:
        staged.finish()
    assert str(caught.value) == (f"the new site is built in {written} but could not replace {final} "
                                 f"(Permission denied): fix the folder's permissions, then build again, "
                                 f"or publish {written} yourself")
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert (final / "index.html").read_text(encoding="utf-8") == "old" and written.is_dir()


def test_the_sources_refusal_names_the_folder_where_it_leads_and_what_to_do(tmp_path):
    from common_agenda.staged_site import StagedSiteError
    (tmp_path / "docs").mkdir()
    (tmp_path / "site").symlink_to(tmp_path / "docs")
    with pytest.raises(StagedSiteError) as caught:
        StagedSite(tmp_path / "site", (tmp_path / "docs",)).start()
    assert str(caught.value) == (
        f"site_dir {tmp_path / 'site'} leads to {tmp_path / 'docs'}, which holds or is part of {tmp_path / 'docs'}: "
        "building there would delete the sources. Point site_dir (or the link) at a folder of its own.")
