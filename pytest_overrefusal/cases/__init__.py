"""Cases: the model, the file format (JSON Schema) and the loader. Never imports pytest."""

from .load import CASE_SUFFIXES, CaseFileError, LoadedFile, Problem, is_case_file, load_file, schema
from .model import COMPLY, REFUSE, Case, Message

__all__ = [
    "CASE_SUFFIXES",
    "COMPLY",
    "REFUSE",
    "Case",
    "CaseFileError",
    "LoadedFile",
    "Message",
    "Problem",
    "is_case_file",
    "load_file",
    "schema",
]
