"""What the listing forms say when something is wrong: one message per field and problem,
in French, and the summary shown at the top of a form that has errors.

« Ce champ est obligatoire. » far down a long page does not tell a clerk on a phone what to
do; each message names the field and, where it helps, gives an example. The same forms serve
the contributor space, the public form and the contributions API, so all three say the same.
"""

from django import forms

DATE_FORMAT_HINT = "Saisissez une date valide, par exemple 01/09/2027."
WHOLE_NUMBER_HINT = "Saisissez un nombre, sans espace ni symbole, par exemple 850."

# field name -> {error code -> message}
LISTING_MESSAGES = {
    # The forms give the desk's own kinds as examples (kind_required_message).
    "kind": {"required": "Choisissez le type d'annonce dans la liste."},
    "title": {"required": "Donnez un titre à l'annonce, par exemple « Cabinet médical à louer à Die »."},
    "summary": {"required": "Résumez l'annonce en une ou deux phrases : ce qui est proposé, où, à qui."},
    "description": {"required": "Décrivez l'annonce."},
    "commune": {
        "required": "Choisissez la commune où se trouve l'annonce.",
        "invalid_choice": "Choisissez une commune de la liste.",
    },
    "latitude": {
        "required": "Placez l'annonce : cherchez l'adresse, cliquez sur la carte ou saisissez la latitude.",
        "invalid": "La latitude est un nombre décimal, par exemple 44.7534.",
    },
    "longitude": {
        "required": "Saisissez aussi la longitude, par exemple 5.3701.",
        "invalid": "La longitude est un nombre décimal, par exemple 5.3701.",
    },
    "available_from": {"invalid": DATE_FORMAT_HINT},
    "available_until": {"invalid": DATE_FORMAT_HINT},
}

CONTACT_MESSAGES = {
    "name": {"required": "Indiquez le nom de la personne à contacter."},
    "email": {
        "required": "Indiquez l'adresse e-mail de la personne à contacter.",
        "invalid": "Saisissez une adresse e-mail complète, par exemple accueil@mairie-die.fr.",
    },
}


KIND_EXAMPLES = 3


def kind_required_message(labels):
    """« Choisissez le type d'annonce : « Local », « Poste salarié », « Remplacement »… »:
    examples from the desk's own listing kinds (a veterinary desk has no « cabinet médical »)."""
    if not labels:
        return LISTING_MESSAGES["kind"]["required"]
    examples = ", ".join(f"« {label} »" for label in labels[:KIND_EXAMPLES])
    end = "…" if len(labels) > KIND_EXAMPLES else "."
    return f"Choisissez le type d'annonce : {examples}{end}"


def apply_messages(form, messages):
    """Give each field its own messages; a required field without one names itself."""
    for name, field in form.fields.items():
        specific = messages.get(name, {})
        if field.required and "required" not in specific:
            specific = {"required": f"Renseignez le champ « {field.label} ».", **specific}
        if isinstance(field, forms.IntegerField | forms.DecimalField) and "invalid" not in specific:
            specific = {"invalid": WHOLE_NUMBER_HINT, **specific}
        if isinstance(field, forms.DateField) and "invalid" not in specific:
            specific = {"invalid": DATE_FORMAT_HINT, **specific}
        field.error_messages = {**field.error_messages, **specific}


def error_summary(*forms_with_errors):
    """Links to every error of the given forms, in page order: what the summary at the top
    of the form lists. A link targets the field's first control so that following it puts
    the focus there."""
    entries = []
    for form in forms_with_errors:
        for error in form.non_field_errors():
            entries.append({"href": "", "label": "", "message": error})
        for bound_field in form:
            for error in bound_field.errors:
                entries.append({"href": f"#{control_id(bound_field)}", "label": bound_field.label, "message": error})
    return entries


def control_id(bound_field):
    """The id of the element that takes the focus for this field (the first box of a
    group of checkboxes, which has no id of its own)."""
    if bound_field.widget_type in {"checkboxselectmultiple", "radioselect"}:
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id
