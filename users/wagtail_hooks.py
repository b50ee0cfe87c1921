from wagtail import hooks

from .viewsets import LockedLoginViewSet


@hooks.register("register_admin_viewset")
def register_locked_logins():
    return LockedLoginViewSet("connexions-bloquees")
