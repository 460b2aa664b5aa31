"""Tests of bot/city/."""
