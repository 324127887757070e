"""The form on screen: one page per part of the report, stacked, with every field's input.

The editor decides what the fields hold and what is wrong with them; this widget builds
the pages from a form definition, shows values and messages, and passes edits up."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QPushButton, QStackedWidget, QWidget

from desktop.field_inputs import FieldInput, NarrativeInput
from desktop.section_page import FieldRow, SectionPage
from forms.definition import FieldType, FormDefinition
from forms.problems import FieldMessage
from forms.suggest import suggestions_for
from reports.intake.part3 import importable_fields


class FormPages(QStackedWidget):
    edited = Signal(str, object)  # field id, raw value as typed
    suggest_requested = Signal(str)  # a narrative field's id
    part3_import_requested = Signal()  # "Import from the one-stop shop's file…"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs: dict[str, FieldInput] = {}
        self.pages: dict[str, SectionPage] = {}
        self._section_ids: list[str] = []
        self.part3_button: QPushButton | None = None

    def build(self, definition: FormDefinition, lang: str, undo_filter: QObject) -> None:
        """Replace the pages with those of ``definition``."""
        for page in self.pages.values():
            self.removeWidget(page)
            page.deleteLater()
        for fi in self.inputs.values():
            fi.deleteLater()
        self.inputs = {}
        self.pages = {}
        self._section_ids = [s.id for s in definition.sections]
        suggestable = frozenset(
            f.id
            for f in definition.iter_fields()
            if f.type is FieldType.NARRATIVE and suggestions_for(definition, f.id)
        )
        for section in definition.sections:
            page = SectionPage(section, lang, self, undo_filter, suggestable)
            self.pages[section.id] = page
            self.addWidget(page)
            for fid, fi in page.inputs.items():
                self.inputs[fid] = fi
                fi.edited.connect(self.edited)
                if isinstance(fi, NarrativeInput):
                    fi.suggest_requested.connect(self._on_input_suggest_requested)
        self.part3_button = None
        importable = sorted(importable_fields(definition))
        if importable:  # on the part that holds the dossier figures
            # Short: under large text on a 1280-pixel screen at 125 % the part's column is about
            # 300 pixels wide, and the long name made the page scroll sideways. The tooltip says more.
            self.part3_button = QPushButton(self.tr("&Import statistics…"))
            self.part3_button.setToolTip(self.tr(
                "Fill the dossier figures from the statistics (XLSX or CSV) exported by the one-stop shop's software."))
            self.part3_button.clicked.connect(self.part3_import_requested)
            self.pages[definition.section_of(importable[0]).id].add_action(self.part3_button)

    @Slot(str)
    def _on_input_suggest_requested(self, field_id: str) -> None:
        self.suggest_requested.emit(field_id)

    def tab_chain(self) -> list[QWidget]:
        """The fields' widgets that take the keyboard, top to bottom."""
        chain: list[QWidget] = []
        for fi in self.inputs.values():
            chain += [w for w in fi.tab_widgets() if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        return chain

    def fill(self, values: dict[str, Any]) -> dict[str, Any]:
        """Show stored values in the fields one types in; the raw values now shown."""
        raw = {}
        for fid, fi in self.inputs.items():
            if not fi.field.computed:
                fi.show_value(values.get(fid))
                raw[fid] = fi.raw()
        return raw

    def show_computed(self, values: dict[str, Any]) -> None:
        for fid, fi in self.inputs.items():
            if fi.field.computed:
                fi.show_value(values.get(fid))

    def set_read_only(self, read_only: bool) -> None:
        for fi in self.inputs.values():
            fi.set_read_only(read_only)
        if self.part3_button is not None:
            self.part3_button.setEnabled(not read_only)

    def rows(self) -> list[tuple[str, FieldRow]]:
        return [(fid, row) for page in self.pages.values() for fid, row in page.rows.items()]

    def show_messages(self, messages: dict[str, list[FieldMessage]], states: dict[str, str]) -> None:
        for fid, row in self.rows():
            row.set_messages(messages.get(fid, []))
            self.inputs[fid].set_state(states.get(fid, ""))

    def field_message(self, field_id: str) -> str:
        """The message shown under a field ("" when none)."""
        for page in self.pages.values():
            if field_id in page.rows:
                return page.rows[field_id].message_text()
        raise KeyError(field_id)

    def reveal(self, section_id: str, field_id: str, *, focus: bool = False) -> None:
        self.setCurrentIndex(self._section_ids.index(section_id))
        self.pages[section_id].reveal(field_id)
        if focus:
            self.inputs[field_id].focus_widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first_field(self, section_id: str) -> None:
        """Enter on a part: start typing in its first field."""
        page = self.pages.get(section_id)
        if page is None:
            return
        for fi in page.inputs.values():
            widget = fi.focus_widget
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                page.reveal(fi.field.id)
                return
