"""Residents report calls, messages and links; the comms desk sees a wave coming.

vocabulary.py names the kinds and outcomes, keys.py the keyed hashes that replace the chat,
service.py stores reports, counts them for the check and finds spikes."""
