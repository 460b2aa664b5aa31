"""Telegram's my_chat_member updates: a resident blocked the bot, or came back."""

from telegram import ChatMember, Update

from handlers.common import Context


async def changed(update: Update, context: Context) -> None:
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    residents = context.services.residents
    if change.new_chat_member.status == ChatMember.BANNED:
        await residents.blocked_the_bot(change.chat.id)
    elif change.new_chat_member.status == ChatMember.MEMBER:
        await residents.came_back(change.chat.id)
