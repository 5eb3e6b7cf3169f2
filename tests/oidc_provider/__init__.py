"""A small, real OpenID Connect provider for the single sign-on tests (django-oauth-toolkit).

Started by the tests in a process of its own (``serve.py``), with its own SQLite database: the
application under test talks to it over HTTP exactly as it would to a municipality's provider.
"""
