"""Addresses of the Base Adresse Nationale (BAN): the offline source of the address search.

One row per numbered address of the BAN file, plus one per street and per lieu-dit that the
importer derives from them (reference/importers/ban.py), so that « place de la république
die » finds the square as well as its numbers. ``search_text`` holds the words of the label
normalised (lowercase, no accents, punctuation as spaces) between spaces, so that a
word-prefix search is a plain ``LIKE '% rep%'`` that behaves the same on SQLite and
PostgreSQL (reference/geocoding.py). Defined in a module of its own (imported by
``reference.models``); the commune is named by string to keep this module free of imports
from models.py.
"""

import re
from functools import lru_cache

from django.db import models

from core.text import strip_accents

# Anything else than an ASCII letter or digit separates words (’ ' - , . …).
_SEPARATORS = re.compile(r"[^a-z0-9]+")
# Digits glued to letters are split ("12bis" -> "12 bis") so that a number is a word of its own.
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")


@lru_cache(maxsize=65536)  # An import meets the same street and commune names thousands of times.
def normalise_text(text):
    """'12 Place de la République, Die' -> '12 place de la republique die'."""
    words = _SEPARATORS.sub(" ", strip_accents(text).lower())
    return " ".join(_DIGIT_LETTER.sub(" ", words).split())


def search_words(*parts):
    """The stored search text: the normalised words between spaces (' 12 place … die ')."""
    words = " ".join(normalised for part in parts if part and (normalised := normalise_text(part)))
    return f" {words} " if words else ""


class AddressKind(models.TextChoices):
    HOUSENUMBER = "housenumber", "Numéro"
    STREET = "street", "Voie"
    LOCALITY = "locality", "Lieu-dit"


class Address(models.Model):
    """A BAN address (« 12 Place de la République 26150 Die »), a street or a lieu-dit."""

    ban_id = models.CharField(
        "identifiant BAN",
        max_length=60,
        unique=True,
        help_text="Clé d'interopérabilité de la BAN (26113_0180_00012), ou clé de la voie ou du lieu-dit.",
    )
    kind = models.CharField("type", max_length=12, choices=AddressKind.choices, default=AddressKind.HOUSENUMBER)
    number = models.PositiveIntegerField("numéro", null=True, blank=True)
    suffix = models.CharField("indice de répétition", max_length=10, blank=True, help_text="bis, ter, a…")
    street_name = models.CharField("nom de la voie", max_length=255, blank=True)
    locality_name = models.CharField("lieu-dit", max_length=255, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    commune = models.ForeignKey(
        "reference.Commune", verbose_name="commune", on_delete=models.CASCADE, related_name="addresses"
    )
    latitude = models.FloatField("latitude")
    longitude = models.FloatField("longitude")
    search_text = models.CharField(
        "texte de recherche",
        max_length=600,
        editable=False,
        help_text="Mots du libellé en minuscules, sans accents ni ponctuation.",
    )

    class Meta:
        verbose_name = "adresse (BAN)"
        verbose_name_plural = "adresses (BAN)"
        ordering = ["ban_id"]
        indexes = [
            # The search filters on the commune and orders by kind, street and number within it.
            models.Index(fields=["commune", "kind", "street_name", "number"], name="address_commune_search"),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        # Imports fill search_text themselves (with the former commune's name); a row saved
        # one by one (tests, shell) gets it from its own fields.
        if not self.search_text:
            self.search_text = self.build_search_text(self.commune.name)
        super().save(*args, **kwargs)

    @property
    def street_label(self):
        """'12 bis Place de la République', 'Place de la République' or the lieu-dit's name."""
        street = self.street_name or self.locality_name
        if self.number is None:
            return street
        number = f"{self.number} {self.suffix}" if self.suffix else str(self.number)
        return f"{number} {street}".strip()

    @property
    def label(self):
        """« 12 Place de la République 26150 Die » (the commune must be loaded)."""
        return " ".join(part for part in (self.street_label, self.postcode, self.commune.name) if part)

    def build_search_text(self, commune_name, *extra):
        return search_words(self.street_label, self.locality_name, self.postcode, commune_name, *extra)
