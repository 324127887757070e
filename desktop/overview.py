"""Tổng quan (overview): the commune's own figures over the last periods, drawn with QPainter
(QtCharts is not in PySide6-Essentials, and a few bars need no library)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop import overview_jobs
from desktop.appearance import set_font_scale
from desktop.overview_jobs import Overview
from desktop.tasks import TaskRunner
from forms.numbers import format_date, format_number


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: list[float | None]


class BarChart(QWidget):
    """Grouped vertical bars with a legend; values written above the bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._series: list[Series] = []
        self._suffix = ""
        self._maximum: float | None = None
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(
        self, labels: list[str], series: list[Series], *, suffix: str = "", maximum: float | None = None
    ) -> None:
        self._labels, self._series, self._suffix, self._maximum = labels, series, suffix, maximum
        self.setAccessibleDescription(
            "; ".join(
                f"{label}: "
                + ", ".join(
                    f"{s.name} {format_number(s.values[i]) if s.values[i] is not None else '—'}"
                    for s in series
                )
                for i, label in enumerate(labels)
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 300)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        line = fm.height()
        rect = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        # legend
        x = rect.left()
        for s in self._series:
            p.fillRect(QRectF(x, rect.top() + 3, line * 0.8, line * 0.8), QColor(s.colour))
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(x + line, rect.top(), 1000, line), Qt.AlignmentFlag.AlignLeft, s.name)
            x += line + fm.horizontalAdvance(s.name) + 2 * line
        plot = rect.adjusted(0, line * 2.2, 0, -line * 1.6)
        if not self._labels or not self._series:
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No figures yet."))
            return
        values = [v for s in self._series for v in s.values if v is not None]
        top = self._maximum or (max(values) if values else 1) or 1
        p.setPen(QPen(QColor("#b0b6bd"), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        group_w = plot.width() / len(self._labels)
        bar_w = max(4.0, min(40.0, group_w * 0.8 / len(self._series)))
        for i, label in enumerate(self._labels):
            gx = plot.left() + i * group_w + (group_w - bar_w * len(self._series)) / 2
            for j, s in enumerate(self._series):
                v = s.values[i]
                if v is None:
                    continue
                h = plot.height() * 0.88 * (v / top)
                bar = QRectF(gx + j * bar_w, plot.bottom() - h, bar_w - 2, h)
                p.fillRect(bar, QColor(s.colour))
                if group_w > fm.horizontalAdvance("0000") * len(self._series):
                    p.setPen(self.palette().text().color())
                    p.drawText(
                        QRectF(bar.left() - 20, bar.top() - line, bar.width() + 40, line),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                        format_number(round(v, 1)) + self._suffix,
                    )
            p.setPen(self.palette().text().color())
            p.drawText(
                QRectF(plot.left() + i * group_w, plot.bottom() + 2, group_w, line * 1.4),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )


class OverviewPage(QWidget):
    def __init__(self, runner: TaskRunner, *, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._lang = lang
        heading = QLabel(self.tr("Overview"))
        set_font_scale(heading, 1.5, bold=True)
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        set_font_scale(self.current_label, 1.1)
        self.files_title = QLabel(self.tr("Case files received and resolved"))
        self.rates_title = QLabel(self.tr("On-time and online rates (%)"))
        self.scores_title = QLabel()
        for t in (self.files_title, self.rates_title, self.scores_title):
            set_font_scale(t, 1.1, bold=True)
        self.files_chart = BarChart()
        self.rates_chart = BarChart()
        self.scores_chart = BarChart()
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(20, 16, 20, 16)
        column.setSpacing(10)
        column.addWidget(heading)
        column.addWidget(self.current_label)
        for w in (
            self.files_title,
            self.files_chart,
            self.rates_title,
            self.rates_chart,
            self.scores_title,
            self.scores_chart,
        ):
            column.addWidget(w)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def refresh(self) -> None:
        self._runner.run(overview_jobs.overview, on_success=self.show_overview, context=self)

    @Slot(object)
    def show_overview(self, data: Overview) -> None:
        if data.current is not None:
            c = data.current
            period = c.period.label(self._lang)
            state = (
                self.tr("its report is created")
                if c.existing_id
                else self.tr("its report is not created yet")
            )
            self.current_label.setText(
                self.tr("This period: %1 — deadline %2 — %3.")
                .replace("%1", period)
                .replace("%2", format_date(c.deadline))
                .replace("%3", state)
            )
        labels = [
            f"{p.period.index:02d}/{p.period.year % 100:02d}"
            if p.period.kind.value == "month"
            else p.period.code
            for p in data.points
        ]
        self.files_chart.set_data(
            labels,
            [
                Series(self.tr("Received"), "#1a5fb4", [p.received for p in data.points]),
                Series(self.tr("Resolved"), "#26a269", [p.resolved for p in data.points]),
            ],
        )
        self.rates_chart.set_data(
            labels,
            [
                Series(self.tr("Resolved on time"), "#26a269", [p.on_time_rate for p in data.points]),
                Series(self.tr("Received online"), "#e5a50a", [p.online_rate for p in data.points]),
            ],
            suffix="%",
            maximum=100,
        )
        if data.scores:
            assert data.score_period is not None
            self.scores_title.setText(
                self.tr("Self-assessment score by area (%1)").replace(
                    "%1", data.score_period.label(self._lang)
                )
            )
            self.scores_chart.set_data(
                [s.title.split(",")[0][:18] for s in data.scores],
                [
                    Series(self.tr("Score"), "#1a5fb4", [s.score for s in data.scores]),
                    Series(self.tr("Maximum"), "#c0c5cc", [s.max_points for s in data.scores]),
                ],
            )
        self.scores_title.setVisible(bool(data.scores))
        self.scores_chart.setVisible(bool(data.scores))
