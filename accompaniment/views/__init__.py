"""The person's side of the accompaniment: the request form (``request_form``), the private
status page and its rights (``status``), « Je suis intéressé(e) » on a listing
(``interest``); ``common`` holds what they share (anti-spam, quota, private pages)."""
