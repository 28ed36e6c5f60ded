"""Redaction of the identifiers that need code: check digits and libphonenumber (see detect)."""

from client_intelligence.redaction.detect import redact_digit_identifiers

__all__ = ["redact_digit_identifiers"]
