import pytest

from ..frontend.conftest import restore_migration_data


@pytest.fixture(autouse=True)
def _migration_data(transactional_db):
    """Whole journeys run with transaction=True: an earlier one's flush removed what the data
    migrations made (staff groups, moderation workflow, root page); put it back, whatever the
    order in which the workers run the tests."""
    restore_migration_data()
