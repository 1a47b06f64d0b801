"""_urls.host_and_path's shortcuts give what the join gives (urlsplit(urljoin(base, url)))."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from boilerstrip._urls import host_and_path

# Hand-made URLs: each way a link can be written (relative, from the root, protocol-relative,
# query or fragment only, dot segments, parameters, odd and uppercase schemes, IDN hosts,
# ports, user info, IPv6, controls and spaces).
_URLS = (
    "/jewelry/earrings/hoops-12",
    "/jewelry/earrings/",
    "/",
    "/?q=1",
    "/#top",
    "/a?b#c",
    "/a#b?c",
    "/a/./b",
    "/a/../b",
    "/a/..",
    "/a/.",
    "/.hidden/file",
    "/a/b;params",
    "/a;x/b",
    "/a/b;",
    "/a:b/c",
    "/a//b",
    "/a/b/?x=/../y",
    "/ümlaut/pfad",
    "/a\tb",
    "/a\nb",
    "/a b",
    " /padded ",
    "\x01/control",
    "//cdn.example/x",
    "//cdn.example",
    "///triple",
    "c/d",
    "c",
    "./c",
    "../c",
    "../../../../c",
    "?q=2",
    "#frag",
    "",
    "   ",
    ";p",
    "https://shop.example/jewelry/earrings/hoops",
    "https://shop.example",
    "https://shop.example?x",
    "https://shop.example#x",
    "https://Shop.Example:8443/Path/To",
    "https://user:pw@shop.example/a",
    "https://shop.example/a/./b/../c",
    "https://shop.example/a;b",
    "https://shop.example/a/b;",
    "https:///no-host",
    "https:/one-slash",
    "https:relative/path",
    "https:",
    "HTTPS://UPPER.EXAMPLE/Case",
    "Http://mixed.example/x",
    "http://other.example/x",
    "http://other.example",
    "http://[::1]/v6",
    "http://[::1",
    "http://::1]/",
    "http://xn--bcher-kva.example/b",
    "http://bücher.example/b",
    "http://exa\tmple.com/a",
    "http://example.com/a\nb",
    "ftp://files.example/pub",
    "file:///etc/hosts",
    "mailto:someone@example.com",
    "javascript:void(0)",
    "JavaScript:alert(1)",
    "data:text/html,hi",
    "tel:+123",
    "news:comp.lang",
    "svn+ssh://host/repo",
    "a+b.c-d://weird.example/x",
    "1http://digit.example/",
    "x:y",
    "localhost:8080/path",
    "www.example.com/page",
    "ä:b",
)

_BASES = (
    None,
    "",
    "https://shop.example/jewelry/earrings",
    "https://shop.example/jewelry/earrings/",
    "https://Shop.Example:8443/a/b?q#f",
    "http://shop.example",
    "https://shop.example/a;p/b",
    "//protocol.example/a/b",
    "www.example.com/no-scheme",
    "ftp://files.example/pub/dir/",
    "mailto:x@example.com",
    "http://[::1]/base",
    "http://[::1/bad-base",
    "http:///no-host-base",
    "HTTPS://UPPER.EXAMPLE/Base",
    "/just/a/path",
)


def _joined(url: str, base: str | None) -> tuple[str, str] | None:
    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
    except ValueError:
        return None
    return parts.netloc.lower(), parts.path or "/"


@pytest.mark.parametrize("base", _BASES)
@pytest.mark.parametrize("url", _URLS)
def test_host_and_path_is_the_join(url: str, base: str | None) -> None:
    assert host_and_path(url, base) == _joined(url, base)
