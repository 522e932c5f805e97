"""The "I'm stuck with…" form: pick a barrier (grouped by category) or describe the problem."""

from django import forms

from cms.widgets import LongSelect
from practice.models import BarrierPage


def barrier_choices():
    """Live, public barriers as ``(category label, [(id, title), ...])`` groups, in one query."""
    groups = {value: [] for value, _label in BarrierPage.Category.choices}
    for pk, title, category in (
        BarrierPage.objects.live().public().order_by("title").values_list("pk", "title", "category")
    ):
        groups.setdefault(category, []).append((str(pk), title))
    labels = dict(BarrierPage.Category.choices)
    return [("", "Choose a barrier")] + [
        (labels.get(category, category), items) for category, items in groups.items() if items
    ]


class StuckForm(forms.Form):
    barrier = forms.ChoiceField(required=False, label="Pick what gets in your way", widget=LongSelect)
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Or describe it in your own words",
        help_text="For example: “we are not allowed to use Facebook at work”.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "stuck-%s")
        super().__init__(*args, **kwargs)
        self.fields["barrier"].choices = barrier_choices()

    def clean(self):
        data = super().clean()
        data["q"] = " ".join((data.get("q") or "").split())
        return data
