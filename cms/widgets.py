"""Form widgets of the shared base."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


def _escape(text):
    """Django's ``conditional_escape`` without its lazy-text wrapper (a tenth of the cost)."""
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


class LongSelect(forms.Select):
    """A select with hundreds of options (every barrier, every council), rendered in Python.

    Django renders each option through its own templates, and even ``format_html`` per option
    cost 15 ms for the 500 barriers on the home page. The markup is Django's own (attributes,
    optgroups, selection, escaping); tests compare the two."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{_escape(widget["name"])}"{flatatt(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'<optgroup label="{_escape(group_name)}">')
            html.extend(
                f'<option value="{_escape(option["value"])}"{flatatt(option["attrs"]) if option["attrs"] else ""}>'
                f"{_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                html.append("</optgroup>")
        html.append("</select>")
        return mark_safe("".join(html))
