from django import forms
from django.utils import timezone

from ..models import BarrierPage


class PledgeForm(forms.Form):
    barriers = forms.ModelMultipleChoiceField(
        queryset=BarrierPage.objects.live().order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        label="Barriers you will tackle",
        error_messages={
            "required": "Choose at least one barrier.",
            "invalid_choice": "Choose barriers from the list.",
        },
    )
    due_date = forms.DateField(
        label="By when",
        help_text="A date in the future, e.g. 31/3/2027.",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    responsible = forms.CharField(
        max_length=200, label="Who is responsible", help_text="e.g. The chief executive."
    )
    statement = forms.CharField(max_length=1000, widget=forms.Textarea, label="Your pledge, in plain words")

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date <= timezone.localdate():
            raise forms.ValidationError("The date must be in the future.")
        return due_date
