"""The exception tree of newskg, with stable codes and documented exit codes.

    KgError                      exit code
     +-- ConfigError    KG1xx    3   bad settings, unknown model, bad base IRI
     +-- InputError     KG2xx    3   missing/empty/binary/non-UTF-8 file, bad front matter,
     |                               malformed RDF, bad SPARQL, non-English article
     +-- NonConformantError KG3xx 1  a graph does not conform to the shapes (opt-in:
     |                               ``ValidationReport.raise_for_violations()``)
     +-- ServiceError   KG4xx    4   an external service (Wikidata, a SPARQL store) failed
     +-- StoreError     KG5xx    3   the store cannot be opened or written

A graph that does not conform to the shapes is not an exception by itself: validation returns
a report (``kg.validate.ValidationReport``) and the caller decides (the CLI exits 1); a caller
that wants an exception calls ``report.raise_for_violations()``, which raises NonConformantError.
Usage errors (unknown option, missing argument) are Typer's and exit 2.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NONCONFORMANT = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_SERVICE = 4


class KgError(Exception):
    """Base class of every error newskg raises on purpose.

    Args:
        code: stable code such as ``KG201``.
        message: one line that names the file or thing and the problem.
    """

    exit_code: int = EXIT_INPUT

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # picklable across processes (worker pools, Dask): rebuilt from code and message
        return (type(self), (self.code, self.message))


class ConfigError(KgError, ValueError):
    """Settings or environment are wrong (KG1xx)."""


class InputError(KgError, ValueError):
    """An input file or query cannot be used (KG2xx)."""


class NonConformantError(KgError):
    """A graph does not conform to the SHACL shapes (KG3xx); raised only on request."""

    exit_code = EXIT_NONCONFORMANT


class ServiceError(KgError):
    """An external service failed or cannot be reached (KG4xx)."""

    exit_code = EXIT_SERVICE


class StoreError(KgError):
    """The store cannot be opened or written (KG5xx)."""
