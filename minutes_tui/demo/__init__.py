"""The demo meeting: a scripted meeting rendered with espeak-ng, replayed as if live."""
