"""Forms of the shared base: the council pick list, and the member sign-up form."""

from django import forms
from django.core.exceptions import EmptyResultSet
from django.forms.models import ModelChoiceIterator

from .cache import once_per_request
from .models import Council
from .sanitize import contains_markup, strip_control_characters
from .widgets import LongSelect


class _ReadOncePerRequest(ModelChoiceIterator):
    """The choices' rows read once in a request, however many forms on the page list them."""

    def __iter__(self):
        try:
            sql = self.queryset.query.sql_with_params()
        except EmptyResultSet:  # nothing to choose from: no query to share
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = once_per_request(f"choices:{self.queryset.db}:{sql}", lambda: list(self.queryset))
        for row in rows:
            yield self.choice(row)


class CouncilChoiceField(forms.ModelChoiceField):
    """Every council, as a long pick list, optional. A barrier's page has several forms asking
    for the member's council; between them they read the councils once."""

    iterator = _ReadOncePerRequest

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your council (optional)")
        kwargs.setdefault("required", False)
        super().__init__(queryset=Council.objects.all(), widget=LongSelect, **kwargs)


class MemberSignupForm(forms.Form):
    """Extra fields allauth asks for at sign-up: a name, and optionally the member's council."""

    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    council = CouncilChoiceField(empty_label="Not from a council, or not listed")

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
