from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vnportal.core import media, registry


class QuestionsConfig(AppConfig):
    name = "vnportal.questions"
    label = "questions"
    verbose_name = _("Questions and answers")

    def ready(self):
        # Imported here, not at the top: Django loads models only after every AppConfig exists.
        from .models import ATTACHMENT_FOLDER, Question, QuestionField

        # Search indexes published answers without importing this app (handling.py keeps the
        # entry in step on publish); rebuild_search_index finds them here.
        registry.SEARCHABLE.register(Question)
        # A renamed field shows on the public list and answers. Questions themselves purge only
        # when published or withdrawn (handling.py): a new submission changes no public page.
        registry.PURGE_ON_SAVE.register(QuestionField)
        # Attachments hold personal data: served to staff by admin_views.attachment only.
        media.refuse_prefix(ATTACHMENT_FOLDER)
