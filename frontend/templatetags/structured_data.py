"""`{% listing_json_ld listing url %}`: schema.org structured data (JSON-LD) for a listing page.

A salaried post, a replacement or a collaboration is a JobPosting; the other kinds (premises,
practices, partnerships, intern housing) have no schema.org type that fits them cleanly, so
they get nothing. Built from the public API's answer only, and only from what the listing
page shows: never the contact person, e-mail or phone; the hiring organisation is the
publishing structure's public name and website.

The JSON is escaped like Django's json_script (<, > and & as \\u escapes), so no text of the
listing can close the script element.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# Listing kind codes (the health desk's; a kind another desk adds is no job offer to search
# engines) and API enum names (WorkingTime, ContractType) -> schema.org employmentType values.
JOB_KINDS = {
    "salaried_post": [],
    "replacement": ["TEMPORARY", "CONTRACTOR"],
    "collaboration": ["CONTRACTOR"],
}
WORKING_TIMES = {"FULL_TIME": ["FULL_TIME"], "PART_TIME": ["PART_TIME"], "EITHER": ["FULL_TIME", "PART_TIME"]}
CONTRACTS = {"FIXED_TERM": ["TEMPORARY"], "SESSIONAL": ["PER_DIEM"]}


def _employment_types(listing):
    types = [
        *JOB_KINDS[listing["kind"]],
        *WORKING_TIMES.get(listing.get("workingTime"), []),
        *CONTRACTS.get(listing.get("contractType"), []),
    ]
    return list(dict.fromkeys(types))


def _job_location(listing, region):
    commune = listing.get("commune") or {}
    address = {"@type": "PostalAddress", "addressLocality": commune.get("name", ""), "addressCountry": "FR"}
    if listing.get("address"):
        address["streetAddress"] = listing["address"]
    if region:
        address["addressRegion"] = region
    place = {"@type": "Place", "address": address}
    if listing.get("latitude") is not None and listing.get("longitude") is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": listing["latitude"], "longitude": listing["longitude"]}
    return place


def _base_salary(listing):
    low, high = listing.get("monthlyPayMinEur"), listing.get("monthlyPayMaxEur")
    if low is None and high is None:
        return None
    value = {"@type": "QuantitativeValue", "unitText": "MONTH"}
    if low is not None and high is not None and low != high:
        value.update(minValue=low, maxValue=high)
    else:
        value["value"] = low if low is not None else high
    return {"@type": "MonetaryAmount", "currency": "EUR", "value": value}


def job_posting(listing, url="", region=""):
    """The JobPosting of a listing (the API's `listing` dict), or None for the other kinds."""
    if not listing or listing.get("kind") not in JOB_KINDS:
        return None
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": listing.get("title", ""),
        "description": listing.get("description") or listing.get("summary", ""),
        "datePosted": listing.get("lastPublishedAt") or "",
        "jobLocation": _job_location(listing, region),
    }
    if url:
        data["url"] = url
    if listing.get("expireAt"):
        data["validThrough"] = listing["expireAt"]
    employment_types = _employment_types(listing)
    if employment_types:
        data["employmentType"] = employment_types
    if listing.get("availableFrom"):
        data["jobStartDate"] = listing["availableFrom"]
    salary = _base_salary(listing)
    if salary:
        data["baseSalary"] = salary
    professions = [p["name"] for p in listing.get("professions") or [] if p.get("name")]
    if professions:
        data["occupationalCategory"] = ", ".join(professions)
    organisation = listing.get("organisation")
    if organisation and organisation.get("name"):
        data["hiringOrganization"] = {"@type": "Organization", "name": organisation["name"]}
        if organisation.get("website"):
            data["hiringOrganization"]["url"] = organisation["website"]
    return data


def json_ld_script(data):
    """<script type="application/ld+json"> with the JSON escaped as json_script does."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 (escaped above)


@register.simple_tag(takes_context=True)
def listing_json_ld(context, listing, url=""):
    desk = context.get("desk") or {}
    data = job_posting(listing, url, desk.get("territory_name") or settings.TERRITORY["name"])
    return json_ld_script(data) if data else ""
