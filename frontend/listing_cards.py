"""Listings from the API as frontend/includes/listing_card.html shows them."""


def first_photo(listing):
    for photo in listing.get("photos") or []:
        if photo["image"] and photo["image"].get("rendition"):
            return {"alt": photo["image"]["alt"], **photo["image"]["rendition"]}
    return None


def with_first_photo(listings):
    return [{**listing, "photo": first_photo(listing)} for listing in listings]
