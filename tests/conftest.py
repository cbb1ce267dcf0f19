"""Hypothesis profiles: ``ci`` (default; deterministic and small enough that the whole suite
stays within a few minutes on two cores) and ``dev`` (more examples, for local hunting).
Choose with HYPOTHESIS_PROFILE=dev."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

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
