"""Named exceptions. Messages say what was expected, what was found, and what to do."""


class KhronikaError(Exception):
    """Base class of khronika's own errors."""


class ReadError(KhronikaError):
    """A document could not be read; the batch goes on and the failure is recorded."""


class EmptyInput(ReadError):
    """The input holds no text (zero bytes or only whitespace)."""


class BinaryInput(ReadError):
    """The input is binary (an image, an archive, a PDF…), not text or HTML."""


class TooLarge(ReadError):
    """The input is larger than the configured limit (`--max-bytes`)."""


class UndecodableInput(ReadError):
    """No text encoding could decode the input."""


class NoArticle(ReadError):
    """A page was read but no article text could be found in it."""


class BadRecord(ReadError):
    """A JSON Lines record is not valid JSON or lacks the `text` field."""


class PipelineOrderError(KhronikaError):
    """A stage was placed before a stage whose output it requires."""


class MissingDataFile(KhronikaError):
    """A data file khronika ships (a lexicon, a table, a gold set) is missing: a broken
    install. Reinstall khronika; never run with an empty lexicon in its place."""
