from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """The desk's user: staff (editors, moderators) and contributors' members.

    Swappable from the first migration so that later fields (phone, organisation role)
    never need a painful user-model switch.
    """

    email = models.EmailField("adresse e-mail", unique=True, blank=False)

    class Meta(AbstractUser.Meta):
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"


class DeskRole(models.TextChoices):
    """What a staff group does for its desk (users/roles.py names the groups of the default desk)."""

    MODERATORS = "moderators", "Modérateurs"
    EDITORS = "editors", "Rédacteurs"
    ACCOMPANIMENT = "accompaniment", "Chargés d'accompagnement"
    ACCOMPANIMENT_MANAGERS = "accompaniment_managers", "Responsables de l'accompagnement"


class GroupDesk(models.Model):
    """Which desk (a Wagtail Site) a staff group works for, and in which role: staff belong
    to desks through their groups, so a group's name is never the key."""

    group = models.OneToOneField("auth.Group", verbose_name="groupe", on_delete=models.CASCADE, related_name="desk")
    # A desk with groups cannot be deleted (like the rows it owns, reference.desks.DeskOwned):
    # its groups, left bound to no desk, would have counted for the default desk.
    site = models.ForeignKey("wagtailcore.Site", verbose_name="guichet", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("rôle", max_length=30, choices=DeskRole.choices)

    class Meta:
        verbose_name = "groupe d'un guichet"
        verbose_name_plural = "groupes des guichets"

    def __str__(self):
        return f"{self.group} ({self.get_role_display()})"
