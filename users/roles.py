"""The names of the desk's staff groups, as the admin shows them.

Wagtail creates "Moderators" and "Editors"; users/migrations/0003 renames them in French.
Code that must find a group by name (e-mail recipients) reads it from here.
"""

# Review and publish listings, manage contributor organisations.
MODERATORS_GROUP = "Modérateurs"
# Communication staff: pages, aid guides, partners and the reference data.
EDITORS_GROUP = "Rédacteurs"
