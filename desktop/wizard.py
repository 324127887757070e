"""The first-run wizard: language, role, the unit from the official list, people, signing.

Or, in one click, "try with sample data": the wizard asks for the demo installation
(``demo_requested``), which the composition root opens in a folder of its own (reports/demo.py).
Otherwise the wizard decides (``setup_choice``); finishing runs ``wizard_jobs.apply_setup`` on the
database worker and emits ``setup_done`` with the new start-up state.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)

from desktop.jobs import StartupState
from desktop.prompter import Prompter
from desktop.setup_model import SetupModel
from desktop.tasks import TaskRunner
from desktop.wizard_jobs import SetupChoice, apply_setup
from desktop.wizard_pages import (
    PageId,
    PeoplePage,
    RolePage,
    SummaryPage,
    UnitPage,
    WelcomePage,
)
from desktop.wizard_reviewer_page import ReviewerDocumentPage
from desktop.wizard_signing_page import SigningPage
from reports.admin_units import Commune, Province, UnitCatalog, reviewer_office_name
from reports.errors import CchcError
from reports.storage.unit import Role, Unit

log = logging.getLogger(__name__)


class SetupWizard(QWizard):
    language_changed = Signal(str)
    setup_done = Signal(object)  # StartupState
    demo_requested = Signal(str)  # the language chosen: open the demo installation instead

    def __init__(
        self, runner: TaskRunner, prompter: Prompter, *, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._prompter = prompter
        self.lang = lang
        self._catalog: UnitCatalog | None = None
        self._busy = False
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, False)
        self.setMinimumSize(820, 620)

        self.model = SetupModel(lang, parent=self)
        self.welcome_page = WelcomePage()
        self.role_page = RolePage(self.model)
        self.unit_page = UnitPage(self.model)
        self.people_page = PeoplePage(self.model)
        self.signing_page = SigningPage(prompter)
        self.reviewer_page = ReviewerDocumentPage(self.model)
        self.summary_page = SummaryPage()
        for pid, page in (
            (PageId.WELCOME, self.welcome_page),
            (PageId.ROLE, self.role_page),
            (PageId.UNIT, self.unit_page),
            (PageId.PEOPLE, self.people_page),
            (PageId.SIGNING, self.signing_page),
            (PageId.SUMMARY, self.summary_page),
            (PageId.REVIEWER, self.reviewer_page),
        ):
            self.setPage(int(pid), page)
        self.setStartId(int(PageId.WELCOME))
        if lang == "en":
            self.welcome_page.en_radio.setChecked(True)
        self.welcome_page.language_chosen.connect(self._on_welcome_language_chosen)
        self.currentIdChanged.connect(self._on_current_id_changed)
        self.retranslate()
        runner.run_cpu(UnitCatalog.load, on_success=self._on_catalog_loaded, context=self)

    # ------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Báo cáo CCHC: first-time setup"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        for page in (
            self.welcome_page,
            self.role_page,
            self.unit_page,
            self.people_page,
            self.signing_page,
            self.summary_page,
            self.reviewer_page,
        ):
            page.retranslate()
        if self.currentId() == PageId.SUMMARY:
            self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot(str)
    def _on_welcome_language_chosen(self, lang: str) -> None:
        self.lang = lang
        self.model.lang = lang
        self._prompter.lang = lang
        self.language_changed.emit(lang)

    @Slot(int)
    def _on_current_id_changed(self, page_id: int) -> None:
        if page_id == PageId.SUMMARY:
            self._show_summary()

    def _show_summary(self) -> None:
        try:
            choice = self.setup_choice()
        except CchcError as exc:
            self.summary_page.show_error(exc.message(self.lang))
            return
        self.summary_page.show_choice(choice)

    # ------------------------------------------------------------ data

    @Slot(object)
    def _on_catalog_loaded(self, catalog: UnitCatalog) -> None:
        self._catalog = catalog
        self.unit_page.picker.set_catalog(catalog)

    @property
    def catalog(self) -> UnitCatalog | None:
        return self._catalog

    def setup_choice(self) -> SetupChoice:
        """What the pages say, as the unit and settings to store."""
        settings: dict[str, Any] = {"language": self.welcome_page.language}
        role = self.role_page.role
        picker = self.unit_page.picker
        people = self.people_page
        province: Province | None = picker.province()
        commune: Commune | None = picker.commune()
        settings.update(self.signing_page.settings())
        if province is None:
            raise ValueError("no province chosen")
        common = dict(
            province_name=province.name,
            province_code=province.code,
            place=people.place_edit.text(),
            preparer_name=people.preparer_name_edit.text(),
            preparer_title=people.preparer_title_edit.text(),
            signer_name=people.signer_name_edit.text(),
            signer_title=people.signer_title_edit.text(),
            signer_authority=people.authority,
            doc_symbol=people.symbol_edit.text() or "BC-UBND",
        )
        if role is Role.REVIEWER:
            common.update(self.reviewer_page.signer())
            settings.update(self.reviewer_page.settings())
            unit = Unit(role=role, code=province.code, name=reviewer_office_name(province), **common)
        else:
            assert commune is not None
            unit = Unit(
                role=role,
                code=commune.code,
                name=commune.name,
                reviewer_code=province.code,
                reviewer_name=people.reviewer_edit.text() or reviewer_office_name(province),
                **common,
            )
        return SetupChoice(unit, settings)

    # ------------------------------------------------------------ finishing

    def accept(self) -> None:
        if self._busy:
            return
        if self.welcome_page.sample:  # nothing is set up here: the demo has a folder of its own
            self.set_busy(True, self.tr("Preparing the sample data, please wait…"))
            log.info("trying the program with sample data")
            self.demo_requested.emit(self.welcome_page.language)
            return
        try:
            choice = self.setup_choice()
        except CchcError as exc:
            self._prompter.error(exc)
            return
        self.set_busy(True)
        log.info("setting up %s (%s)", choice.unit.name, choice.unit.code)
        self._runner.run(
            apply_setup,
            choice,
            on_success=self._on_setup_applied,
            on_failure=self._on_setup_failed,
            context=self,
        )

    def set_busy(self, busy: bool, text: str = "") -> None:
        """While the setup (or the demo) is being made: no button to press twice."""
        self._busy = busy
        for b in (
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CancelButton,
        ):
            button = self.button(b)
            if button is not None:
                button.setEnabled(not busy)
        status = text or self.tr("Setting up, please wait…")
        for label in (self.summary_page.status, self.welcome_page.status):
            label.setText(status if busy else "")
        if busy:
            self.setCursor(Qt.CursorShape.WaitCursor)
        else:
            self.unsetCursor()

    @Slot(object)
    def _on_setup_applied(self, state: StartupState) -> None:
        self.set_busy(False)
        self.setup_done.emit(state)
        super().accept()

    @Slot(object)
    def _on_setup_failed(self, exc: CchcError) -> None:
        self.set_busy(False)
        self._prompter.error(exc, self.tr("The setup could not be saved"))

    def reject(self) -> None:
        if not self._busy:
            super().reject()
