"""Root conftest: the plugin's own tests drive pytest in a sub-run with pytester."""

pytest_plugins = ["pytester"]
