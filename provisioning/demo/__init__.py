"""Demo content for the desk, built by ``manage.py seed_demo``.

Kept apart from the factories so that the command runs without factory_boy (a development
dependency). The pictures are drawn by home.placeholder_images and the moderation states
set by listings.moderation_states, both shared with the factories.

- ``content``: the French demo texts and records, one module per kind (every figure is
  marked "à vérifier").
- The idempotent seeding steps, which the command calls in order: ``territory`` (communes,
  zonage, professions, audiences, care offer), ``pages`` (images, site tree, partners, aids)
  and ``contributions`` (moderator, organisations, listings), sharing ``context``.
- ``images``: the demo's placeholder photos and logos, in the « Démonstration » collection.
- ``reset`` (``--reset``) and ``summary`` (what the command prints).
"""
