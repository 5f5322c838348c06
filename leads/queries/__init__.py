"""Read helpers for the leads pages: fixed query counts, visibility by role (SEC-1)."""
