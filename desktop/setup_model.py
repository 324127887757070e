"""What the first-run wizard's pages have chosen so far, shared between them.

Pages read and write this model and listen to ``changed``; none of them knows the wizard
(no ``desktop.wizard ↔ wizard_pages`` cycle). A page added later (the reviewer's signer
settings, for one) takes the same model."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reports.admin_units import Commune, Province
from reports.storage.unit import Role


class SetupModel(QObject):
    changed = Signal()

    def __init__(self, lang: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.role = Role.COMMUNE
        self.province: Province | None = None
        self.commune: Commune | None = None

    def set_role(self, role: Role) -> None:
        if role is not self.role:
            self.role = role
            self.changed.emit()

    def set_unit(self, province: Province | None, commune: Commune | None) -> None:
        if (province, commune) != (self.province, self.commune):
            self.province, self.commune = province, commune
            self.changed.emit()

    @property
    def choice_key(self) -> str:
        """Changes when the role or the unit does: pages fill their defaults once per key."""
        province = self.province.code if self.province else ""
        commune = self.commune.code if self.commune else ""
        return f"{self.role}/{province}/{commune}"
