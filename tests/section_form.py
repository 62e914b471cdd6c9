"""A section's form as a browser sends it, read from the page the server rendered."""

from html.parser import HTMLParser


class _SectionForm(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.disabled_depth = 0  # fieldsets still open inside a disabled one
        self.textarea: str | None = None
        self.data: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "fieldset" and (self.disabled_depth or "disabled" in attrs):
            self.disabled_depth += 1
        if self.disabled_depth or "disabled" in attrs or not attrs.get("name"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"radio", "checkbox"}:
                if "checked" in attrs:
                    self.data[attrs["name"]] = attrs.get("value", "on")
            elif kind not in {"submit", "button"}:
                self.data[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "fieldset" and self.disabled_depth:
            self.disabled_depth -= 1
        elif tag == "form" and self.inside:
            self.inside = False


def section_form(html: str, form_id: str = "section-form") -> dict[str, str]:
    """The fields the section's form would send, unchanged: what a browser posts."""
    parser = _SectionForm(form_id)
    parser.feed(html)
    return parser.data
