# Django's test runner collects each app's tests.py: a test module, whatever its folder
from django.test import TestCase


class PurgeTests(TestCase):
    def test_purges_the_local_cache(self):
        url = "http://localhost:8000/products/42/"  # ok: URL001
        self.assertTrue(url.endswith("/42/"))
