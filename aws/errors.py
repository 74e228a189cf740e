"""A failed AWS call as a record: what was asked, where, and why it failed — never a crash.

Every reader turns an exception into a `gap` dict (`{service, region, operation, code, kind,
message}`, plus `item` when the call was about one resource). Messages are cleaned of account
ids and access key ids, because AWS error texts often quote ARNs ("User: arn:aws:iam::123456789012:...").
"""

from __future__ import annotations

import re
from typing import Any

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    CredentialRetrievalError,
    EndpointConnectionError,
    NoCredentialsError,
    PartialCredentialsError,
    ProfileNotFound,
    ReadTimeoutError,
    SSOError,
    TokenRetrievalError,
)
from botocore.parsers import ResponseParserError

from aws.guard import BadResponse, DeadlineExceeded, ResponseTooLarge, stopped_by_guard

#: kinds of gap, for people: what to do about it differs
ACCESS_DENIED, THROTTLED, CREDENTIALS, UNREACHABLE, NOT_AVAILABLE, OTHER = (
    "access_denied", "throttled", "credentials", "unreachable", "not_available", "other")
#: the pull ran out of time (its deadline); the answer was not AWS's (HTML, garbage, over the size cap)
DEADLINE, BAD_RESPONSE = "deadline", "bad_response"

_CODE_KINDS = {
    ACCESS_DENIED: {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
                    "AuthorizationError", "Forbidden"},
    THROTTLED: {"Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
                "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
                "ProvisionedThroughputExceededException", "LimitExceededException", "429"},
    CREDENTIALS: {"ExpiredToken", "ExpiredTokenException", "RequestExpired", "InvalidClientTokenId",
                  "UnrecognizedClientException", "InvalidAccessKeyId", "SignatureDoesNotMatch",
                  "InvalidSignatureException", "AuthFailure", "IncompleteSignature", "MissingAuthenticationToken",
                  "InvalidToken", "TokenRefreshRequired"},
    NOT_AVAILABLE: {"404", "501", "UnknownOperationException", "NoSuchResourceException", "OptInRequired",
                    "SubscriptionRequiredException", "InvalidAction", "NotImplemented", "ResourceNotFoundException"},
}
_ACCOUNT_ID = re.compile(r"(?<!\d)\d{12}(?!\d)")
_ACCESS_KEY = re.compile(r"\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b")
_TAGS = re.compile(r"<[^>]+>")
MAX_MESSAGE_CHARS = 300


def redact(text: str) -> str:
    """`text` without 12-digit account ids or access key ids.

    >>> redact("User: arn:aws:iam::123456789012:user/bob (key AKIAIOSFODNN7EXAMPLE)")
    'User: arn:aws:iam::************:user/bob (key AKIA…)'
    """
    return _ACCESS_KEY.sub(lambda m: m.group(0)[:4] + "…", _ACCOUNT_ID.sub("*" * 12, text))


def kind_of(code: str) -> str:
    """The kind of gap an error code means (`other` when unknown)."""
    for kind, codes in _CODE_KINDS.items():
        if code in codes:
            return kind
    return OTHER


def gap(service: str, region: str, operation: str, err: BaseException, item: str | None = None) -> dict[str, Any]:
    """The record of one failed call (JSON-serialisable, redacted)."""
    code, message, kind = _describe(err)
    record = {"service": service, "region": region, "operation": operation, "code": code, "kind": kind,
              "message": _clean(message)}
    if item is not None:
        record["item"] = item
    return record


def _describe(err: BaseException) -> tuple[str, str, str]:
    """(code, message, kind) for any exception a boto3 call can raise."""
    stopped = stopped_by_guard(err)
    if isinstance(stopped, DeadlineExceeded):
        return (stopped.code, str(stopped), DEADLINE)
    if isinstance(stopped, (ResponseTooLarge, BadResponse)):
        return (stopped.code, str(stopped), BAD_RESPONSE)
    if isinstance(err, ResponseParserError):
        return ("BadResponse", f"an answer that could not be parsed ({err})", BAD_RESPONSE)
    if isinstance(err, ClientError):
        return _client_error(err)
    if isinstance(err, EndpointConnectionError):
        return ("EndpointConnectionError", f"could not connect to {err.kwargs.get('endpoint_url', 'the endpoint')}: "
                "the service is not offered in this region, or the network is down", UNREACHABLE)
    if isinstance(err, ConnectionClosedError):
        return ("ConnectionClosed", "the connection was closed or reset before a complete answer arrived "
                "(after the retries)", UNREACHABLE)
    if isinstance(err, (ConnectTimeoutError, ReadTimeoutError)):
        return ("Timeout", f"no answer in time ({err})", UNREACHABLE)
    if isinstance(err, (NoCredentialsError, PartialCredentialsError)):
        return ("NoCredentials", "no AWS credentials found (set AWS_PROFILE, run aws configure or aws sso login)",
                CREDENTIALS)
    if isinstance(err, (TokenRetrievalError, SSOError, CredentialRetrievalError)):
        return ("CredentialsExpired", f"could not refresh the credentials ({err}); for SSO run aws sso login",
                CREDENTIALS)
    if isinstance(err, ProfileNotFound):
        return ("ProfileNotFound", str(err), CREDENTIALS)
    if isinstance(err, BotoCoreError):
        return (type(err).__name__, str(err), OTHER)
    # a bug in a reader must not lose the rest of the snapshot; the record says what broke
    return ("ReaderError", f"{type(err).__name__}: {err}", OTHER)


def _client_error(err: ClientError) -> tuple[str, str, str]:
    """Code and message of an error answer, also from non-AWS bodies (HTML 404 pages, XML from emulators)."""
    error = err.response.get("Error", {})
    status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    code = str(error.get("Code") or status or "Unknown")
    message = str(error.get("Message") or "")
    if code.isdigit():
        embedded = re.search(r"<Code>([^<]+)</Code>", message)
        if embedded:
            code = embedded.group(1)
            found = re.search(r"<Message>([^<]*)</Message>", message)
            message = found.group(1) if found else message
        elif message.lstrip().startswith("<") and code in ("404", "405", "501"):
            message = f"HTTP {code}: the endpoint does not offer this operation"
        elif message.lstrip().startswith("<"):
            message = f"HTTP {code}: the endpoint answered with an HTML error page, not an AWS error"
        elif code.startswith("5"):
            message = f"HTTP {code}: server error" + (f" ({message})" if message else "")
    kind = kind_of(code)
    if kind == OTHER and status == 403:
        kind = ACCESS_DENIED
    return code, message, kind


def _clean(message: str) -> str:
    """One short, redacted line."""
    text = " ".join(_TAGS.sub(" ", message).split())
    text = redact(text)
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"
