"""The start-up warning about this PC's clock (reports.clock_check decides; this says it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.prompter import Prompter
from reports.clock import VIETNAM
from reports.clock_check import ClockProblem


def warn_about_clock(prompter: Prompter, problem: ClockProblem | None) -> None:
    """Deadlines and document dates read this PC's clock: say so when it cannot be right."""
    if problem is None:
        return
    now = problem.now.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y")
    if problem.what == "behind" and problem.newest is not None:
        newest = problem.newest.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y")
        text = QCoreApplication.translate(
            "ClockWarning",
            "This computer's clock says %1, but the program already saved data at %2: the clock is behind. "
            "Deadlines and document dates would be wrong."
        ).replace("%1", now).replace("%2", newest)
    else:
        text = QCoreApplication.translate("ClockWarning", "This computer's clock says %1, which cannot be right.").replace("%1", now)
    text += "\n\n" + QCoreApplication.translate(
        "ClockWarning",
        "Set the date and time in Windows (right-click the clock → Adjust date/time → Set time automatically), "
        "then open the program again. If the clock keeps going wrong after a restart, the computer's battery "
        "needs replacing."
    )
    prompter.warning(QCoreApplication.translate("ClockWarning", "Check the computer's clock"), text)
