"""The domain error of the leads app: views show its message to the user as it is."""


class LeadError(Exception):
    """A refused lead operation, with a message a person can read (already translated text
    or a lazy translation)."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
