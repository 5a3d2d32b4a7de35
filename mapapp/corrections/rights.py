"""Who may change what every reader sees: publishing needs the editor token when one is set.

Running locally (``make run``, ``mapapp app``) no token is set and the one user is
the editor; a shared server sets ``MAPAPP_EDITOR_TOKEN``, and an anonymous reader's
corrections then stay in their own correction set until an editor publishes them.
"""
from __future__ import annotations

import hmac

from mapapp.config import settings
from mapapp.errors import NotEditor


def editor_required() -> bool:
    """True on a shared server: publishing asks for the editor token."""
    return settings().editor_token is not None


def is_editor(token: str | None) -> bool:
    """Whether ``token`` lets its holder publish (constant-time compare)."""
    expected = settings().editor_token
    if expected is None:
        return True
    return token is not None and hmac.compare_digest(token.encode("utf-8"), expected.encode("utf-8"))


def require_editor(token: str | None) -> None:
    if not is_editor(token):
        raise NotEditor("Only an editor can change the corrections every reader sees; "
                        "your corrections stay in your own correction set.")
