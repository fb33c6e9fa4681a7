"""Vietnamese speech recognition for bienban: model source, decoding, guard, evaluation, live pipeline.

Plain library: no UI imports (checked by tests/test_import_hygiene.py).
"""
