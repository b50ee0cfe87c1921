"""The person's side of the accompaniment: the request form, « Je suis intéressé(e) » on a
listing, and the private status page reached through the e-mailed link."""

app_name = "accompaniment"

urlpatterns = []
