"""The front desk's domain error: views show its message as it is."""


class FrontDeskError(Exception):
    """A refused front-desk operation, with a message a person can read."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
