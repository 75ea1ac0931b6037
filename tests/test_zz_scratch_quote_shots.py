import pytest
from django.core.management import call_command
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

def test_shots(page, live_server, transactional_db):
    call_command("load_records", verbosity=0)
    page.set_viewport_size({"width": 375, "height": 812})
    for name, path in [("list", "/quotes/"), ("quote", "/quotes/8/"), ("person", "/people/carol-cammiss/"), ("people", "/people/")]:
        page.goto(live_server.url + path)
        for i in range(3):
            page.evaluate(f"window.scrollTo(0, {i*780})")
            page.screenshot(path=f"/tmp/dbg/{name}-phone-{i}.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    for name, path in [("person", "/people/carol-cammiss/"), ("people", "/people/"), ("search", "/quotes/?q=children&sort=relevance")]:
        page.goto(live_server.url + path)
        page.screenshot(path=f"/tmp/dbg/{name}-desktop.png", full_page=True)
