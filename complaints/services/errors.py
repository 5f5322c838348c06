"""The one error complaint services raise: a refusal with a message a person can read."""


class ComplaintError(Exception):
    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
