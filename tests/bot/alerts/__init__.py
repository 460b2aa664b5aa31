"""Tests of bot/alerts/."""
