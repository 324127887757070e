"""So sánh: one indicator across communes for a period (sorted bars), and the province
total over the months (drawn with QPainter, as the commune's overview is)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop.appearance import set_font_scale
from desktop.overview import BarChart, Series
from desktop.reviewer import jobs
from desktop.tasks import TaskRunner
from desktop.wheel_guard import guard_wheel
from forms.numbers import format_number
from reports.exchange.comparison import Comparison, Indicator

BAR_HEIGHT = 18


class RankedBars(QWidget):
    """Horizontal bars, largest first: a name column, the bar, the value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[tuple[str, float]]) -> None:
        self.bars = bars
        self.setFixedHeight(max(60, len(bars) * (BAR_HEIGHT + 4) + 8))
        self.setAccessibleDescription("; ".join(f"{n}: {format_number(v)}" for n, v in bars[:50]))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        text = self.palette().text().color()
        if not self.bars:
            p.setPen(text)
            p.drawText(
                QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.tr("No figures for this period.")
            )
            return
        fm = self.fontMetrics()
        name_w = min(240, max(fm.horizontalAdvance(n) for n, _ in self.bars) + 8)
        value_w = fm.horizontalAdvance("000.000.000") + 8
        top = max((v for _, v in self.bars), default=1) or 1
        width = max(10, self.width() - name_w - value_w - 16)
        clip = event.rect()
        for i, (name, value) in enumerate(self.bars):
            y = 4 + i * (BAR_HEIGHT + 4)
            if y + BAR_HEIGHT < clip.top() or y > clip.bottom():
                continue  # only the rows in view are drawn
            p.setPen(text)
            p.drawText(
                QRectF(4, y, name_w - 8, BAR_HEIGHT),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(name, Qt.TextElideMode.ElideRight, name_w - 8),
            )
            w = max(1.0, width * max(0.0, value) / top)
            p.fillRect(QRectF(name_w, y + 2, w, BAR_HEIGHT - 4), QColor("#2f6fb3"))
            p.drawText(
                QRectF(name_w + w + 6, y, value_w, BAR_HEIGHT),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                format_number(round(value, 2)),
            )


class ComparePage(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        heading = QLabel(self.tr("Compare"))
        set_font_scale(heading, 1.4, bold=True)
        self.indicator = guard_wheel(QComboBox())
        self.indicator.setAccessibleName(self.tr("Indicator"))
        self.period = guard_wheel(QComboBox())
        self.period.setAccessibleName(self.tr("Period"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Indicator:")))
        top.addWidget(self.indicator, 2)
        top.addWidget(QLabel(self.tr("Period:")))
        top.addWidget(self.period, 1)
        self.bars = RankedBars()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.bars)
        self.trend = BarChart()
        self.trend_title = QLabel(self.tr("Province total by month"))
        set_font_scale(self.trend_title, 1.1, bold=True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(scroll, 3)
        layout.addWidget(self.trend_title)
        layout.addWidget(self.trend, 2)
        self.comparison: Comparison | None = None
        self.indicator.currentIndexChanged.connect(self._on_choice_changed)
        self.period.currentIndexChanged.connect(self._on_choice_changed)

    def refresh(self) -> None:
        self._runner.run(jobs.indicators, on_success=self._on_indicators, context=self)
        self._runner.run(jobs.received_periods, on_success=self._on_periods, context=self)

    def _on_indicators(self, items: list[Indicator]) -> None:
        self.indicator.blockSignals(True)
        self.indicator.clear()
        for it in items:
            self.indicator.addItem(it.label + (f" ({it.unit})" if it.unit else ""), it.field_id)
        self.indicator.blockSignals(False)

    def _on_periods(self, periods: list[str]) -> None:
        from forms.periods import Period

        self.period.blockSignals(True)
        self.period.clear()
        for code in periods:
            self.period.addItem(Period.parse(code).label(), code)
        self.period.blockSignals(False)
        self._on_choice_changed(0)

    @Slot(int)
    def _on_choice_changed(self, _index: int) -> None:
        field_id, period = self.indicator.currentData(), self.period.currentData()
        if field_id is None or period is None:
            return
        self._runner.run(jobs.compare, period, field_id, on_success=self.show_comparison, context=self)

    def show_comparison(self, c: Comparison) -> None:
        self.comparison = c
        self.bars.set_bars([(b.unit_name, b.value) for b in c.bars])
        self.trend.set_data(
            [f"{p.index:02d}/{p.year}" for p, _ in c.trend],
            [Series(self.indicator.currentText(), "#2f6fb3", [v for _, v in c.trend])],
        )
