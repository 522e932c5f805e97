"""What publishing a surgery sets off, whoever publishes it (an editor, or a mentor's
"cancel this surgery"): a cancelled surgery tells everyone booked; a surgery going ahead fills
any places freed by a raised capacity from its waitlist."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import SurgeryPage


@receiver(page_published, sender=SurgeryPage, dispatch_uid="surgeries_surgery_published")
def surgery_published(sender, instance, **kwargs):
    from .tasks import notify_surgery_cancelled, promote_waitlist

    if instance.is_cancelled:
        notify_surgery_cancelled.delay_on_commit(instance.pk)
    else:
        promote_waitlist.delay_on_commit(instance.pk)
