"""The Charter of Engagement: a council pledges to tackle named barriers by a date."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class CharterPledge(models.Model):
    """A council's pledge, made by a signed-in member of that council. Progress is not stored:
    it is the council's case studies that link to the barriers and its fixes under them."""

    council = models.ForeignKey("cms.Council", on_delete=models.CASCADE, related_name="charter_pledges")
    barriers = models.ManyToManyField("practice.BarrierPage", related_name="charter_pledges")
    pledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="charter_pledges"
    )
    responsible = models.CharField(
        max_length=200, help_text="Who will make it happen, e.g. the chief executive."
    )
    statement = models.TextField(max_length=1000)
    due_date = models.DateField()
    created = models.DateTimeField(default=timezone.now)
    # Claimed by a conditional UPDATE before the reminder is sent, so it goes once.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = "charter pledge"

    def __str__(self):
        return f"{self.council} by {self.due_date}"
