from tests.desks import two_desks  # noqa: F401 - the two-desk fixture, shared with other test folders
