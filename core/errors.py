"""One kind of error for everything the record refuses to do on a person's
behalf: a message written for that person, and a stable code for machines
(the JSON check, the import summaries, the tests)."""


class UserFacingError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return self.message
