"""bienban's secretary-facing side: the command line, the meeting store, the minutes export and the
Textual app. Only ``minutes_tui.app`` and its screens/widgets import Textual."""
