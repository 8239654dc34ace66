"""The project's small error tree.

Every message says what went wrong and how to fix it, so the CLI can print it as it is
(no stack trace). Bad guide files are not errors: the loader skips them with a warning.
"""


class CoachError(Exception):
    """Base class: anything the user can fix. The CLI prints the message and exits 2."""


class ConfigError(CoachError):
    """A setting (flag or COACH_* variable) is missing or invalid."""


class CorpusError(CoachError):
    """The corpus folder is missing or holds no usable guide."""


class EmbeddingModelError(CoachError):
    """The packaged embedding model cannot be loaded."""


class IndexStateError(CoachError):
    """The index is missing, from another model, or cannot be reached."""


class OfferError(CoachError):
    """An offer cannot be read: an impossible value, or amounts in two currencies."""
