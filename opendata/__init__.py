"""Open data out: public listings and the care offer as CSV and GeoJSON (Licence Ouverte).

A plain package, not a Django app: it has no models, templates or migrations, only
read-only views over listings and reference data, so it needs no INSTALLED_APPS entry.
"""
