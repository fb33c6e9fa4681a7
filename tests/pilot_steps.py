"""Steps the secretary takes in the app that many pilot tests share."""

from __future__ import annotations

from minutes_tui.screens.review import ReviewScreen


async def open_review(app, pilot, *, settle: bool = False) -> ReviewScreen:
    """From home, Enter on the newest meeting; ``settle``: also wait for review's own workers
    (the voices' refresh) to finish."""
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    review = app.screen
    assert isinstance(review, ReviewScreen)
    if settle:
        await review.workers.wait_for_complete()
        await pilot.pause()
    return review


async def accept_blanks(app, pilot) -> None:
    """Say yes to exporting minutes with blanks (the demo meeting's speakers are not named yet)."""
    from minutes_tui.dialogs.confirm import ConfirmDialog

    await pilot.pause()
    assert isinstance(app.screen, ConfirmDialog), app.screen
    await pilot.press("enter")
    await pilot.pause()
