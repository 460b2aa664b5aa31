"""The city's comms desk: one filter guards every admin command, text and button."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import filters

from handlers.common import Context
from handlers.fallback import stale_button


class Admins(filters.UpdateFilter):
    """Updates from a listed admin in a private chat with the bot (messages and buttons alike)."""

    def __init__(self, admin_ids: frozenset[int]) -> None:
        super().__init__(name="Admins")
        self.ids = frozenset(admin_ids)

    def filter(self, update: Update) -> bool:
        user, chat = update.effective_user, update.effective_chat
        return (
            user is not None
            and chat is not None
            and chat.type == ChatType.PRIVATE
            and (user.id in self.ids)
        )


def admins_only(
    admins: Admins, callback: Callable[[Update, Context], Awaitable[Any]], *, refused: Any = None
) -> Callable[[Update, Context], Awaitable[Any]]:
    """A button callback for admins; anyone else gets the answer a stale button gets."""

    @wraps(callback)
    async def guarded(update: Update, context: Context) -> Any:
        if not admins.filter(update):  # check_update() would refuse every button press
            await stale_button(update, context)
            return refused
        return await callback(update, context)

    return guarded
