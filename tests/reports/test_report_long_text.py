"""Long links and names in the PDF: wrapped at the paper's edge, and evidence links open."""

import io

from pypdf import PdfReader

from reports.pdf import render_pdf
from reports.samples import sample_snapshot
from reports.snapshot_format import snapshot_digest

# The query is one unbroken run of characters, as a copied SharePoint address often is.
LONG_URL = (
    "https://ørstedsøn.sharepoint.com/sites/Operations/Forms/AllItems.aspx?id="
    + "%2Fsites%2FOperations%2FShared%20Documents" * 5
)
# Too long for one line even of the footer's small print.
LONG_NAME = "Inboundleadqualificationandfirstreplydrafting" * 4
LONG_OWNER = "Maximiliana" + "Konstantina" * 14 + "Oyelaran"


def _snapshot():
    snapshot = sample_snapshot()
    snapshot["pilot"]["name"] = LONG_NAME
    snapshot["appendix"][0]["questions"][0]["evidence"] = f"The dashboard: {LONG_URL}."
    snapshot["appendix"][0]["questions"][1]["evidence"] = "Priya keeps the notes."
    snapshot["actions"][0]["owner"] = LONG_OWNER
    return snapshot


def _reader(snapshot) -> PdfReader:
    rendered = render_pdf(snapshot, reference="R-000042", snapshot_sha256=snapshot_digest(snapshot))
    return PdfReader(io.BytesIO(rendered.content))


def _lines(reader: PdfReader) -> list[str]:
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def _links(reader: PdfReader) -> list[str]:
    return [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link"
        and "/URI" in annotation.get_object().get("/A", {})
    ]


def test_long_links_and_names_wrap_instead_of_running_off_the_page():
    reader = _reader(_snapshot())

    lines = _lines(reader)
    compact = "".join("".join(lines).split())
    # All of each is printed, but no line holds the whole of it: it was wrapped.
    for text in (LONG_URL, LONG_NAME, LONG_OWNER):
        assert text in compact
        assert not any(text in line for line in lines), text[:30]


def test_an_evidence_link_is_a_link_in_the_pdf_and_plain_evidence_is_not():
    reader = _reader(_snapshot())

    links = [uri for uri in _links(reader) if "sharepoint" in uri]

    # One link on each line the address wraps over, all to the same place: the host in
    # its ASCII form, without the full stop after the address.
    assert links
    assert set(links) == {LONG_URL.replace("ørstedsøn", "xn--rstedsn-p1ag")}
    assert len(_links(reader)) == len(links), "plain evidence is not a link"


def test_only_web_addresses_become_links_and_everything_is_escaped():
    from reports.templatetags.reports import evidence_links

    html = evidence_links(
        '<b>Run log</b> javascript:alert(1) https://x.test/a"onclick=b, ftp://x.test'
    )

    assert html == (
        "&lt;b&gt;Run log&lt;/b&gt; javascript:alert(1) "
        '<a href="https://x.test/a%22onclick=b">https://x.test/a&quot;onclick=b</a>, ftp://x.test'
    )
