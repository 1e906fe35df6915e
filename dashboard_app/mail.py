"""Outgoing mail: SMTP when MAIL_SERVER is set, otherwise the message goes to the log."""

from __future__ import annotations

import logging
import smtplib
import threading
from email.message import EmailMessage

from flask import current_app

from dashboard_app.config import Settings, get_settings

log = logging.getLogger(__name__)


def _message(settings: Settings, to: str, subject: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.mail_from
    message["To"] = to
    message.set_content(text)
    return message


def build_reset_message(settings: Settings, to: str, username: str, link: str) -> EmailMessage:
    """The password-reset message for one user."""
    return _message(
        settings,
        to,
        "Reset your Metrics Tracker password",
        f"Hello {username},\n\n"
        "Someone (hopefully you) asked to reset the password of your Metrics Tracker account.\n"
        f"Open this link within one hour to choose a new password:\n\n{link}\n\n"
        "The link works once. If you did not ask for it, ignore this message; your password\n"
        "stays as it is.\n",
    )


def send_message(settings: Settings, message: EmailMessage) -> None:
    """Deliver message through the configured SMTP server."""
    with smtplib.SMTP(settings.mail_server, settings.mail_port, timeout=10) as smtp:
        if settings.mail_use_tls:
            smtp.starttls()
        if settings.mail_username:
            smtp.login(settings.mail_username, settings.mail_password or "")
        smtp.send_message(message)


def build_email_changed_message(
    settings: Settings, to: str, username: str, new_address: str
) -> EmailMessage:
    """The notice to an account's old address that its address changed."""
    return _message(
        settings,
        to,
        "Your Metrics Tracker address was changed",
        f"Hello {username},\n\n"
        f"The e-mail address of your Metrics Tracker account is now {new_address}.\n"
        "Password-reset links go there from now on.\n\n"
        "If you did not change it, someone who knows your password did: reset your password\n"
        "from the login page while this address still receives mail for the account, or ask\n"
        "the administrator of your Metrics Tracker to.\n",
    )


def send_password_reset(to: str, username: str, link: str) -> None:
    """Mail the reset link, or log it when no mail server is configured."""
    settings = get_settings(current_app)
    if not settings.mail_enabled:
        # Without mail the link is logged so that the admin of a self-hosted install can pass
        # it on; with mail configured the link never reaches the log.
        log.warning("mail is not configured; password reset link for %s: %s", username, link)
        return
    _send_later(settings, build_reset_message(settings, to, username, link), username)


def send_email_changed(old_address: str, username: str, new_address: str) -> None:
    """Tell the old address that the account's address changed (logged without mail)."""
    settings = get_settings(current_app)
    if not settings.mail_enabled:
        log.warning("mail is not configured; %s's address changed from %s", username, old_address)
        return
    message = build_email_changed_message(settings, old_address, username, new_address)
    _send_later(settings, message, username)


def _send_later(settings: Settings, message: EmailMessage, username: str) -> None:
    # Sent from a thread: the request answers at once whether or not the address has an
    # account, so response times do not reveal which addresses are registered.
    threading.Thread(target=_deliver, args=(settings, message, username), daemon=True).start()


def _deliver(settings: Settings, message: EmailMessage, username: str) -> None:
    try:
        send_message(settings, message)
    except (OSError, smtplib.SMTPException) as exc:
        log.error("could not send %r for %s: %s", message["Subject"], username, exc)
