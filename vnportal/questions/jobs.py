"""The scheduled jobs of Hỏi đáp (the ``vnportal_scheduled_jobs`` hook): each safe to run twice."""

from . import mail, privacy, reminders


def send_mail():
    mail.send_due()


def daily():
    """Overdue reminders (once a day per unit however often this runs), contact data past its
    keeping time, sent e-mails older than a week."""
    reminders.send_reminders()
    privacy.anonymise_expired()
    mail.forget_sent()
