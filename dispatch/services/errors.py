"""The domain error of the dispatch app: views show its message to the user as it is."""


class DispatchError(Exception):
    """A refused dispatch operation, with a message a person can read."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def require_perm(user, perm: str, message) -> None:
    """Refuse with `message` unless `user` holds `perm` (superusers hold every one)."""
    if not user.has_perm(perm):
        raise DispatchError(message)
