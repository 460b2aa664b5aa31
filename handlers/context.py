"""The context every handler gets: the bot's services and the chat's language (PTB ContextTypes)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.services import SERVICES_KEY, Services
from handlers.user_data import ChatData, UserData


def telegram_language(update: Update, services: Services) -> str:
    """The language of the user's Telegram app, as far as we speak it."""
    user = update.effective_user
    return services.texts.language_for(user.language_code if user else None)


class BotContext(CallbackContext[ExtBot, UserData, ChatData, dict]):
    """A CallbackContext with `.services`, the typed `user_data`/`chat_data`
    (handlers/user_data.py) and the chat's language, read once per update."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self._update: Update | None = None
        self._language: str | None = None

    @classmethod
    def from_update(
        cls, update: object, application: Application[Any, Any, Any, Any, Any, Any]
    ) -> BotContext:
        context = super().from_update(update, application)
        if isinstance(update, Update):
            context._update = update
        return context

    @property
    def services(self) -> Services:
        return self.application.bot_data[SERVICES_KEY]

    async def language(self) -> str:
        """The chat's stored language, else the one it chose before anything was stored,
        else the one of the user's Telegram app."""
        if self._language is None:
            update = self._update
            if update is None or update.effective_chat is None:
                return self.services.texts.default_language
            chosen = self.chat_data.chosen_language if self.chat_data else None
            self._language = await self.services.residents.language(
                update.effective_chat.id, chosen or telegram_language(update, self.services)
            )
        return self._language
