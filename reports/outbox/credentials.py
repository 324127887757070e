"""Passwords for the mail and shared servers: the OS keyring where there is one, otherwise a
file in the data folder.

Where the ``keyring`` package finds a real backend (Windows Credential Locker, macOS
Keychain, the Secret Service on a Linux desktop), passwords live there. Otherwise — a
server without a desktop session, a locked-down PC — they are kept in
``keys/outbox-credentials.json``, encrypted (Fernet) with a key in
``keys/outbox-credentials.key`` right next to it.

PLAINLY: that file fallback only protects against casual reading (someone opening the file
in Notepad, a backup or a synced copy of the folder glanced at). Anyone who can read the
data folder can read both files and decrypt the passwords. It is not a vault.

Passwords are never written to the database, the logs, exceptions' messages or packages;
``__repr__`` of this class says where they are, never what they are.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from reports.files import write_atomic
from reports.outbox.config import CredentialKey
from reports.paths import DataPaths

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

log = logging.getLogger(__name__)

SERVICE = "BaoCaoCCHC"
BACKEND_ENV = "CCHC_CREDENTIALS"  # "file" forces the file fallback (tests, portable installs)


def _keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and float(getattr(backend, "priority", 0)) > 0
    except Exception:  # a broken keyring configuration must not stop the program
        log.info("no usable OS keyring", exc_info=True)
        return False


class CredentialStore:
    """Get and set the outbox's passwords for one installation (one data folder)."""

    def __init__(self, paths: DataPaths, *, backend: str | None = None) -> None:
        self.paths = paths
        choice = backend or os.environ.get(BACKEND_ENV, "auto")
        self._choice = choice
        # Two installations on one PC (tests, a trainer's laptop) must not share passwords.
        self._account_suffix = hashlib.sha256(str(paths.root.resolve()).encode("utf-8")).hexdigest()[:12]

    def __repr__(self) -> str:
        return f"CredentialStore({self.location})"

    @functools.cached_property
    def uses_keyring(self) -> bool:
        # Asked when a password is first needed, not when the store is made: finding the OS
        # keyring imports every backend (0.2–0.4 s), and the sender makes a store at start-up.
        return self._choice == "keyring" or (self._choice == "auto" and _keyring_usable())

    @property
    def location(self) -> str:
        return "OS keyring" if self.uses_keyring else str(self._file)

    @property
    def _file(self) -> Path:
        return self.paths.keys / "outbox-credentials.json"

    @property
    def _key_file(self) -> Path:
        return self.paths.keys / "outbox-credentials.key"

    def _account(self, key: CredentialKey | str) -> str:
        return f"{CredentialKey(key).value}:{self._account_suffix}"

    # ------------------------------------------------------------ the API

    def get(self, key: CredentialKey | str) -> str | None:
        if self.uses_keyring:
            try:
                import keyring

                value = keyring.get_password(SERVICE, self._account(key))
                if value is not None:
                    return value
            except Exception:
                log.warning("the OS keyring could not be read; trying the data folder", exc_info=False)
        return self._file_get(CredentialKey(key))

    def set(self, key: CredentialKey | str, secret: str) -> str:
        """Store ``secret``; returns where it went (for the user: "OS keyring" or the file)."""
        key = CredentialKey(key)
        if self.uses_keyring:
            try:
                import keyring

                keyring.set_password(SERVICE, self._account(key), secret)
                self._file_delete(key)  # an older fallback copy must not linger
                return "OS keyring"
            except Exception:
                log.warning("the OS keyring refused the password; keeping it in the data folder instead")
        self._file_set(key, secret)
        return str(self._file)

    def delete(self, key: CredentialKey | str) -> None:
        key = CredentialKey(key)
        if self.uses_keyring:
            with contextlib.suppress(Exception):
                import keyring

                keyring.delete_password(SERVICE, self._account(key))
        self._file_delete(key)

    # ------------------------------------------------------------ the file fallback

    def _fernet(self, create: bool) -> Fernet | None:
        from cryptography.fernet import Fernet  # only the file fallback encrypts: not at start-up

        if not self._key_file.exists():
            if not create:
                return None
            write_atomic(self._key_file, private=True, data=Fernet.generate_key())
        return Fernet(self._key_file.read_bytes().strip())

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _file_get(self, key: CredentialKey) -> str | None:
        token = self._load().get(key.value)
        fernet = self._fernet(create=False)
        if token is None or fernet is None:
            return None
        from cryptography.fernet import InvalidToken

        try:
            return fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError):
            log.warning("a stored password could not be decrypted (the key file was replaced?); it must be entered again")
            return None

    def _file_set(self, key: CredentialKey, secret: str) -> None:
        fernet = self._fernet(create=True)
        assert fernet is not None
        data = self._load()
        data[key.value] = fernet.encrypt(secret.encode("utf-8")).decode("ascii")
        write_atomic(self._file, private=True, data=json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))

    def _file_delete(self, key: CredentialKey) -> None:
        data = self._load()
        if data.pop(key.value, None) is not None:
            write_atomic(self._file, private=True, data=json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))
