"""Printed flyers that bring residents in: one A5 page per district (or a name residents
use), with a QR code of the bot's deep link. content.py says what is on it, layout.py where,
render.py draws it as PDF, PNG or SVG."""
