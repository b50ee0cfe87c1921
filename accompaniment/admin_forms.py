"""The case's edit form in the admin, its timeline and attachment sub-forms.

- The state may move only as ``states.transition_errors`` allows; its French messages land
  on the field they are about (state, reason, closing reason, installation date).
- The référent is chosen among ``assignment.referents()`` (plus the current one, who may
  have left the group since).
- The timeline's sub-forms edit the desk's own entries only: the case's events (state
  moves, introductions), the person's messages and the messages already sent to them are
  read in « Fil du dossier » and cannot be changed or deleted here (``EditableEntries``).
  A new entry is signed by the user who adds it; a referral names a partner of the case's
  desk (another desk's is neither offered nor accepted).
- Attachments: PDF, images and office documents up to 10 Mo, checked by their first bytes
  too; a stored file is never replaced in place, only downloaded through the admin's
  checked view (``admin_actions.AttachmentDownloadView``).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.models import Site

from aides.models import AidPage
from home.desks import desk_pages
from listings.models import Listing
from partners.models import PartnerPage
from reference.desks import default_site_id, desk_related_fields

from .assignment import referents
from .models import TRANSITIONS, CaseState, EntryKind
from .states import transition_errors

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Accepted suffixes and the first bytes their files start with.
PDF, PNG, JPEG, ZIP, OLE = b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
SIGNATURES = {
    "pdf": (PDF,),
    "png": (PNG,),
    "jpg": (JPEG,),
    "jpeg": (JPEG,),
    "webp": (b"RIFF",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "pptx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
    "odp": (ZIP,),
    "doc": (OLE,),
    "xls": (OLE,),
    "ppt": (OLE,),
}
ACCEPT = ",".join(f".{suffix}" for suffix in SIGNATURES)
TYPE_REFUSED = (
    "Ce type de fichier n'est pas accepté : envoyez un PDF, une image (JPEG, PNG, WebP) ou un document "
    "bureautique (Word, Excel, PowerPoint, OpenDocument)."
)
PARTNER_OF_ANOTHER_DESK = "Ce partenaire est celui d'un autre guichet : choisissez un partenaire de ce guichet."
TOO_LARGE = "Le fichier dépasse 10 Mo : réduisez-le (un PDF compressé, une photo moins grande) ou scindez-le."
CONTENT_MISMATCH = (
    "Le contenu du fichier ne correspond pas à un fichier « .{suffix} » : il est peut-être endommagé ou "
    "renommé. Enregistrez-le à nouveau dans ce format."
)

# Kinds the desk writes itself; events and the person's messages come from elsewhere.
EDITABLE_KINDS = [
    (value, label)
    for value, label in EntryKind.choices
    if value not in (EntryKind.EVENT, EntryKind.MESSAGE_FROM_PERSON)
]


def display_name(user):
    return user.get_full_name() or user.get_username()


# --- Attachments -------------------------------------------------------------------------------


def check_attachment(upload):
    """French ValidationError for a file the desk should not keep."""
    name = getattr(upload, "name", "") or ""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in SIGNATURES:
        raise forms.ValidationError(TYPE_REFUSED, code="file_type")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise forms.ValidationError(TOO_LARGE, code="file_size")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    webp_ok = suffix != "webp" or head[8:12] == b"WEBP"
    if not head.startswith(SIGNATURES[suffix]) or not webp_ok:
        raise forms.ValidationError(CONTENT_MISMATCH.format(suffix=suffix), code="file_content")


class DownloadLink(forms.Widget):
    """A stored attachment: a link to the checked download view, never a file input."""

    def __init__(self, url, attrs=None):
        super().__init__(attrs)
        self.url = url

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<a href="{}" download>Télécharger le fichier</a>', self.url)


class AttachmentForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        if self.instance.pk:
            url = reverse("accompaniment_cases:attachment", args=[self.instance.case_id, self.instance.pk])
            field.disabled = True
            field.widget = DownloadLink(url)
        else:
            field.widget = forms.FileInput(attrs={"accept": ACCEPT})
            field.help_text = "PDF, image ou document bureautique, 10 Mo au plus."

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and not self.instance.pk:
            check_attachment(upload)
        return upload


# --- Timeline ----------------------------------------------------------------------------------


class TimelineEntryForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].choices = EDITABLE_KINDS
        if "created_at" in self.fields:
            self.fields["created_at"].required = False
            self.fields["created_at"].help_text = "Vide : maintenant."
        if "partner" in self.fields:
            # A plain list of the published partners (of the case's desk: EditableEntries): a
            # référent has no page tree to browse, and the desk has a handful of partners.
            self.fields["partner"].queryset = PartnerPage.objects.none()
            self.fields["partner"].widget = forms.Select()
            self.fields["partner"].empty_label = "Aucun"

    def clean_created_at(self):
        return self.cleaned_data.get("created_at") or self.instance.created_at or timezone.now()

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == EntryKind.TASK and not cleaned.get("due_on"):
            self.add_error("due_on", "Indiquez l'échéance de la tâche : le rappel part ce jour-là.")
        # (A partner refused by its field already says why.)
        if kind == EntryKind.REFERRAL and not cleaned.get("partner") and "partner" not in self.errors:
            self.add_error("partner", "Indiquez vers quel partenaire la personne est orientée.")
        if kind == EntryKind.MESSAGE_TO_PERSON and not (cleaned.get("text") or "").strip():
            self.add_error("text", "Écrivez le message à envoyer à la personne.")
        return cleaned


class EditableEntries(BaseChildFormSet):
    """Only the entries the desk may still change: not the events, not the person's
    messages, not a message already sent (a forged id outside this set is refused). Their
    partners are the published partners of the case's desk."""

    def __init__(self, data=None, files=None, instance=None, queryset=None, **kwargs):
        if queryset is None and instance is not None and instance.pk:
            queryset = (
                instance.timeline.exclude(kind__in=[EntryKind.EVENT, EntryKind.MESSAGE_FROM_PERSON])
                .exclude(kind=EntryKind.MESSAGE_TO_PERSON, sent_at__isnull=False)
                .select_related("partner")
            )
        super().__init__(data, files, instance=instance, queryset=queryset, **kwargs)

    def add_fields(self, form, index):
        # Called for every sub-form, the empty one (« Ajouter ») included.
        super().add_fields(form, index)
        if field := form.fields.get("partner"):
            field.queryset = self.desk_partners
            field.error_messages["invalid_choice"] = PARTNER_OF_ANOTHER_DESK

    @cached_property
    def desk_partners(self):
        site = Site.objects.select_related("root_page").get(pk=self.instance.site_id or default_site_id())
        return desk_pages(PartnerPage.objects.live(), site).order_by("title")


# --- The case ----------------------------------------------------------------------------------


def offer_referents_only(form):
    """The « référent » field lists the chargés d'accompagnement, and the current one if they
    have left the group since (so that saving does not silently drop them)."""
    field = form.fields.get("referent")
    if field is None:
        return
    allowed = Q(pk__in=referents(form.instance.site_id).values("pk"))
    if form.instance.referent_id:
        allowed |= Q(pk=form.instance.referent_id)
    field.queryset = get_user_model().objects.filter(allowed).order_by("last_name", "first_name", "pk")
    field.label_from_instance = display_name


def tolerant_lookup(get_instance):
    def lookup(value):
        try:
            return get_instance(value)
        except (ValueError, TypeError, OverflowError, forms.ValidationError):
            return None

    return lookup


def draw_bad_ids_as_unchosen(form):
    """Wagtail's chooser widgets look the submitted id up to draw the chosen item; an id that
    is not a number (a crafted POST) raises there — a 500 — after its field already said, in
    French, that the choice is not valid. Drawn as nothing chosen, the error is shown instead."""
    for field in form.fields.values():
        if isinstance(field.widget, BaseChooser):
            field.widget.get_instance = tolerant_lookup(field.widget.get_instance)


class CaseForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        draw_bad_ids_as_unchosen(self)
        # As loaded: the form's clean() runs before the instance takes the new values.
        self.initial_state = self.instance.state if self.instance.pk else ""
        offer_referents_only(self)
        self._narrow_links()
        # The person's audience and profession: the case's desk's, offered and accepted.
        site_id = self.instance.site_id or default_site_id()
        desk_related_fields(self, site_id, {"audience": "site", "profession": "site"})
        if "needs" in self.fields:
            self.fields["needs"].label = "Besoins"
        if "state" in self.fields and self.initial_state:
            allowed = sorted(TRANSITIONS.get(self.initial_state, ()))
            self.fields["state"].help_text = "Depuis l'état actuel : " + (
                ", ".join(f"« {CaseState(state).label} »" for state in allowed) or "aucun autre état"
            )

    def _narrow_links(self):
        """Listings to tick: the public ones of the case's territory (its intercommunality
        and communes; every public one while it has none), those the person showed interest
        in and those already linked — a few dozen, not every listing of the département."""
        if "listings" in self.fields:
            linked = list(self.instance.listings.values_list("pk", flat=True)) if self.instance.pk else []
            public = Listing.objects.public().filter(site_id=self.instance.site_id or default_site_id())
            territory = self._territory_filter()
            if territory is not None:
                public = public.filter(territory)
            field = self.fields["listings"]
            field.help_text = (
                "Les annonces publiques du territoire du dossier (son intercommunalité et ses communes), celles "
                "qui intéressent la personne et celles déjà liées. Pour une autre commune, ajoutez-la au dossier "
                "(onglet « Liens ») puis enregistrez."
            )
            field.queryset = (
                Listing.objects.filter(Q(pk__in=public.values("pk")) | Q(pk__in=linked) | Q(pk__in=self._interests()))
                .select_related("commune")
                .order_by("title", "pk")
            )
            field.label_from_instance = lambda listing: (
                f"{listing.title} ({listing.commune.name})" if listing.commune_id else listing.title
            )
        if "aids" in self.fields:
            site = Site.objects.get(pk=self.instance.site_id or default_site_id())
            self.fields["aids"].queryset = desk_pages(AidPage.objects.all(), site).order_by("title", "pk")

    def _territory_filter(self):
        """Q for the listings of the case's territory, or None when it names none."""
        case = self.instance
        communes = list(case.communes.values_list("pk", flat=True)) if case.pk else []
        if not case.epci_id and not communes:
            return None
        territory = Q(commune__in=communes)
        if case.epci_id:
            territory |= Q(commune__epci=case.epci_id)
        return territory

    def _interests(self):
        return self.instance.interests.values("listing") if self.instance.pk else []

    def clean(self):
        cleaned = super().clean()
        if "state" in self.fields and cleaned.get("state"):
            errors = transition_errors(
                self.initial_state,
                cleaned["state"],
                state_note=cleaned.get("state_note", ""),
                closing_reason=cleaned.get("closing_reason", ""),
                installed_on=cleaned.get("installed_on"),
            )
            for field, message in errors.items():
                self.add_error(field if field in self.fields else None, message)
        return cleaned

    def save(self, commit=True):
        # The author of an entry is whoever adds it (not a form field: nobody signs for another).
        timeline = self.formsets.get("timeline")
        if timeline is not None and self.for_user is not None:
            for form in timeline.forms:
                if form.instance.pk is None and not timeline._should_delete_form(form):
                    form.instance.author = self.for_user
        return super().save(commit)


class AssignmentRuleForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_referents_only(self)
