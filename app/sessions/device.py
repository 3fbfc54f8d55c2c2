"""A short, human description of a browser from its User-Agent, for the session list."""

from __future__ import annotations

UNKNOWN_DEVICE = "Неизвестное устройство"

#: First match wins: Chromium-based browsers also say "Chrome/" and "Safari/", iPhones say
#: "like Mac OS X" and Android says "Linux".
_BROWSERS = (
    ("YaBrowser/", "Яндекс Браузер"),
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def describe_device(user_agent: str | None) -> str:
    if not user_agent:
        return UNKNOWN_DEVICE
    browser = next((name for token, name in _BROWSERS if token in user_agent), None)
    system = next((name for token, name in _SYSTEMS if token in user_agent), None)
    parts = [part for part in (browser, system) if part]
    return ", ".join(parts) or UNKNOWN_DEVICE
