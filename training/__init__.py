"""The recipe that adapts the bundled Whisper base to Vietnamese (not part of the product package).

Run it with ``python -m training`` (``pip install -e '.[train]'`` first); README "How the
Vietnamese model was made" gives the command and what it measured.
"""
