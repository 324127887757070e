"""One section of a form on screen: its fields, each with label, unit, help and messages."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.appearance import repolish, set_font_scale
from desktop.field_inputs import FieldInput, make_input
from forms.definition import Field, FieldType, Section
from forms.problems import FieldMessage


class FieldRow(QWidget):
    """Label (with unit), the input, a one-line help and the messages about the field."""

    def __init__(self, field: Field, field_input: FieldInput, lang: str) -> None:
        super().__init__()
        self.field = field
        self.input = field_input
        label_text = field.label_en if lang == "en" and field.label_en else field.label
        self.label = QLabel(label_text + (" *" if field.required else ""))
        self.label.setWordWrap(True)
        self.label.setBuddy(field_input.focus_widget)
        if field.required:
            self.label.setToolTip(self.tr("Required: fill this in before finalising."))
        # A percentage shows its own "%" ("91,7%"): a "%" unit beside it said it twice.
        shown_unit = "" if field_input.wide or field.type is FieldType.PERCENTAGE else field.unit
        self.unit_label = QLabel(shown_unit)
        self.unit_label.setProperty("role", "muted")
        help_text = field.help
        if field.computed:
            help_text = (help_text + " " if help_text else "") + self.tr("Computed automatically.")
        elif field.from_reports:
            help_text = (help_text + " " if help_text else "") + self.tr("Computed from the filed monthly reports.")
        elif field.type.value == "score" and not field.self_scored:
            help_text = (help_text + " " if help_text else "") + self.tr("Scored by the province, not by the commune.")
        if field.type.value == "score" and field.method.guide:
            help_text = (help_text + " " if help_text else "") + field.method.guide  # the province's own words
        if field.type.value == "score" and field.max_points is not None:
            from forms.numbers import format_number

            help_text = (help_text + " " if help_text else "") + self.tr("At most %1 points.").replace(
                "%1", format_number(field.max_points)
            )
        self.help_label = QLabel(help_text)
        self.help_label.setWordWrap(True)
        self.help_label.setProperty("role", "help")
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setAccessibleName(self.tr("Problem"))

        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 6, 0, 6)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(3)
        self._stacked = False
        if field_input.wide:
            self._grid.addWidget(self.label, 0, 0, 1, 3)
            self._grid.addWidget(self.help_label, 1, 0, 1, 3)
            self._grid.addWidget(field_input.widget, 2, 0, 1, 3)
            self._grid.addWidget(self.message_label, 3, 0, 1, 3)
        else:
            self._arrange(stacked=False)
        # Only once it is in the layout: a label without a parent made visible is a window of its
        # own, shown for a moment, and taking the activation from the window the user is in
        # (the sign dialog lost its focus when the signed report reopened behind it).
        self.help_label.setVisible(bool(help_text))

    # The label beside the box, or above it when the row is too narrow for both: with large
    # text on a 1280×720 screen at 125 % the rows were wider than the form pane and their
    # labels cut off at the right.

    def _widths(self) -> tuple[int, int]:
        """The box's column (room for twelve digits at most, not the whole box) and the unit's."""
        fm = self.fontMetrics()
        box = min(self.input.widget.maximumWidth(), fm.horizontalAdvance("0" * 12) + 24)
        unit = max(fm.horizontalAdvance("nhiệm vụ"), self.unit_label.sizeHint().width())
        return box, unit

    def _side_by_side_width(self) -> int:
        box, unit = self._widths()
        return self.label.minimumSizeHint().width() + box + unit + 2 * self._grid.horizontalSpacing()

    def _arrange(self, *, stacked: bool) -> None:
        g = self._grid
        for w in (self.label, self.input.widget, self.unit_label, self.help_label, self.message_label):
            g.removeWidget(w)
        box, unit = self._widths()
        row = 1 if stacked else 0
        if stacked:
            g.addWidget(self.label, 0, 0, 1, 3)
        else:
            g.addWidget(self.label, 0, 0)
        g.addWidget(self.input.widget, row, 0 if stacked else 1)
        g.addWidget(self.unit_label, row, 1 if stacked else 2)
        g.addWidget(self.help_label, row + 1, 0, 1, 3)
        g.addWidget(self.message_label, row + 2, 0, 1, 3)
        stretches, minimums = ((0, 0, 1), (box, 0, 0)) if stacked else ((1, 0, 0), (0, box, unit))
        for column in range(3):
            g.setColumnStretch(column, stretches[column])
            g.setColumnMinimumWidth(column, minimums[column])
        self._stacked = stacked

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.input.wide:
            return hint
        box, unit = self._widths()
        narrow = max(self.label.minimumSizeHint().width(), box + self._grid.horizontalSpacing() + unit)
        return QSize(narrow, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.input.wide:
            stacked = event.size().width() < self._side_by_side_width()
            if stacked != self._stacked:
                self._arrange(stacked=stacked)

    @property
    def stacked(self) -> bool:
        return self._stacked

    def set_messages(self, messages: list[FieldMessage]) -> None:
        if not messages:
            self.message_label.setVisible(False)
            self.message_label.setText("")
            return
        worst = "error" if any(m.level == "error" for m in messages) else messages[0].level
        role = {"error": "error", "warning": "warning", "acknowledged": "muted", "info": "muted"}[worst]
        text = "\n".join(
            ("⚠ " if m.level in ("error", "warning") else "✓ " if m.level == "acknowledged" else "") + m.text
            for m in messages
        )
        self.message_label.setText(text)
        if self.message_label.property("role") != role:
            self.message_label.setProperty("role", role)
            repolish(self.message_label)
        self.message_label.setVisible(True)

    def message_text(self) -> str:
        return "" if self.message_label.isHidden() else self.message_label.text()


class SectionPage(QScrollArea):
    """A section's fields, grouped under their sub-headings, in a scrolling page."""

    def __init__(
        self,
        section: Section,
        lang: str,
        parent_for_inputs: QObject,
        undo_filter: QObject,
        suggestable: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.section = section
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 24, 24)
        layout.setSpacing(4)
        title = section.title_en if lang == "en" and section.title_en else section.title
        heading = QLabel(f"{section.id}. {title}")
        heading.setWordWrap(True)
        set_font_scale(heading, 1.3, bold=True)
        layout.addWidget(heading)
        if section.intro:
            intro = QLabel(section.intro)
            intro.setWordWrap(True)
            intro.setProperty("role", "help")
            layout.addWidget(intro)
        self._layout, self._actions_at = layout, layout.count()
        self.rows: dict[str, FieldRow] = {}
        self.inputs: dict[str, FieldInput] = {}
        group = None
        for field in section.fields:
            if field.group and field.group != group:
                group = field.group
                sub = QLabel(group)
                sub.setWordWrap(True)
                set_font_scale(sub, 1.1, bold=True)
                sub.setContentsMargins(0, 12, 0, 2)
                layout.addWidget(sub)
            elif not field.group and group:
                group = None
                layout.addSpacing(8)
            field_input = make_input(field, parent_for_inputs, undo_filter, suggest=field.id in suggestable)
            row = FieldRow(field, field_input, lang)
            self.rows[field.id] = row
            self.inputs[field.id] = field_input
            layout.addWidget(row)
        layout.addStretch(1)
        self.setWidget(body)

    def add_action(self, widget: QWidget) -> None:
        """A button for the whole part (e.g. Part III's import), under its heading."""
        self._layout.insertWidget(self._actions_at, widget, 0, Qt.AlignmentFlag.AlignLeft)
        self._actions_at += 1

    def reveal(self, field_id: str) -> None:
        row = self.rows.get(field_id)
        if row is not None:
            self.ensureWidgetVisible(row, 50, 80)
