"""The colours of the notices shown above a view or in a dialog: a banner (a read-only
revision), a warning (tampering found, a broken audit chain) and a notice (reviews due)."""

BANNER_STYLE = "background:#FFF3CD;color:#6B4E00;padding:6px;"
WARNING_STYLE = "background:#F8D7DA;color:#721C24;padding:6px;"
NOTICE_STYLE = "background:#D1ECF1;color:#0C5460;padding:6px;"
