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
