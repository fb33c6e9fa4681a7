"""The minutes export: DOCX in the Nghị định 30/2020 format, PDF, PAdES signature, verification.

No Textual here (an import-linter contract holds it): the terminal app and the CLI call in.
"""
