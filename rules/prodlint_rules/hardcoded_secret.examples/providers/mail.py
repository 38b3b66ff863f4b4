"""Mail settings."""

from __future__ import annotations

import smtplib

# A Google app password keeps its spaces.
# expect: SEC001
GMAIL_APP_PASSWORD = "wrtk qmvz hplx nbdj"
# ok: SEC001
SMTP_GREETING = "good day from mail"
# ok: SEC001
EXAMPLE_APP_PASSWORD = "abcd efgh ijkl mnop"


def send(to: str, body: str) -> None:
    with smtplib.SMTP_SSL("smtp.gmail.com", 465) as smtp:
        smtp.login("team@shop.io", GMAIL_APP_PASSWORD)
        smtp.sendmail("team@shop.io", to, body)
