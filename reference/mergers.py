"""Commune mergers: moving everything attached to an old commune onto its new one.

When communes merge (« commune nouvelle »), the old INSEE code disappears. Listings,
health facilities, aids and organisations that pointed at it must follow to the new
commune before the old row is deleted, or they would be deleted with it (or block it).

Relations are found generically from Commune's reverse relations, so a model added later
with a foreign key or many-to-many link to Commune is handled too. Draft revisions of
listings and pages are rewritten as well, so that publishing an older draft neither
brings back nor fails on the deleted commune.

This module knows nothing of files: the COG importer decides which commune merges into
which, and calls plan_merger() then merge_communes() inside its transaction.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex, Revision

from core.geojson import polygons_of

from .models import Commune

# Short labels for the summary ("2 annonces, 1 établissement déplacés").
RELATION_LABELS = {  # model label: (singular, plural, feminine)
    "listings.listing": ("annonce", "annonces", True),
    "reference.healthfacility": ("établissement", "établissements", False),
    "aides.aidpage": ("aide", "aides", True),
    "listings.organisation": ("structure", "structures", True),
}


@dataclass
class MergePlan:
    old: Commune
    new_code: str
    new_name: str
    counts: dict = field(default_factory=dict)  # label -> number of objects to move

    def describe(self):
        order = list(RELATION_LABELS)
        counts = sorted(
            ((label, count) for label, count in self.counts.items() if count),
            key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order),
        )
        if not counts:
            what = "rien à déplacer"
        else:
            labels = [_label(label, count) for label, count in counts]
            total = sum(count for _label_, count in counts)
            feminine = all(label[2] for label in labels)
            agreement = ("e" if feminine else "") + ("s" if total > 1 else "")
            what = f"{', '.join(text for text, _plural, _feminine in labels)} déplacé{agreement}"
        return f"{self.old.insee_code} {self.old.name} → {self.new_code} {self.new_name} : {what}"


def plan_merger(old, new_code, new_name):
    """What merging ``old`` into the commune ``new_code`` will move (nothing is written)."""
    return MergePlan(old=old, new_code=new_code, new_name=new_name, counts=count_attached(old))


def merge_communes(plans, new_communes):
    """Apply the plans: move every link, delete the old communes, fix revisions and the
    reference index. ``new_communes`` maps each plan's new code to its Commune. Call it
    inside a transaction."""
    moved, mapping = {}, {}
    for plan in plans:
        new = new_communes[plan.new_code]
        mapping[plan.old.pk] = new.pk
        for model, ids in apply_merge(plan.old, new).items():
            moved.setdefault(model, set()).update(ids)
    rewrite_revisions(mapping)
    refresh_references(moved)


def _label(model_label, count):
    """(text, plural, feminine): '2 annonces'."""
    model = apps.get_model(model_label)
    singular, plural, feminine = RELATION_LABELS.get(
        model_label, (str(model._meta.verbose_name), str(model._meta.verbose_name_plural), False)
    )
    return f"{count} {singular if count == 1 else plural}", count > 1, feminine


def commune_relations():
    """(model label, relation) for every model pointing at Commune (FK or many-to-many)."""
    relations = []
    for relation in Commune._meta.related_objects:
        if relation.many_to_many or relation.one_to_many or relation.one_to_one:
            relations.append((relation.related_model._meta.label_lower, relation))
    return relations


def _m2m_names(relation):
    """Names of the through model's foreign keys to the owner and to the commune."""
    return relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()


def count_attached(old):
    counts = {}
    for label, relation in commune_relations():
        if relation.many_to_many:
            _owner_name, commune_name = _m2m_names(relation)
            number = relation.through._base_manager.filter(**{commune_name: old}).count()
        else:
            number = relation.related_model._base_manager.filter(**{relation.field.name: old}).count()
        counts[label] = counts.get(label, 0) + number
    return counts


def apply_merge(old, new):
    """Move every link from old to new, then delete old. Returns the moved objects by model."""
    moved = {}
    for _model_label, relation in commune_relations():
        model = relation.related_model
        if relation.many_to_many:
            owner_name, commune_name = _m2m_names(relation)
            through = relation.through._base_manager
            owner_attname = relation.through._meta.get_field(owner_name).attname
            owner_ids = set(through.filter(**{commune_name: old}).values_list(owner_attname, flat=True))
            if not owner_ids:
                continue
            # An owner linked to both communes keeps a single link (to the new one).
            already = set(
                through.filter(**{commune_name: new, f"{owner_attname}__in": owner_ids}).values_list(
                    owner_attname, flat=True
                )
            )
            through.filter(**{commune_name: old, f"{owner_attname}__in": already}).delete()
            through.filter(**{commune_name: old}).update(**{commune_name: new})
        else:
            objects = model._base_manager.filter(**{relation.field.name: old})
            owner_ids = set(objects.values_list("pk", flat=True))
            if not owner_ids:
                continue
            objects.update(**{relation.field.name: new})
        moved.setdefault(model, set()).update(owner_ids)
    _take_over_outline(old, new)
    old.delete()
    return moved


def _take_over_outline(old, new):
    """The new commune covers the old one's ground: its outline gains the old polygons (a
    MultiPolygon, whose parts may touch), so that a point there still lies in the commune
    (reference/places.py) until newer shapes are imported."""
    polygons = polygons_of(new.boundary) + polygons_of(old.boundary)
    if not polygons_of(old.boundary):
        return
    new.boundary = {"type": "MultiPolygon", "coordinates": polygons}
    Commune.objects.filter(pk=new.pk).update(boundary=new.boundary)


def rewrite_revisions(mapping):
    """Replace old commune ids by new ones in the stored revisions of listings and pages.

    ``mapping`` is {old pk: new pk}. Only models with revisions are scanned, and only
    their foreign keys / parental many-to-many fields pointing at Commune.
    """
    if not mapping:
        return 0
    rewritten = 0
    for _model_label, relation in commune_relations():
        model = relation.related_model
        if not hasattr(model, "revisions"):
            continue
        key = relation.field.name
        content_type = ContentType.objects.get_for_model(model)
        for revision in Revision.objects.filter(content_type=content_type).only("pk", "content").iterator():
            content = revision.content
            if not isinstance(content, dict) or key not in content:
                continue
            value = content[key]
            if isinstance(value, list):
                new_value = []
                for item in value:
                    item = mapping.get(item, item)
                    if item not in new_value:
                        new_value.append(item)
            else:
                new_value = mapping.get(value, value)
            if new_value != value:
                content[key] = new_value
                Revision.objects.filter(pk=revision.pk).update(content=content)
                rewritten += 1
    return rewritten


def refresh_references(moved):
    """Keep Wagtail's reference index ("used by") in step for the moved objects."""
    for model, ids in moved.items():
        if not ReferenceIndex.is_indexed(model):
            continue
        for instance in model._base_manager.filter(pk__in=ids):
            ReferenceIndex.create_or_update_for_object(getattr(instance, "specific", instance))
