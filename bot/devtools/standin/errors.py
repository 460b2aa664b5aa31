"""Bot API errors the stand-in answers with, mirroring Telegram's codes and descriptions."""

from __future__ import annotations

from typing import Any, NamedTuple


class ApiError(Exception):
    """A request Telegram would reject; becomes `{"ok": false, ...}` with this HTTP status."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


def unauthorized() -> ApiError:
    return ApiError(401, "Unauthorized")


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


def blocked() -> ApiError:
    return ApiError(403, "Forbidden: bot was blocked by the user")


def chat_not_found() -> ApiError:
    return bad_request("chat not found")


def message_text_empty() -> ApiError:
    return bad_request("message text is empty")


def message_too_long() -> ApiError:
    return bad_request("message is too long")


def message_not_modified() -> ApiError:
    return bad_request(
        "message is not modified: specified new message content and reply markup are exactly "
        "the same as a current content and reply markup of the message"
    )


def message_to_edit_not_found() -> ApiError:
    return bad_request("message to edit not found")


def message_to_delete_not_found() -> ApiError:
    return bad_request("message to delete not found")


def query_too_old() -> ApiError:
    return bad_request("query is too old and response timeout expired or query ID is invalid")


class Rejection(NamedTuple):
    """One request the stand-in refused, as tests inspect it."""

    method: str
    error_code: int
    description: str
    params: dict[str, Any]
