"""The API tokens card through real callback payloads: create once, list, revoke, isolation."""

from __future__ import annotations

import pytest

from dashboard_app.database import get_database
from dashboard_app.services import api_tokens
from dashboard_app.ui import ids
from tests.helpers import (
    callback_response,
    find_components,
    make_user,
    pattern_payload,
    post_callback,
)


def _create(app, client, name):
    payload = pattern_payload(
        app, (ids.TOKEN_CREATE, "n_clicks"), 1, values={(ids.TOKEN_NAME, "value"): name}
    )
    return callback_response(post_callback(client, payload))


def _tokens(app, user_id):
    with get_database(app).session_factory() as session:
        return api_tokens.list_tokens(session, user_id)


def test_a_new_token_is_shown_once_and_works(app, logged_in, user):
    reply = _create(app, logged_in, "  Phone   shortcut ")
    (shown,) = find_components(reply[ids.TOKEN_NEW], lambda p: "readonly" in p)
    secret = shown["value"]
    assert secret.startswith("mt_")
    assert [t.name for t in _tokens(app, user.id)] == ["Phone shortcut"]
    assert "Phone shortcut" in str(reply[ids.TOKEN_LIST]) and secret not in str(
        reply[ids.TOKEN_LIST]
    )
    assert reply[ids.TOKEN_NAME]["value"] == ""
    client = app.test_client()
    assert (
        client.get("/api/v1/records", headers={"Authorization": f"Bearer {secret}"}).status_code
        == 200
    )
    # Loading the card again lists the token but never shows the secret again.
    load = pattern_payload(app, (ids.TOKEN_LOAD, "data"), True)
    assert secret not in str(callback_response(post_callback(logged_in, load)))


@pytest.mark.parametrize("name", ["", "   ", "x" * 81, None, ["list"]])
def test_a_bad_name_is_shown_at_the_field_and_creates_nothing(app, logged_in, user, name):
    reply = _create(app, logged_in, name)
    assert reply[ids.TOKEN_NAME]["invalid"] is True
    assert reply[f"{ids.TOKEN_NAME}-feedback"]["children"]
    assert _tokens(app, user.id) == []


def test_revoking_stops_the_token_and_only_the_owner_can(app, logged_in, user):
    secret = find_components(
        _create(app, logged_in, "script")[ids.TOKEN_NEW], lambda p: "readonly" in p
    )[0]["value"]
    (token,) = _tokens(app, user.id)
    bob = make_user(app, "bob")
    from tests.helpers import AuthActions

    bobs_client = app.test_client()
    AuthActions(bobs_client).login("bob")
    revoke = pattern_payload(
        app,
        ({"type": ids.TOKEN_REVOKE, "index": token.id}, "n_clicks"),
        1,
        values={(ids.TOKEN_NAME, "value"): ""},
    )
    callback_response(post_callback(bobs_client, revoke))  # Bob's click revokes nothing
    assert len(_tokens(app, user.id)) == 1 and _tokens(app, bob.id) == []
    reply = callback_response(post_callback(logged_in, revoke))
    assert "No tokens yet" in str(reply[ids.TOKEN_LIST])
    headers = {"Authorization": f"Bearer {secret}"}
    assert app.test_client().get("/api/v1/records", headers=headers).status_code == 401


def test_the_docs_page_is_served_from_the_app(client):
    page = client.get("/api/v1/docs/").get_data(as_text=True)
    assert "/static/apidocs/swagger-ui-bundle.js" in page and "https://" not in page
    with client.get("/static/apidocs/swagger-ui-bundle.js") as reply:
        assert reply.status_code == 200
