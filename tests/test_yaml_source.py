"""The YAML reader keeps line numbers and refuses input that would hide mistakes or blow up."""

from common_agenda.yaml_source import field_name, parse_yaml, read_text


def test_lines_point_at_keys_and_list_items():
    doc, problems = parse_yaml("id: x\nitems:\n  - a\n  - b\n", "f.yml")
    assert problems == []
    assert doc.data == {"id": "x", "items": ["a", "b"]}
    assert doc.line_of(("items", 1)) == 4
    assert doc.line_of(("missing",)) == 1


def test_line_offset_for_front_matter():
    doc, _ = parse_yaml("id: x\ntitle: y\n", "m.md", line_offset=1)
    assert doc.line_of(("title",)) == 3


def test_duplicate_keys_are_reported_not_silently_dropped():
    _, problems = parse_yaml("id: a\ntitle: t\nid: b\n", "f.yml")
    assert [str(p) for p in problems] == [
        "f.yml:3: id: is written twice (first on line 1) — keep one of them: YAML would silently drop the first"]


def test_aliases_are_refused():
    text = "a: &x [1, 2]\nb: *x\n"
    _, problems = parse_yaml(text, "f.yml")
    assert [str(p) for p in problems] == [
        "f.yml:2: b: uses a YAML alias (*name) or merge key (<<) — write the value out in full: anchors and aliases are not supported"]


def test_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 10)]
    doc, problems = parse_yaml("\n".join(lines), "bomb.yml")
    assert doc is None and problems and "alias" in problems[0].what


def test_merge_keys_are_refused():
    _, problems = parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n", "f.yml")
    assert any("merge key" in p.what for p in problems)


def test_empty_document():
    doc, problems = parse_yaml("# only a comment\n", "f.yml")
    assert doc is None
    assert str(problems[0]) == "f.yml:1: YAML: is empty — write the fields the file needs"


def test_bom_is_tolerated_and_bad_bytes_are_named(tmp_path):
    good = tmp_path / "bom.yml"
    good.write_bytes(b"\xef\xbb\xbfid: x\n")
    assert read_text(good, "bom.yml") == ("id: x\n", [])
    bad = tmp_path / "latin1.yml"
    bad.write_bytes(b"id: x\ntitle: caf\xe9\n")
    text, problems = read_text(bad, "latin1.yml")
    assert text is None
    assert str(problems[0]) == "latin1.yml:2: file: is not UTF-8 text (byte 0xe9 at position 16) — save the file with UTF-8 encoding"


def test_deep_nesting_is_a_problem_not_a_crash():
    doc, problems = parse_yaml("[" * 5000 + "]" * 5000, "deep.yml")
    assert doc is None and problems


def test_field_names_read_like_paths():
    assert field_name(("questions", 2, "options", 0, "id")) == "questions[2].options[0].id"
    assert field_name(()) == "(top level)"


# ---- Nothing an author writes crashes the reader (issue 13) ----

TAG_FIX = "remove the tag: write text (in quotes if it has special characters), a number, true or false"


def messages(text: str) -> list[str]:
    doc, problems = parse_yaml(text, "f.yml")
    assert doc is None
    return [str(p) for p in problems]


def test_a_tag_on_a_word_is_a_located_problem_not_a_traceback():
    for tag, word in [("!!int", "word"), ("!!float", "x"), ("!!binary", "???"), ("!!timestamp", "nope"),
                      ("!!bool", "maybe"), ("!!null", "x"), ("!!python/object:os.system", "ls"), ("!foo", "x"),
                      ("!!map", "x"), ("!!seq", "x"), ("!!binary", "aGVsbG8="), ("!!int", '"5"')]:
        assert messages(f"id: x\nvalue: {tag} {word}\n") == [f"f.yml:2: value: uses the YAML tag {tag} — {TAG_FIX}"]


def test_a_tag_on_a_list_or_group_is_refused():
    assert messages("a:\n  - 1\nb: !!set {x: 1}\n") == [
        "f.yml:3: b: uses the YAML tag !!set — remove the tag: write a plain list or group of fields"]
    assert messages("b: !!omap [x: 1]\n") == [
        "f.yml:1: b: uses the YAML tag !!omap — remove the tag: write a plain list or group of fields"]


def test_a_huge_number_is_refused_before_python_converts_it():
    fix = "write a shorter number, or put the value in quotes if it is text"
    assert messages("minutes: " + "9" * 4400 + "\n") == [
        f"f.yml:1: minutes: is a number 4,400 characters long (the limit is 20) — {fix}"]
    assert messages("a: 1\nb: 0x" + "f" * 5000 + "\n") == [
        f"f.yml:2: b: is a number 5,002 characters long (the limit is 20) — {fix}"]
    doc, _ = parse_yaml("quoted: '" + "9" * 4400 + "'\n", "f.yml")
    assert doc.data == {"quoted": "9" * 4400}  # text may be long


def test_values_yaml_takes_for_numbers_but_cannot_convert_are_located():
    assert messages("a: 0x_\n") == ["f.yml:1: a: '0x_' looks like a whole number to YAML but cannot be read as one"
                                    " — write a plain number, or put the value in quotes if it is text"]
    assert messages("a: 1\nb: -0b_\n")[0].startswith("f.yml:2: b: '-0b_' looks like a whole number")


def test_dates_equals_and_merge_words_stay_text():
    doc, problems = parse_yaml("reviewed: 2026-02-30\nsign: =\nshift: <<\n", "f.yml")
    assert problems == [] and doc.data == {"reviewed": "2026-02-30", "sign": "=", "shift": "<<"}


def test_thirty_thousand_levels_are_refused_before_the_composer_recurses():
    """Each of these killed the interpreter (segmentation fault) before the depth check on events."""
    fix = "is nested more than 40 levels deep — flatten the structure: content files need only a few levels"
    n = 30_000
    for text, field in [("[" * n + "]" * n, "[0][0][0]..."), ("[" * n, "[0][0][0]..."), ("{a: " * n + "1" + "}" * n, "a.a.a..."),
                        ("- " * n + "x\n", "[0][0][0]..."), ("? " * n + "x\n", "?.?.?...")]:
        assert messages(text) == [f"f.yml:1: {field}: {fix}"]
    indented = "".join(" " * i + "a:\n" for i in range(60)) + " " * 60 + "x\n"
    assert messages(indented) == [f"f.yml:41: a.a.a...: {fix}"]


def test_numbers_only_in_plain_decimal_digits():
    """YAML 1.1 reads 070 as 56 and 0x46, 1:10 and 7_0 as 70: each is refused, where it is written."""
    refused = {"070": "56 (a leading 0 makes it octal)", "0x46": "70 ('0x' makes it hexadecimal)",
               "0b101": "5 ('0b' makes it binary)", "1:10": "70 (base 60", "7_0": "70 (YAML drops the '_')",
               "1_0.5": "10.5 (YAML drops the '_')", "-070": "-56"}
    for written, read in refused.items():
        doc, problems = parse_yaml(f"id: x\npass_mark: {written}\n", "q.yml")
        assert doc is None and len(problems) == 1, written
        assert str(problems[0]).startswith(f"q.yml:2: pass_mark: '{written}' is read by YAML as {read}"), problems
        assert f'or quote it if it is text ("{written}")' in problems[0].fix
    assert "plain digits (70)" in parse_yaml("a: 070\n", "q.yml")[1][0].fix
    for written, value in {"70": 70, "+70": 70, "-5": -5, "0": 0, "0.5": 0.5, ".5": 0.5, "07.5": 7.5,
                           "'070'": "070", '"1:10"': "1:10", "2026-01-01": "2026-01-01", "0o17": "0o17"}.items():
        doc, problems = parse_yaml(f"a: {written}\n", "q.yml")
        assert problems == [] and doc.data == {"a": value}, written
