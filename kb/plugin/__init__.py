"""Datasette plugin for campaign-kb, registered through the ``datasette`` entry point."""
from datasette import hookimpl


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.static_plugins("campaign-kb", "kb.css")]
