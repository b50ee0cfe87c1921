"""Demo content for the desk, built by ``manage.py seed_demo``.

Kept apart from the factories so that the command runs without factory_boy (a development
dependency); the factories reuse the image helpers defined here.

- ``images``: placeholder photos and logos drawn with Pillow (no network, no files).
- moderation states: listings.moderation_states (Wagtail's real APIs), shared with the factories.
- ``data``: the French demo texts and records (every figure is marked "à vérifier").
- ``steps``: the idempotent seeding steps called by the command, in order.
"""
