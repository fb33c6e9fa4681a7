"""Who is speaking: a speaker encoder (Resemblyzer's weights run with numpy), voice profiles,
speaker suggestions and speaker changes.

A plain library like ``recorder`` and ``transcribe``: no Textual, no UI, no torch.
"""
