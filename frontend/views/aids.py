"""The aid finder: 'which aids apply to me here', answered by the API's `aidFinder`."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import timezone

from .. import api
from ..aid_answers import QUESTION_FIELDS, amount_range, grouped
from ..commune_search import commune_errors, commune_names, resolve_commune
from ..forms import FIRST_INSTALLATION_CHOICES, AidFinderForm
from .page_context import base_context


def aid_finder(request):
    """'Which aids apply to me here': a GET form (a shareable address) and its answer, explained."""
    context = base_context(request)
    labels = context["labels"]
    communes = commune_names(request)
    choices = api.execute(
        request,
        "aid_finder",
        {"situation": {}, "communeCode": "", "answered": False, "hasCommune": False},
    )
    form = AidFinderForm(
        request.GET,
        audiences=choices["aidAudiences"],
        professions=choices["professions"],
        practice_modes=labels["practiceMode"],
    )
    form.is_valid()  # always: a value the page cannot use is its field's default
    values = form.cleaned_data
    audience, profession, mode, planned = values["profil"], values["profession"], values["mode"], values["date"]
    first_installation = form.first_installation()
    commune_text = values["commune"]
    commune, candidates = resolve_commune(communes, commune_text)
    errors = commune_errors(commune_text, commune, candidates)
    answered = (
        bool(audience or profession or commune or mode or planned or first_installation is not None) and not errors
    )
    data = choices
    if answered:
        situation = {
            "audience": audience or None,
            "profession": profession or None,
            "commune": commune["inseeCode"] if commune else None,
            "firstInstallation": first_installation,
            "practiceMode": mode or None,
            "plannedDate": planned.isoformat() if planned else None,
        }
        variables = {
            "situation": situation,
            "communeCode": commune["inseeCode"] if commune else "",
            "answered": True,
            "hasCommune": commune is not None,
        }
        data = api.execute(request, "aid_finder", variables)
    answer = data.get("aidFinder") or {}
    groups = grouped(answer, labels["aidVerdict"]) if answered else []
    context.update(
        {
            "audiences": choices["aidAudiences"],
            "professions": choices["professions"],
            "practice_modes": labels["practiceMode"],
            "first_installation_choices": FIRST_INSTALLATION_CHOICES,
            "communes": communes,
            "audience": audience,
            "audience_name": next((a["name"] for a in choices["aidAudiences"] if a["code"] == audience), ""),
            "profession": profession,
            "profession_name": next((p["name"] for p in choices["professions"] if p["slug"] == profession), ""),
            "premiere": values["premiere"],
            "mode": mode,
            "planned": planned,
            "commune_text": commune_text,
            # The other answers, kept by the links that settle an ambiguous commune.
            "other_answers": urlencode(
                {
                    key: value
                    for key, value in (
                        ("profil", audience),
                        ("profession", profession),
                        ("premiere", values["premiere"]),
                        ("mode", mode),
                        ("date", planned.isoformat() if planned else ""),
                    )
                    if value
                }
            ),
            "commune": data.get("commune"),
            "candidates": candidates,
            "errors": errors,
            "answered": answered,
            "groups": groups,
            "aid_count": sum(len(group["aids"]) for group in groups[:2]),
            "total": amount_range(answer.get("estimatedTotal")),
            "assumptions": answer.get("assumptions", []),
            "missing": [
                {"label": labels["aidFinderQuestion"].get(question, question), "field": QUESTION_FIELDS.get(question)}
                for question in answer.get("missingAnswers", [])
            ],
            "today": timezone.localdate(),  # future aids read "À partir du …"
        }
    )
    return render(request, "frontend/aid_finder.html", context)
