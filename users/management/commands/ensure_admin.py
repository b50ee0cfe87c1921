import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Crée le compte administrateur de démonstration s'il n'existe pas et affiche ses "
        "identifiants. Le mot de passe, tiré au hasard, est conservé dans .admin-password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")

    def handle(self, *args, username, email, **options):
        password_file = Path(settings.BASE_DIR) / ".admin-password"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email=email, password=password)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        elif password_file.exists():
            password = password_file.read_text().strip()
        else:
            self.stdout.write(f"  Compte administrateur : {username} (mot de passe inchangé, créé auparavant)")
            return
        self.stdout.write(f"  Compte administrateur : {username} / mot de passe : {password}")
