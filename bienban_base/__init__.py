"""Facts every bienban package shares: the audio format, files written safely, coded errors.

The lowest layer: it imports no other bienban package, so ``recorder``, ``transcribe`` and
``minutes_tui`` can all build on it without importing each other.
"""
