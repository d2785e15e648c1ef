"""The MyST primitives: every string from the content file shows as itself, and the blocks parse as
the book's parser (myst-parser, with the book's extensions) parses them."""

from __future__ import annotations

import pytest
from docutils import nodes

from explainer import myst
from tests.helpers import parse_myst as parse


def plain_text(markdown: str) -> str:
    return parse(markdown).astext()


@pytest.mark.parametrize("raw", [
    "1990. A study", "2) the next", "# not a heading", "- not a list", "+ nor this", "> nor a quote",
    "% nor a comment", ":::{note}", "*stars* and _underscores_ and `ticks`", "costs $20 or $30",
    "a <b>tag</b> &amp; an entity", "{term}`BDNF` is not a role", "[a](link) and ![img](x)",
    "pipes | and ~~tildes~~ and \\backslashes\\", "3 < 4 > 2", "50% of 1:1,000",
])
def test_text_shows_exactly_its_characters(raw: str) -> None:
    assert plain_text(myst.text(raw)) == raw
    doc = parse(myst.text(raw))
    # One paragraph of plain text: no list, heading, literal, reference, raw HTML or math was made.
    assert [type(n).__name__ for n in doc.children] == ["paragraph"]
    assert all(isinstance(n, nodes.Text) for n in doc.children[0].children)


def test_text_collapses_line_breaks_that_would_start_blocks() -> None:
    md = myst.text("first line\n- second\n\n# third")
    assert md == "first line - second # third"
    assert [type(n).__name__ for n in parse(md).children] == ["paragraph"]


def test_text_links_the_first_use_of_a_glossary_word_only() -> None:
    out = myst.text("The BDNF story: BDNF and BDNFs.", terms=["BDNF"])
    assert out == "The {term}`BDNF` story: BDNF and BDNFs."
    assert myst.text("noBDNF here", terms=["BDNF"]) == "noBDNF here"


def test_term_refuses_what_would_break_the_role() -> None:
    assert myst.term("nootropics", "Nootropic") == "{term}`nootropics <Nootropic>`"
    with pytest.raises(ValueError, match="backticks"):
        myst.term("a`b")


def test_badge_is_a_span_around_document_text() -> None:
    md = myst.badge("Community *report*", ["grade-badge", "grade-community"], 'What "people" say')
    para = parse(f"Reports headache {md} often.").children[0]
    raws = [n.astext() for n in para.children if isinstance(n, nodes.raw)]
    assert raws == ['<span class="grade-badge grade-community" title="What &quot;people&quot; say">', "</span>"]
    # The label is ordinary text between the tags, separate from its neighbours.
    assert [n.astext() for n in para.children if isinstance(n, nodes.Text)] == [
        "Reports headache ", "Community *report*", " often."]
    with pytest.raises(ValueError, match="CSS identifiers"):
        myst.badge("x", ['bad" onclick="x'])


def test_table_has_caption_header_and_block_cells() -> None:
    md = myst.table(["Where", "What | who"], [[myst.text("Russia"), myst.bullets(["one", "two"])],
                                               [myst.strong("US"), ""]], "Uses *by* region")
    table = parse(md).next_node(nodes.table)
    assert table.next_node(nodes.title).astext() == "Uses *by* region"
    assert [e.astext() for e in table.next_node(nodes.thead).findall(nodes.entry)] == ["Where", "What | who"]
    rows = list(table.next_node(nodes.tbody).findall(nodes.row))
    assert rows[0].next_node(nodes.bullet_list).astext() == "one\n\ntwo"
    assert rows[1].astext() == "US\n\n\u2014"
    with pytest.raises(ValueError, match="header in words"):
        myst.table(["", "Result"], [["a", "b"]], "c")
    with pytest.raises(ValueError, match="2 headers"):
        myst.table(["a", "b"], [["only one"]], "c")


def test_callouts_nest_tables_and_keep_their_class() -> None:
    inner = myst.table(["A"], [["b"]], "Inner")
    doc = parse(myst.callout(myst.blocks(myst.paragraph(myst.strong("Verdict:"), "weak."), inner), title="Verdict"))
    box = doc.next_node(nodes.admonition)
    assert "explainer-callout" in box["classes"] and "note" in box["classes"]
    assert box.next_node(nodes.title).astext() == "Verdict"
    assert box.next_node(nodes.table) is not None
    assert "explainer-callout" in parse(myst.callout("Body.", kind="warning")).next_node(nodes.warning)["classes"]
    with pytest.raises(ValueError, match="kind"):
        myst.callout("x", kind="danger-zone")


def test_ordered_list_with_block_items() -> None:
    md = myst.bullets([myst.blocks("First.", myst.bullets(["a", "b"])), "Second."], ordered=True)
    lst = parse(md).children[0]
    assert isinstance(lst, nodes.enumerated_list) and len(lst.children) == 2
    assert lst.children[0].next_node(nodes.bullet_list).astext() == "a\n\nb"


def test_inline_builders() -> None:
    assert myst.code("a`b") == "``a`b``"
    assert plain_text(myst.code("`x`")) == "`x`"
    assert myst.link(myst.text("PMID 1"), "https://pubmed.ncbi.nlm.nih.gov/1/") == "[PMID 1](<https://pubmed.ncbi.nlm.nih.gov/1/>)"
    with pytest.raises(ValueError):
        myst.strong(" padded ")


def test_display_object_is_markdown_with_a_deterministic_plain_twin() -> None:
    from IPython.core.formatters import DisplayFormatter

    out = myst.Myst("First.", None, "Second.")
    data, _ = DisplayFormatter().format(out)
    assert set(data) == {"text/markdown", "text/plain"}  # no text/html: the book would pick it
    assert data["text/markdown"] == data["text/plain"] == "First.\n\nSecond."
    assert out + myst.Myst("Third.") == myst.Myst("First.", "Second.", "Third.")


def test_lab_styles_carry_the_base_rules_and_every_grade_colour() -> None:
    from explainer.charts.palette import grade_css
    from explainer.content import Grade

    css = myst.lab_styles(grade_css())._repr_html_()
    assert css.startswith('<style data-explainer="myst">') and ".grade-badge {" in css
    for g in Grade:
        assert f".grade-badge.grade-{g.value} {{" in css


def test_terms_link_in_any_case_to_their_entry() -> None:
    assert myst.text("Peptides and a peptide.", terms=["Peptide"]) == "Peptides and a {term}`peptide <Peptide>`."
    assert myst.text("U-100 scale", terms=["U-100"]) == "{term}`U-100` scale"


def test_callout_carries_extra_classes() -> None:
    box = parse(myst.callout("Body.", title="Note this", classes=["explainer-disclaimer"])).next_node(nodes.admonition)
    assert {"explainer-callout", "explainer-disclaimer"} <= set(box["classes"])
    with pytest.raises(ValueError, match="CSS identifiers"):
        myst.callout("Body.", classes=['x" onclick="y'])
