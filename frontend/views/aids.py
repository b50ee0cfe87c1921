"""The aid finder: 'which aids apply to me here'."""

from django.shortcuts import render
from django.utils import timezone

from .. import api
from ..commune_search import commune_errors, commune_names, resolve_commune
from ..forms import AidFinderForm
from .page_context import base_context


def aid_finder(request):
    """'Which aids apply to me here': a GET form and its answer."""
    context = base_context(request)
    communes = commune_names(request)
    choices = api.execute(
        request,
        "aid_finder",
        {"communeCode": "", "answered": False, "hasCommune": False},
    )
    form = AidFinderForm(request.GET, audiences=choices["aidAudiences"], professions=choices["professions"])
    form.is_valid()  # always: a value the page cannot use is its field's default
    audience, profession = form.cleaned_data["profil"], form.cleaned_data["profession"]
    commune_text = form.cleaned_data["commune"]
    commune, candidates = resolve_commune(communes, commune_text)
    errors = commune_errors(commune_text, commune, candidates)
    answered = bool(audience or profession or commune) and not errors
    data = choices
    if answered:
        variables = {
            "audience": audience or None,
            "profession": profession or None,
            "commune": commune["inseeCode"] if commune else None,
            "communeCode": commune["inseeCode"] if commune else "",
            "answered": True,
            "hasCommune": commune is not None,
        }
        data = api.execute(request, "aid_finder", variables)
    context.update(
        {
            "audiences": choices["aidAudiences"],
            "professions": choices["professions"],
            "communes": communes,
            "audience": audience,
            "audience_name": next((a["name"] for a in choices["aidAudiences"] if a["code"] == audience), ""),
            "profession": profession,
            "profession_name": next((p["name"] for p in choices["professions"] if p["slug"] == profession), ""),
            "commune_text": commune_text,
            "commune": data.get("commune"),
            "candidates": candidates,
            "errors": errors,
            "answered": answered,
            "aids": data["aids"]["results"] if answered else [],
            "aid_count": data["aids"]["totalCount"] if answered else 0,
            "today": timezone.localdate(),  # future aids read "À partir du …"
        }
    )
    return render(request, "frontend/aid_finder.html", context)
