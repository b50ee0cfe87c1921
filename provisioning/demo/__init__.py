"""Demo content for the desk, built by ``manage.py seed_demo``.

Kept apart from the factories so that the command runs without factory_boy (a development
dependency). The pictures are drawn by home.placeholder_images and the moderation states
set by listings.moderation_states, both shared with the factories.

- ``images``: the demo's placeholder photos and logos, in the « Démonstration » collection.
- ``data``: the French demo texts and records (every figure is marked "à vérifier").
- ``steps``: the idempotent seeding steps called by the command, in order.
"""
