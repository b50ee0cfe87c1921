"""Former home of the importers' shared plumbing, now split into reading, columns, values,
lookups, report and command.

Kept only because the desk bootstrap (home/bootstrap.py, moving to provisioning/) imports
MAX_REPORTED_ERRORS from here; once it imports reference.importers.report, delete this file.
"""

from .report import MAX_REPORTED_ERRORS

__all__ = ["MAX_REPORTED_ERRORS"]
