"""Fetching a document from an http(s) URL, with the limits an archive needs."""
import urllib.error
import urllib.request
from dataclasses import dataclass

from .read import ReadError

TIMEOUT = 20  # seconds, per connection attempt and read
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
# Types a news page, press release or plain-text document arrives as.
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
USER_AGENT = "campaign-kb/0.1 (+archive import)"


@dataclass
class Fetched:
    raw: bytes
    url: str            # after redirects
    content_type: str


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise ReadError(f"redirect to a non-http URL ({newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url, timeout=TIMEOUT, max_bytes=MAX_BYTES):
    """GET ``url``; raises ReadError with a one-line reason on any failure."""
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain"})
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if content_type not in ACCEPTED_TYPES:
                raise ReadError(f"content type {content_type} is not a text or HTML document")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ReadError(f"{_mb(int(declared))} is over the {_mb(max_bytes)} limit")
            raw = response.read(max_bytes + 1)
            if len(raw) > max_bytes:
                raise ReadError(f"more than the {_mb(max_bytes)} limit")
            return Fetched(raw, response.geturl(), content_type)
    except ReadError:
        raise
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303, 307, 308):
            raise ReadError(f"more than {MAX_REDIRECTS} redirects") from None
        raise ReadError(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise ReadError(f"cannot fetch: {_reason(error.reason)}") from None
    except TimeoutError:
        raise ReadError(f"timed out after {timeout} s") from None
    except (OSError, ValueError) as error:
        raise ReadError(f"cannot fetch: {_reason(error)}") from None


def _reason(reason):
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return "timed out"
    return getattr(reason, "strerror", None) or str(reason)


def _mb(size):
    return f"{size / 1024 / 1024:.1f} MB"
