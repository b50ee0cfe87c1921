"""Shared by the contributor-account tests: a member of staff found by permission, the
set-password link in an e-mail, and choosing a password through it."""

import re

from django.contrib.auth.models import Group, Permission

PASSWORD = "Un-mot-de-passe-solide-42"
LINK = re.compile(r"http://testserver(/espace-contributeur/mot-de-passe/nouveau/[^/\s]+/[^/\s]+/)")


def make_moderator(django_user_model, username="moderatrice-comptes"):
    """Staff who may publish listings, in a group whose name says nothing (the e-mails
    follow the permission, not the group's name)."""
    group, _ = Group.objects.get_or_create(name="Groupe de test des comptes")
    group.permissions.add(Permission.objects.get(content_type__app_label="listings", codename="publish_listing"))
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="listings", codename__endswith="_accountrequest")
    )
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "motdepasse")
    user.groups.add(group)
    return user


def link_in(message):
    """The set-password path in an e-mail (plain text and HTML must carry the same link)."""
    paths = LINK.findall(message.body)
    assert len(paths) == 1, message.body
    html = message.alternatives[0][0]
    assert paths[0] in html
    return paths[0]


def choose_password(client, path, password=PASSWORD, **extra):
    """Follow Django's confirm link (it redirects to a URL without the token) and set a password."""
    form_page = client.get(path, follow=True, **extra)
    assert form_page.status_code == 200
    assert "Choisir votre mot de passe" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    response = client.post(set_url, {"new_password1": password, "new_password2": password}, **extra)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response
