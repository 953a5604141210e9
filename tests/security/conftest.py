"""The security tests reuse the isolation matrix's four tenants (``tests/authz/conftest.py``):
every persona, and every kind of object a page or download shows."""

from tests.authz.conftest import world  # noqa: F401  (a fixture, used by name)
