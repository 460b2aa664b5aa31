"""Tests of the development tools: the stand-in and the demo."""
