"""Shared steps of the real-browser tests."""


def log_in(page, portal, username, password):
    """Log in through Plone's login form and wait for the personal tools."""
    page.goto(f"{portal.absolute_url()}/login")
    page.fill("#__ac_name", username)
    page.fill("#__ac_password", password)
    page.click("#buttons-login")
    page.wait_for_selector("#portal-personaltools, .personaltools-wrapper")
