"""Bot API methods of the stand-in: validate parameters by Telegram's rules, update the state."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from bot.devtools.standin import errors
from bot.devtools.standin.errors import bad_request
from bot.devtools.standin.markup import parse_reply_markup
from bot.devtools.standin.models import CallbackAnswer, SentMessage
from bot.devtools.standin.state import DEFAULT_UPDATE_TYPES, Chat, TelegramState, Webhook
from bot.telegram_html import TelegramHtmlError, parse_html, trim, utf16_length
from bot.telegram_limits import MAX_MESSAGE_LENGTH

Handler = Callable[[TelegramState, dict[str, Any]], Awaitable[Any]]

# Methods that count against flood control.
MESSAGE_METHODS = frozenset(
    {"sendmessage", "editmessagetext", "editmessagereplymarkup", "deletemessage"}
)
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_POLL_TIMEOUT = 50.0
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


def _required(params: dict[str, Any], name: str) -> Any:
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(f'parameter "{name}" is required')
    return value


def _int(params: dict[str, Any], name: str) -> int:
    value = _required(params, name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_request(f'field "{name}" must be of type Integer')
    return value


def _target_chat(state: TelegramState, params: dict[str, Any]) -> Chat:
    chat_id = params.get("chat_id")
    if chat_id is None or chat_id == "":
        raise bad_request("chat_id is empty")
    chat = state.chat(chat_id) if isinstance(chat_id, int) else None
    if chat is None or chat.gone:
        raise errors.chat_not_found()
    if chat.blocked:
        raise errors.blocked()
    return chat


def _message_text(params: dict[str, Any]) -> tuple[str, str, list[dict[str, Any]]]:
    """Return (html, plain_text, entities) for the text and parse_mode parameters."""
    raw = params.get("text")
    if raw is None:
        raise bad_request("message text is empty")
    raw = str(raw)
    parse_mode = params.get("parse_mode")
    if parse_mode in (None, ""):
        entities = params.get("entities") or []
        plain, entities = trim(raw, list(entities))
    elif str(parse_mode).lower() == "html":
        try:
            plain, entities = parse_html(raw)
        except TelegramHtmlError as exc:
            raise bad_request(exc.description.removeprefix("Bad Request: ")) from None
    else:
        raise bad_request("unsupported parse_mode")
    if not plain:
        raise errors.message_text_empty()
    if utf16_length(plain) > MAX_MESSAGE_LENGTH:
        raise errors.message_too_long()
    return raw, plain, entities


def _link_preview(params: dict[str, Any]) -> dict[str, Any] | None:
    options = params.get("link_preview_options")
    if isinstance(options, dict):
        return options
    if params.get("disable_web_page_preview"):
        return {"is_disabled": True}
    return None


def message_api(state: TelegramState, chat: Chat, message: SentMessage) -> dict[str, Any]:
    """The Bot API Message object for one of the bot's messages."""
    api: dict[str, Any] = {
        "message_id": message.message_id,
        "from": state.bot_user,
        "chat": chat.api_chat(),
        "date": message.date,
        "text": message.text,
    }
    if message.entities:
        api["entities"] = message.entities
    if message.buttons:
        api["reply_markup"] = {
            "inline_keyboard": [
                [{k: v for k, v in b._asdict().items() if v is not None} for b in row]
                for row in message.buttons
            ]
        }
    if message.edit_date is not None:
        api["edit_date"] = message.edit_date
    if message.link_preview_options:
        api["link_preview_options"] = message.link_preview_options
    if message.protect_content:
        api["has_protected_content"] = True
    return api


async def get_me(state: TelegramState, params: dict[str, Any]) -> Any:
    return state.bot_user


async def log_out_or_close(state: TelegramState, params: dict[str, Any]) -> Any:
    return True


async def delete_webhook(state: TelegramState, params: dict[str, Any]) -> Any:
    state.webhook = None
    if params.get("drop_pending_updates"):
        state.updates.clear()
    state.changed.notify()
    return True


_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


async def set_webhook(state: TelegramState, params: dict[str, Any]) -> Any:
    """Telegram wants https on port 443, 80, 88 or 8443; the stand-in also takes a loopback
    http address, the only one a test can serve."""
    url = str(_required(params, "url"))
    if not url:  # an empty url removes the webhook, as deleteWebhook does
        return await delete_webhook(state, params)
    loopback = re.match(r"^http://127\.0\.0\.1:\d+/", url)
    if not (url.startswith("https://") or loopback):
        raise errors.bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = str(params.get("secret_token") or "")
    if secret and not _SECRET_TOKEN.fullmatch(secret):
        raise errors.bad_request("secret token contains unallowed characters")
    allowed = params.get("allowed_updates")
    if isinstance(allowed, list):
        state.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATE_TYPES
    if params.get("drop_pending_updates"):
        state.updates.clear()
    state.webhook = Webhook(url, secret)
    state.changed.notify()
    return True


async def get_webhook_info(state: TelegramState, params: dict[str, Any]) -> Any:
    url = state.webhook.url if state.webhook else ""
    return {"url": url, "has_custom_certificate": False, "pending_update_count": len(state.updates)}


async def get_updates(state: TelegramState, params: dict[str, Any]) -> Any:
    if state.webhook is not None:
        raise errors.ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    offset = params.get("offset")
    limit = params.get("limit") or 100
    timeout = min(float(params.get("timeout") or 0), MAX_POLL_TIMEOUT)
    allowed = params.get("allowed_updates")
    if isinstance(allowed, list):
        state.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATE_TYPES
    if isinstance(offset, int) and offset > 0:
        state.updates[:] = [u for u in state.updates if u["update_id"] >= offset]

    def deliverable() -> list[dict[str, Any]]:
        state.updates[:] = [u for u in state.updates if _update_kind(u) in state.allowed_updates]
        return state.updates[: max(1, min(int(limit), 100))]

    if timeout <= 0 or state.closing:
        return deliverable()
    try:
        found = await state.changed.wait_for(
            lambda: deliverable() or state.closing, timeout=timeout
        )
    except TimeoutError:
        return []
    return found if isinstance(found, list) else []


def _update_kind(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


async def send_message(state: TelegramState, params: dict[str, Any]) -> Any:
    chat = _target_chat(state, params)
    html, plain, entities = _message_text(params)
    markup = parse_reply_markup(params.get("reply_markup"))
    reply_to = _reply_target(chat, params)
    message = SentMessage(
        message_id=chat.take_message_id(),
        chat_id=chat.id,
        text=plain,
        html=html,
        entities=entities,
        buttons=markup.buttons,
        reply_keyboard=markup.reply_keyboard,
        parse_mode=params.get("parse_mode") or None,
        disable_notification=bool(params.get("disable_notification")),
        protect_content=bool(params.get("protect_content")),
        link_preview_options=_link_preview(params),
        reply_to_message_id=reply_to,
        date=state.now(),
    )
    chat.messages[message.message_id] = message
    state.stats.sent += 1
    state.stats.send_times.append(state.monotonic())
    state.changed.notify()
    return message_api(state, chat, message)


def _reply_target(chat: Chat, params: dict[str, Any]) -> int | None:
    reply = params.get("reply_parameters")
    if isinstance(reply, dict):
        reply_to = reply.get("message_id")
        allow_missing = bool(reply.get("allow_sending_without_reply"))
    else:
        reply_to = params.get("reply_to_message_id")
        allow_missing = bool(params.get("allow_sending_without_reply"))
    if reply_to is None:
        return None
    known = reply_to in chat.user_message_ids or (
        reply_to in chat.messages and not chat.messages[reply_to].deleted
    )
    if not known:
        if allow_missing:
            return None
        raise bad_request("message to be replied not found")
    return reply_to


def _message_to_edit(state: TelegramState, params: dict[str, Any]) -> tuple[Chat, SentMessage]:
    if params.get("inline_message_id"):
        raise bad_request("inline messages are not supported by the stand-in")
    chat = _target_chat(state, params)
    message = chat.messages.get(_int(params, "message_id"))
    if message is None or message.deleted:
        if params.get("message_id") in chat.user_message_ids:
            raise bad_request("message can't be edited")
        raise errors.message_to_edit_not_found()
    return chat, message


async def edit_message_text(state: TelegramState, params: dict[str, Any]) -> Any:
    chat, message = _message_to_edit(state, params)
    html, plain, entities = _message_text(params)
    markup = parse_reply_markup(params.get("reply_markup"))
    if markup.reply_keyboard is not None:
        raise bad_request("inline keyboard expected")
    if (plain, entities, markup.buttons) == (message.text, message.entities, message.buttons):
        raise errors.message_not_modified()
    message.text, message.html, message.entities = plain, html, entities
    message.buttons = markup.buttons
    message.parse_mode = params.get("parse_mode") or None
    message.link_preview_options = _link_preview(params) or message.link_preview_options
    return _edited(state, chat, message)


async def edit_message_reply_markup(state: TelegramState, params: dict[str, Any]) -> Any:
    chat, message = _message_to_edit(state, params)
    markup = parse_reply_markup(params.get("reply_markup"))
    if markup.reply_keyboard is not None:
        raise bad_request("inline keyboard expected")
    if markup.buttons == message.buttons:
        raise errors.message_not_modified()
    message.buttons = markup.buttons
    return _edited(state, chat, message)


def _edited(state: TelegramState, chat: Chat, message: SentMessage) -> dict[str, Any]:
    message.edit_count += 1
    message.edit_date = state.now()
    state.stats.edited += 1
    state.changed.notify()
    return message_api(state, chat, message)


async def delete_message(state: TelegramState, params: dict[str, Any]) -> Any:
    chat = _target_chat(state, params)
    message_id = _int(params, "message_id")
    message = chat.messages.get(message_id)
    if message is not None and not message.deleted:
        message.deleted = True
    elif message_id in chat.user_message_ids:
        chat.user_message_ids.discard(message_id)
    else:
        raise errors.message_to_delete_not_found()
    state.stats.deleted += 1
    state.changed.notify()
    return True


async def answer_callback_query(state: TelegramState, params: dict[str, Any]) -> Any:
    query_id = str(_required(params, "callback_query_id"))
    if query_id not in state.open_queries:
        raise errors.query_too_old()
    text = params.get("text")
    if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER_LENGTH:
        raise bad_request("MESSAGE_TOO_LONG")
    del state.open_queries[query_id]
    state.callback_answers[query_id] = CallbackAnswer(
        text=str(text) if text else None,
        show_alert=bool(params.get("show_alert")),
        url=params.get("url"),
        cache_time=int(params.get("cache_time") or 0),
    )
    state.changed.notify()
    return True


async def send_chat_action(state: TelegramState, params: dict[str, Any]) -> Any:
    _target_chat(state, params)
    if params.get("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    language = params.get("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    return json.dumps(scope, sort_keys=True), language


async def set_my_commands(state: TelegramState, params: dict[str, Any]) -> Any:
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request(
            "BOT_COMMANDS_TOO_MUCH"
            if isinstance(commands, list)
            else 'parameter "commands" is required'
        )
    cleaned = []
    for command in commands:
        name = str(command.get("command", "")) if isinstance(command, dict) else ""
        description = str(command.get("description", "")) if isinstance(command, dict) else ""
        if not _COMMAND.match(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("command description must be non-empty")
        cleaned.append({"command": name, "description": description})
    state.commands[_commands_key(params)] = cleaned
    state.changed.notify()
    return True


async def get_my_commands(state: TelegramState, params: dict[str, Any]) -> Any:
    return state.commands.get(_commands_key(params), [])


async def delete_my_commands(state: TelegramState, params: dict[str, Any]) -> Any:
    state.commands.pop(_commands_key(params), None)
    state.changed.notify()
    return True


async def set_chat_menu_button(state: TelegramState, params: dict[str, Any]) -> Any:
    button = params.get("menu_button") or {"type": "default"}
    state.menu_buttons[params.get("chat_id")] = button
    return True


async def get_chat_menu_button(state: TelegramState, params: dict[str, Any]) -> Any:
    return state.menu_buttons.get(params.get("chat_id"), {"type": "commands"})


# Each method by the name the Bot API documents. Telegram's method names are
# case-insensitive: HANDLERS and DOCUMENTED_NAME are keyed by the lower-case name.
_BY_NAME: dict[str, Handler] = {
    "getMe": get_me,
    "logOut": log_out_or_close,
    "close": log_out_or_close,
    "deleteWebhook": delete_webhook,
    "setWebhook": set_webhook,
    "getWebhookInfo": get_webhook_info,
    "getUpdates": get_updates,
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
}
HANDLERS = {name.lower(): handler for name, handler in _BY_NAME.items()}
DOCUMENTED_NAME = {name.lower(): name for name in _BY_NAME}
