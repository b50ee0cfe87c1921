"""« Chiffres clés »: the accompaniment of health professionals in figures, as the public API
gives them (small counts already hidden there: the site never sees the exact ones)."""

from django.shortcuts import render

from .. import api
from .page_context import base_context


def key_figures(request):
    figures = api.execute(request, "key_figures")["keyFigures"]
    installations = {row["month"]: row["installations"] for row in figures["installationsByMonth"]}
    # One table by month: the requests of the month and the installations of the month (each
    # column hidden on its own by the API, so they may sit side by side).
    months = [
        {"label": row["label"], "requests": row["candidates"], "installations": installations.get(row["key"])}
        for row in reversed(figures["byRequestMonth"])
    ]
    context = base_context(request, figures=figures, months=months, canonical_url=request.build_absolute_uri())
    return render(request, "frontend/key_figures.html", context)
