"""The project's own site builds strictly, with nothing to warn about."""


def test_strict_build_passes_without_warnings(real_build):
    done, out = real_build
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert not [line for line in output.splitlines() if line.startswith("WARNING")], output
    assert (out / "index.html").exists()


def test_module_pages_are_generated_with_edit_links_to_their_sources(site_dir):
    html = (site_dir / "modules/shared-goals/index.html").read_text(encoding="utf-8")
    assert "/edit/main/modules/shared-goals.md" in html
    assert "What you will learn" in html
