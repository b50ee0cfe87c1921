"""Where a case's attachments are stored: under PRIVATE_MEDIA_ROOT, never served by the web
server; the admin hands them out through a view that checks who asks
(``views/admin_files.py``). The location is read from the settings at each use, so that a
test's temporary folder or an operator's change applies."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

FOLDER = "accompagnement"


@deconstructible
class CaseFileStorage(FileSystemStorage):
    @property
    def base_location(self):
        return Path(settings.PRIVATE_MEDIA_ROOT) / FOLDER

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


case_file_storage = CaseFileStorage()
