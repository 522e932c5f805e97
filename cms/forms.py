"""Forms of the shared base: the member sign-up form."""

from django import forms

from .models import Council
from .sanitize import contains_markup, strip_control_characters
from .widgets import LongSelect


class MemberSignupForm(forms.Form):
    """Extra fields allauth asks for at sign-up: a name, and optionally the member's council."""

    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    council = forms.ModelChoiceField(
        label="Your council (optional)",
        queryset=Council.objects.all(),
        widget=LongSelect,
        required=False,
        empty_label="Not from a council, or not listed",
    )

    def _clean_name(self, field):
        value = strip_control_characters(self.cleaned_data[field]).strip()
        if contains_markup(value):
            raise forms.ValidationError("Please enter your name as plain text, without < or > characters.")
        if not value:
            raise forms.ValidationError("Please enter your name.")
        return value

    def clean_first_name(self):
        return self._clean_name("first_name")

    def clean_last_name(self):
        return self._clean_name("last_name")

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.council = self.cleaned_data.get("council")
        user.save(update_fields=["first_name", "last_name", "council"])
