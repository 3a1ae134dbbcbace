"""The learner's claim page, reached from the QR code: phone first, HTML or JSON."""
