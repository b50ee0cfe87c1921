"""The French demo content of ``manage.py seed_demo``, one module per kind of record.

Built from DOMAIN_FACTS.md. Amounts and conditions change every year and real people act on
them, so every aid and partner text says it is demonstration data to be checked. Contacts
use example.org addresses and phone numbers of the range reserved for fiction (04 65 71).
Dates are given relative to the day the command runs so that the demo stays current.

- ``common``: the "to be checked" notice, groups of professions, a paragraph helper.
- ``site``: placeholder pictures, desk settings, home page, indexes and editorial pages.
- ``partners``, ``aids``, ``facilities`` (the care offer), ``organisations`` (contributing
  organisations and their accounts) and ``listings`` (one module per area).

The professions and aid audiences are not demo data: see provisioning.reference_lists.
"""
