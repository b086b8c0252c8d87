class ImportRejected(Exception):
    """A file that cannot be imported as a whole; the message names the file and the place."""
