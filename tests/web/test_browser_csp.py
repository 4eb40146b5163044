"""The page works under its own content security policy (no violation while it is used)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

RECORD = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def test_page_works_under_its_content_security_policy(browser: Any, live_server: Any) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.add_init_script(RECORD)
    try:
        response = page.goto(live_server.url + "/")
        headers = response.headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        page.wait_for_function("() => window.doomloop && window.doomloop.ready", timeout=30000)
        before = page.evaluate("window.doomloop.draws")
        page.evaluate(
            """() => {
                const s = document.querySelector('#levers input[type=range]');
                s.value = s.max; s.dispatchEvent(new Event('input', {bubbles: true}));
            }"""
        )
        page.wait_for_function(f"() => window.doomloop.draws > {before}", timeout=30000)
        assert page.evaluate("window.__csp") == []
        assert not [m for m in console if "Content Security Policy" in m]
        assert page.evaluate("window.doomloop.errors") == []
    finally:
        page.close()
