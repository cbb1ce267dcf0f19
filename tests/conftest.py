"""Hypothesis profiles: ``ci`` (default; deterministic and small enough that the whole suite
stays within a few minutes on two cores) and ``dev`` (more examples, for local hunting).
Choose with HYPOTHESIS_PROFILE=dev. Every test starts with empty sharing tables."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from dlmpparse._shared import forget

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _empty_sharing_tables() -> None:
    """Each test starts with empty sharing tables (``dlmpparse._shared``): they are bounded
    and emptied when full, so a test that counts shared strings would otherwise depend on how
    much earlier tests put in them."""
    forget()
