"""Helpers the tests share: the running bot, database probes, delivery fixtures."""
