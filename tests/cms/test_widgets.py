"""LongSelect renders what Django's Select renders, without a template per option."""

from django import forms
from django.test.html import parse_html

from cms.widgets import LongSelect

GROUPED = [
    ("", "Choose a barrier"),
    ("Rules & policy", [("1", "Blocked at <work>"), ("2", 'No "policy" yet')]),
    ("Skills", [("3", "Don't know where to start")]),
]


def both(choices, value, **field_kwargs):
    """The same field rendered by Django's Select and by LongSelect."""

    class Django(forms.Form):
        pick = forms.ChoiceField(choices=choices, **field_kwargs)

    class Ours(forms.Form):
        pick = forms.ChoiceField(choices=choices, widget=LongSelect, **field_kwargs)

    data = {"pick": value} if value is not None else None
    return str(Django(data)["pick"]), str(Ours(data)["pick"])


def test_grouped_options_with_one_selected_match_djangos_markup():
    django_html, ours = both(GROUPED, "2", help_text="Pick one")
    assert parse_html(ours) == parse_html(django_html)
    assert '<option value="2" selected>' in ours
    assert 'aria-describedby="id_pick_helptext"' in ours


def test_unbound_optional_field_matches_djangos_markup():
    django_html, ours = both(GROUPED, None, required=False)
    assert parse_html(ours) == parse_html(django_html)
    assert ours.count("selected") == 1 and '<option value="" selected>' in ours
    assert "required" not in ours


def test_labels_and_values_are_escaped():
    _, ours = both([("<x>", "<script>alert(1)</script>")], None)
    assert "<script>" not in ours
    assert '<option value="&lt;x&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</option>' in ours


def test_group_names_are_escaped():
    _, ours = both([('"><b>', [("1", "One")])], None)
    assert '<optgroup label="&quot;&gt;&lt;b&gt;">' in ours


def test_model_choices_render_their_keys(db):
    from cms.models import Council
    from tests.factories import CouncilFactory

    council = CouncilFactory(name="Anytown & District Council")

    class Ours(forms.Form):
        council = forms.ModelChoiceField(queryset=Council.objects.all(), widget=LongSelect, required=False)

    class Django(forms.Form):
        council = forms.ModelChoiceField(queryset=Council.objects.all(), required=False)

    ours = str(Ours({"council": council.pk})["council"])
    assert parse_html(ours) == parse_html(str(Django({"council": council.pk})["council"]))
    assert f'<option value="{council.pk}" selected>Anytown &amp; District Council</option>' in ours
