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


class StoreError(KhronikaError):
    """The store file (`--db`) cannot be used as it is; nothing was written to it."""


class NoStore(StoreError):
    """A command that reads the store was pointed at a file that does not exist."""


class NotAStore(StoreError):
    """`--db` names a file that is no khronika store: empty, truncated or corrupt, or
    another program's DuckDB database. It is left exactly as it was."""


class StoreBusy(StoreError):
    """Another process holds the store (a running ingest writing it, or a reader while an
    ingest waits to write) for longer than the command waits (`--wait`)."""


class OutputExists(KhronikaError):
    """An export's output folder already holds data; nothing was written to it."""
