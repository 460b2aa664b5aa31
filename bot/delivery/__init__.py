"""The delivery engine: a durable outbox that sends city alerts at Telegram's pace.

Delivery guarantee: AT LEAST ONCE.

* The alert lifecycle queues an alert by writing every recipient's delivery row in one
  transaction, so an alert is either queued for all its recipients or for none.
* The engine claims rows by marking them 'sending' before it calls Telegram, and marks a
  row 'sent' (with the message id) only after Telegram accepted the message.
* A crash (kill -9) at any moment leaves each row 'queued', 'sending' or finished. On
  start, and again on `stop()`, every 'sending' row is put back to 'queued', so every
  recipient not yet recorded as sent is sent to. Duplicates are possible only for
  messages that were in flight at the crash: handed to Telegram but their 'sent' not yet
  committed (the engine commits outcomes in small batches, typically within milliseconds).
* Edits and withdrawals of delivered copies are rows too ('followups') with the same
  claim/record cycle, so an update or Entwarnung survives a crash as well.
* Nothing is dropped for flood control: a 429 pauses the whole budget and the row goes
  back to the queue without using up an attempt. Network errors and Telegram's 5xx are
  retried with backoff (up to `retry_cap` between tries) until the alert expires (see
  expiry.py: 24 h by default). Only a recipient that is gone (blocked the bot,
  deactivated, chat not found), a message that failed permanently or an expired alert is
  given up, and the reason is kept.
"""
