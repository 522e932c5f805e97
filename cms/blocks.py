"""StreamField blocks shared by every page type. Each block renders its own template."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a tip, a warning or a key fact readers should not miss."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("warning", "Watch out"), ("fact", "Key fact")], default="tip"
    )
    title = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        template = "blocks/callout_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=80)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"


class StepBlock(blocks.StructBlock):
    """One step of a how-to: fixes and guides are written as numbered steps."""

    title = blocks.CharBlock(max_length=160)
    detail = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], required=False)

    class Meta:
        icon = "list-ol"
        template = "blocks/step_block.html"


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = EmbedBlock(help_text="A YouTube, Vimeo or similar address.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html")
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = EmbedWithCaptionBlock()
    callout = CalloutBlock()
    call_to_action = CallToActionBlock()


class StepsStreamBlock(blocks.StreamBlock):
    step = StepBlock()
    callout = CalloutBlock()
