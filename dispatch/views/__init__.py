"""Dispatch pages, by topic: the dashboard and its actions, the boards, the configuration."""
