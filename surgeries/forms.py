"""Forms of the surgeries: booking, changing a booking, the listing's filters, and the
mentors' roster forms. They check the shape of what was typed; the booking rules themselves
(capacity, who may book, duplicates) live in surgeries.services."""

from urllib.parse import urlencode

from django import forms
from django.db.models import Q

from cms.models import Council, Topic
from cms.sanitize import contains_markup, strip_control_characters

from .models import Audience, Booking, Format, HelpRecord


def plain_text(value, label, *, required=True):
    value = strip_control_characters(value or "").strip()
    if contains_markup(value):
        raise forms.ValidationError(f"Please write {label} as plain text, without < or > characters.")
    if required and not value:
        raise forms.ValidationError(f"Please enter {label}.")
    return value


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Topic.objects.order_by("name"), required=False, **kwargs)


class BookingDetailsForm(forms.Form):
    """What a person tells the mentors about themselves and what they want help with."""

    name = forms.CharField(
        label="Your name",
        max_length=200,
        error_messages={
            "max_length": "Please keep your name under 200 characters.",
            "required": "Please enter your name.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label="Your council or organisation (optional)",
        max_length=200,
        required=False,
        error_messages={"max_length": "Please keep the organisation under 200 characters."},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    help_wanted = forms.CharField(
        label="What would you like help with? (optional)",
        max_length=2000,
        required=False,
        help_text="A sentence or two helps the mentors prepare. Only they will see it.",
        error_messages={"max_length": "Please keep this under 2,000 characters."},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    topics = TopicChoiceField(label="Topics you are interested in (optional)")

    def clean_name(self):
        return plain_text(self.cleaned_data.get("name"), "your name")

    def clean_organisation(self):
        return plain_text(self.cleaned_data.get("organisation"), "your organisation", required=False)

    def clean_help_wanted(self):
        return strip_control_characters(self.cleaned_data.get("help_wanted") or "").strip()


class BookingForm(BookingDetailsForm):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.org.",
            "max_length": "That email address is too long.",
            "required": "Enter your email address, so we can send you your booking.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["name", "email", "organisation", "help_wanted", "topics"]

    def __init__(self, *args, surgery=None, **kwargs):
        super().__init__(*args, **kwargs)
        if surgery is not None and surgery.is_staff_only:
            self.fields["email"].label = "Your council email address"
            self.fields[
                "email"
            ].help_text = "This surgery is for council staff: book with your council email."

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower()


class ManageBookingForm(BookingDetailsForm):
    @classmethod
    def for_booking(cls, booking, data=None):
        initial = {
            "name": booking.name,
            "organisation": booking.organisation,
            "help_wanted": booking.help_wanted,
            "topics": list(booking.topics.all()),
        }
        return cls(data, initial=initial)


class SurgeryFilterForm(forms.Form):
    """Filters of the surgery listing. Unknown values are reported, never a server error."""

    audience = forms.ChoiceField(
        label="Who can come",
        required=False,
        choices=[("", "Anyone"), ("staff", "Council staff"), ("public", "The public and community groups")],
    )
    format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=[("", "Any format"), ("in_person", "In person"), ("online", "Online"), ("hybrid", "Hybrid")],
    )
    topic = forms.SlugField(label="Topic", required=False, widget=forms.Select)
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any region"), *Council.Region.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        topics = list(Topic.objects.order_by("name").values_list("slug", "name"))
        self.fields["topic"].widget.choices = [("", "Any topic"), *topics]

    def filter(self, surgeries):
        if not self.is_bound or not self.is_valid():
            return surgeries
        data = self.cleaned_data
        if data["audience"] == "staff":
            surgeries = surgeries.filter(audience__in=[Audience.STAFF, Audience.BOTH])
        elif data["audience"] == "public":
            surgeries = surgeries.filter(audience__in=[Audience.PUBLIC, Audience.BOTH])
        if data["format"] == "in_person":
            surgeries = surgeries.filter(format__in=[Format.IN_PERSON, Format.HYBRID])
        elif data["format"] == "online":
            surgeries = surgeries.filter(format__in=[Format.ONLINE, Format.HYBRID])
        elif data["format"] == "hybrid":
            surgeries = surgeries.filter(format=Format.HYBRID)
        if data["topic"]:
            surgeries = surgeries.filter(Q(tagged_topics__tag__slug=data["topic"])).distinct()
        if data["region"]:
            surgeries = surgeries.filter(region=data["region"])
        return surgeries

    def query_string(self):
        """The active filters, for pagination links."""
        if not self.is_bound or not self.is_valid():
            return ""
        return urlencode({key: value for key, value in self.cleaned_data.items() if value})


# --- the mentors' roster --------------------------------------------------------------


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(Booking.Status.ATTENDED, "Came"), (Booking.Status.NO_SHOW, "Did not come")]
    )


class WalkInForm(BookingDetailsForm):
    name = forms.CharField(label="Name", max_length=200)
    email = forms.EmailField(label="Email (optional)", max_length=254, required=False)
    help_wanted = forms.CharField(
        label="What they wanted help with",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    topics = TopicChoiceField(label="Topics")

    field_order = ["name", "email", "organisation", "help_wanted", "topics"]

    def clean_name(self):
        return plain_text(self.cleaned_data.get("name"), "their name")


class HelpRecordForm(forms.ModelForm):
    topics = TopicChoiceField(label="Topics")

    class Meta:
        model = HelpRecord
        fields = ["topics", "barrier", "fix_shared", "minutes", "outcome", "outcome_note"]
        widgets = {"outcome_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from practice.models import BarrierPage, FixPage

        self.fields["barrier"].queryset = BarrierPage.objects.live().order_by("title")
        self.fields["fix_shared"].queryset = FixPage.objects.live().order_by("title")
        self.fields["minutes"].help_text = "Roughly how long you spent with them."

    def clean_outcome_note(self):
        return strip_control_characters(self.cleaned_data.get("outcome_note") or "").strip()

    def clean(self):
        cleaned = super().clean()
        barrier, fix = cleaned.get("barrier"), cleaned.get("fix_shared")
        if barrier and fix and fix.get_parent().pk != barrier.pk:
            self.add_error("fix_shared", "This fix belongs to a different barrier.")
        return cleaned
