"""Thin Telegram adapters: read the update, call bot/, render a template, reply.

`register` is the one place every handler is wired to the Application.
"""

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.texts import Texts
from handlers import (
    alert_desk,
    alert_review,
    check,
    city_reload,
    districts,
    errors,
    fallback,
    free_text,
    hours_desk,
    language,
    location,
    membership,
    reminders,
    report,
    spikes,
    stop,
    votes,
)
from handlers.admins import Admins, admins_only
from handlers.alert_review import DECISIONS, WITHDRAWALS
from handlers.commands import ALERT, CANCEL, COMMANDS, WITHOUT_TEXT
from handlers.keyboards.callback_data import (
    CityAnnounce,
    Guided,
    HoursDesk,
    Join,
    Language,
    Menu,
    Pick,
    Remind,
    ReportStep,
    ScamHelp,
    SpikeDraft,
    Stop,
    Unsure,
    Vote,
)

PRIVATE = filters.ChatType.PRIVATE


def register(application: Application, texts: Texts, admin_ids: frozenset[int]) -> None:
    # Before every button handler: a button press without its message goes nowhere else.
    application.add_handler(TypeHandler(Update, fallback.detached_button), group=-1)
    # First of all: an admin's text, /ohne or /abbrechen that the comms desk's composer or
    # update waits for stops in its own group, so it is not taken for a check; any other goes
    # on. Then, first in group 0, the desk's buttons and /alert.
    admins = Admins(admin_ids)
    typed = alert_desk.typed_handlers(
        admins, cancel=CANCEL.all_names(texts), without_text=WITHOUT_TEXT.all_names(texts)
    )
    application.add_handlers(typed, group=alert_desk.TYPED_GROUP)
    application.add_handlers(alert_desk.handlers(admins, ALERT.all_names(texts)))
    for command in COMMANDS:
        if command.callback is not None:
            names = command.all_names(texts)
            only = PRIVATE & admins if command.admin_only else PRIVATE
            handler = CommandHandler(names, command.callback, filters=only)
            application.add_handler(handler)
    application.add_handler(CallbackQueryHandler(districts.pressed, pattern=Pick.pattern()))
    application.add_handler(CallbackQueryHandler(districts.joined, pattern=Join.pattern()))
    application.add_handler(CallbackQueryHandler(districts.picker_pressed, pattern=Menu.pattern()))
    application.add_handler(CallbackQueryHandler(stop.confirmed, pattern=f"^{Stop('yes').pack()}$"))
    application.add_handler(CallbackQueryHandler(stop.kept, pattern=f"^{Stop('no').pack()}$"))
    application.add_handler(CallbackQueryHandler(language.chosen, pattern=Language.pattern()))
    application.add_handler(CallbackQueryHandler(check.guided_step, pattern=Guided.pattern()))
    application.add_handler(CallbackQueryHandler(check.unsure_answered, pattern=Unsure.pattern()))
    application.add_handler(CallbackQueryHandler(check.scam_help, pattern=f"^{ScamHelp().pack()}$"))
    application.add_handler(CallbackQueryHandler(report.pressed, pattern=ReportStep.pattern()))
    application.add_handler(CallbackQueryHandler(votes.pressed, pattern=Vote.pattern()))
    application.add_handler(CallbackQueryHandler(reminders.pressed, pattern=Remind.pattern()))
    spike_draft = admins_only(admins, spikes.draft_pressed)
    application.add_handler(CallbackQueryHandler(spike_draft, pattern=SpikeDraft.pattern()))
    announce = admins_only(admins, city_reload.announce_pressed)
    application.add_handler(CallbackQueryHandler(announce, pattern=CityAnnounce.pattern()))
    decided = admins_only(admins, alert_review.decided)
    application.add_handler(CallbackQueryHandler(decided, pattern=DECISIONS))
    hours_pressed = admins_only(admins, hours_desk.pressed)
    application.add_handler(CallbackQueryHandler(hours_pressed, pattern=HoursDesk.pattern()))
    withdraw = admins_only(admins, alert_review.withdraw_pressed)
    application.add_handler(CallbackQueryHandler(withdraw, pattern=WITHDRAWALS))
    application.add_handler(ChatMemberHandler(membership.changed, ChatMemberHandler.MY_CHAT_MEMBER))
    # A live location: its first position is answered, its later positions (edits) are not.
    location_filter = PRIVATE & filters.LOCATION
    moved = location_filter & filters.UpdateType.EDITED_MESSAGE
    application.add_handler(MessageHandler(moved, location.moved))
    application.add_handler(MessageHandler(location_filter, location.received))
    # Is this a real number? Contact cards, forwards; any other text: a check, a district's
    # name or a greeting.
    application.add_handler(MessageHandler(PRIVATE & filters.CONTACT, check.contact))
    application.add_handler(MessageHandler(PRIVATE & filters.FORWARDED, check.forwarded))
    text = PRIVATE & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(text, free_text.received))
    # Last: whatever nothing above took still gets an answer.
    application.add_handler(CallbackQueryHandler(fallback.stale_button))
    application.add_handler(MessageHandler(PRIVATE, fallback.unknown_message))
    application.add_error_handler(errors.on_error)
