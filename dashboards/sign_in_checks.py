"""The sign-in checks now live in noegletal.sign_in (below the command line and the dashboard
both); these names stay importable from here."""

from noegletal.sign_in import (  # noqa: F401 (re-exported)
    SECTION,
    allow_list_problem,
    configuration_problem,
    provider_problem,
    sign_in_problem,
    weak_secret,
)
