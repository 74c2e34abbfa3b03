"""StreamField blocks of a lesson: reading material, a practice card, a reflection prompt and a
knowledge check. Every block instance has a stable id (Wagtail's block uuid), which is what a
trainee's reflection or check attempt points at, so editing a lesson keeps them attached."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from cms.blocks import HeadingBlock, ImageBlock, QuoteBlock, VideoBlock

TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, help_text=_("Defaults to the document's title.")
    )
    note = blocks.TextBlock(label=_("Why read it"), required=False)

    class Meta:
        icon = "doc-full"
        template = "learning/blocks/document.html"


class ReadingBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    author = blocks.CharBlock(label=_("Author or source"), required=False, max_length=200)
    url = blocks.URLBlock(label=_("Link"), required=False)
    note = blocks.TextBlock(label=_("Why read it"), required=False)

    class Meta:
        icon = "link"
        template = "learning/blocks/reading.html"


class PracticeCardBlock(blocks.StructBlock):
    practice = blocks.PageChooserBlock(label=_("Practice"), page_type="cms.PracticePage")
    note = blocks.TextBlock(label=_("What to look for"), required=False)

    class Meta:
        icon = "site"
        template = "learning/blocks/practice_card.html"


class ReflectionPromptBlock(blocks.StructBlock):
    prompt = blocks.RichTextBlock(label=_("Prompt"), features=TEXT_FEATURES)
    required = blocks.BooleanBlock(
        label=_("An answer is needed to complete the lesson"), required=False, default=True
    )

    class Meta:
        icon = "edit"
        template = "learning/blocks/reflection_prompt.html"


class CheckOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "tick"


class CheckQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=500)
    options = blocks.ListBlock(CheckOptionBlock(), label=_("Options"), min_num=2)
    explanation = blocks.RichTextBlock(
        label=_("Explanation shown after answering"), features=TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "help"

    def clean(self, value):
        value = super().clean(value)
        if not any(option["correct"] for option in value["options"]):
            raise blocks.StructBlockValidationError(
                block_errors={"options": ValidationError(_("Mark at least one option as correct."))}
            )
        return value


class RevealAnswers(models.TextChoices):
    """When a trainee sees the right answers and the explanations of a knowledge check."""

    AFTER_PASS = "after_pass", _("After a pass")
    AFTER_LAST_ATTEMPT = "after_last_attempt", _("After a pass or once no attempt is left")
    NEVER = "never", _("Never")


class KnowledgeCheckBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"), max_length=200, default=_("Check your understanding")
    )
    questions = blocks.ListBlock(CheckQuestionBlock(), label=_("Questions"), min_num=1)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (percent)"), min_value=1, max_value=100, default=70
    )
    max_attempts = blocks.IntegerBlock(
        label=_("Attempts allowed"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_(
            "Empty or 0: as many attempts as the trainee needs. Once every attempt is used, the lesson counts as done and the best score stays on record."
        ),
    )
    reveal_answers = blocks.ChoiceBlock(
        label=_("Show the right answers and explanations"),
        choices=RevealAnswers.choices,
        default=RevealAnswers.AFTER_PASS,
        help_text=_(
            "Until then a trainee learns which questions were wrong, not the right option."
        ),
    )

    class Meta:
        icon = "form"
        template = "learning/blocks/knowledge_check.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=TEXT_FEATURES, template="components/blocks/paragraph.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()
    reading = ReadingBlock()
    practice = PracticeCardBlock()
    reflection = ReflectionPromptBlock()
    knowledge_check = KnowledgeCheckBlock()
