"""A small typed wrapper over the generated article.v1 stubs."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
from types import TracebackType
from typing import Any, cast

import grpc
from google.protobuf import timestamp_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc

from ._gen.article.v1 import article_pb2, article_pb2_grpc

__all__ = ["ArticleClient", "ArticleServiceError", "SERVICE_NAME", "DEFAULT_MAX_RESPONSE_BYTES"]

#: The gRPC service name, as used by health checks and reflection.
SERVICE_NAME = "article.v1.ArticleService"

#: Largest response accepted by default (article text, HTML and Markdown of a big page).
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

Metadata = Sequence[tuple[str, str | bytes]]


class ArticleServiceError(Exception):
    """A failed call: the gRPC status ``code`` (a :class:`grpc.StatusCode`) and its ``details``.

    INVALID_ARGUMENT and RESOURCE_EXHAUSTED mean the request must change; UNAVAILABLE (at
    capacity, shutting down, not reachable) and DEADLINE_EXCEEDED may succeed on retry with backoff.
    """

    def __init__(self, method: str, code: grpc.StatusCode, details: str) -> None:
        self.method = method
        self.code = code
        self.details = details
        super().__init__(f"{method}: {code.name}: {details}")

    @property
    def retryable(self) -> bool:
        """Whether the same request may succeed later (UNAVAILABLE, DEADLINE_EXCEEDED)."""
        return self.code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)

    @classmethod
    def from_rpc_error(cls, method: str, err: grpc.RpcError) -> ArticleServiceError:
        code = err.code() if hasattr(err, "code") else grpc.StatusCode.UNKNOWN
        details = err.details() if hasattr(err, "details") else str(err)
        return cls(method, code or grpc.StatusCode.UNKNOWN, details or "")


def _timestamp(value: _dt.datetime | None) -> timestamp_pb2.Timestamp | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("reference_time must be timezone-aware (e.g. datetime.now(timezone.utc))")
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(value.astimezone(_dt.timezone.utc))
    return ts


def _page(html: bytes | str, content_type: str) -> tuple[bytes, str]:
    if isinstance(html, str):
        # We encode as UTF-8, so say so (unless the caller did): the content type's charset is
        # a stronger hint than a <meta charset> the original bytes may have had.
        return html.encode("utf-8"), content_type or "text/html; charset=utf-8"
    if isinstance(html, (bytes, bytearray, memoryview)):
        return bytes(html), content_type
    raise TypeError(f"html must be bytes or str, not {type(html).__name__}")


class ArticleClient:
    """Client for ``article.v1.ArticleService``.

    ``target`` is a gRPC target: ``"127.0.0.1:50051"``, or on Kubernetes the headless Service,
    ``"dns:///article-server-headless.<namespace>.svc.cluster.local:50051"``, with
    ``load_balancing="round_robin"`` so that calls spread over every pod.
    ``timeout`` (seconds) is the default deadline of each call; ``None`` means no deadline
    (the server still caps calls at its ``--timeout-ms``).

    Use as a context manager, or call :meth:`close`::

        with ArticleClient("127.0.0.1:50051", timeout=5) as client:
            resp = client.extract_article(html, url="https://example.com/a")
    """

    def __init__(
        self,
        target: str = "127.0.0.1:50051",
        timeout: float | None = 10.0,
        *,
        credentials: grpc.ChannelCredentials | None = None,
        load_balancing: str | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        options: Sequence[tuple[str, Any]] = (),
    ) -> None:
        opts: list[tuple[str, Any]] = [
            ("grpc.max_receive_message_length", max_response_bytes),
            ("grpc.max_send_message_length", -1),
        ]
        if load_balancing:
            config: dict[str, Any] = {"loadBalancingConfig": [{load_balancing: {}}]}
            opts.append(("grpc.service_config", json.dumps(config)))
        opts.extend(options)
        if credentials is None:
            self._channel = grpc.insecure_channel(target, options=opts)
        else:
            self._channel = grpc.secure_channel(target, credentials, options=opts)
        self.target = target
        self.timeout = timeout
        # The generated *_pb2_grpc modules are untyped; the methods below give the types.
        self._stub: Any = article_pb2_grpc.ArticleServiceStub(self._channel)  # type: ignore[no-untyped-call]
        self._health: Any = health_pb2_grpc.HealthStub(self._channel)

    # -- calls ----------------------------------------------------------------------------

    def extract_article(
        self,
        html: bytes | str,
        url: str = "",
        content_type: str = "",
        *,
        reference_time: _dt.datetime | None = None,
        default_time_zone: str = "",
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> article_pb2.ExtractArticleResponse:
        """Extracts the article of one page. A page with no article is not an error:
        ``response.is_article`` is false. Raises :class:`ArticleServiceError`."""
        body, ctype = _page(html, content_type)
        request = article_pb2.ExtractArticleRequest(
            html=body,
            url=url,
            content_type=ctype,
            reference_time=_timestamp(reference_time),
            default_time_zone=default_time_zone,
        )
        resp = self._call("ExtractArticle", self._stub.ExtractArticle, request, timeout, metadata)
        return cast(article_pb2.ExtractArticleResponse, resp)

    def list_headlines(
        self,
        html: bytes | str,
        url: str = "",
        content_type: str = "",
        *,
        all_links: bool = False,
        reference_time: _dt.datetime | None = None,
        default_time_zone: str = "",
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> article_pb2.ListHeadlinesResponse:
        """Lists the headlines (story links) a page shows. Raises :class:`ArticleServiceError`."""
        body, ctype = _page(html, content_type)
        request = article_pb2.ListHeadlinesRequest(
            html=body,
            url=url,
            content_type=ctype,
            all_links=all_links,
            reference_time=_timestamp(reference_time),
            default_time_zone=default_time_zone,
        )
        resp = self._call("ListHeadlines", self._stub.ListHeadlines, request, timeout, metadata)
        return cast(article_pb2.ListHeadlinesResponse, resp)

    def extract_url(
        self,
        url: str,
        *,
        reference_time: _dt.datetime | None = None,
        default_time_zone: str = "",
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> article_pb2.ExtractArticleResponse:
        """Asks the server to fetch ``url`` and extract its article (the server must run with
        ``--allow-fetch``; otherwise INVALID_ARGUMENT says so). ``response.final_url`` is the
        address after redirects. Raises :class:`ArticleServiceError`: PERMISSION_DENIED for
        addresses the server refuses to reach, NOT_FOUND for a 404, UNAVAILABLE for origin
        errors, DEADLINE_EXCEEDED for slow origins."""
        if not url.strip():
            raise ValueError("url is empty")
        request = article_pb2.ExtractArticleRequest(
            url=url,
            reference_time=_timestamp(reference_time),
            default_time_zone=default_time_zone,
        )
        resp = self._call("ExtractArticle", self._stub.ExtractArticle, request, timeout, metadata)
        return cast(article_pb2.ExtractArticleResponse, resp)

    def list_headlines_url(
        self,
        url: str,
        *,
        all_links: bool = False,
        reference_time: _dt.datetime | None = None,
        default_time_zone: str = "",
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> article_pb2.ListHeadlinesResponse:
        """Asks the server to fetch ``url`` and list its headlines (see :meth:`extract_url`)."""
        if not url.strip():
            raise ValueError("url is empty")
        request = article_pb2.ListHeadlinesRequest(
            url=url,
            all_links=all_links,
            reference_time=_timestamp(reference_time),
            default_time_zone=default_time_zone,
        )
        resp = self._call("ListHeadlines", self._stub.ListHeadlines, request, timeout, metadata)
        return cast(article_pb2.ListHeadlinesResponse, resp)

    def health(self, service: str = "", *, timeout: float | None = None) -> str:
        """The serving status of ``service`` ("" = the server, or :data:`SERVICE_NAME`) as its
        name: ``"SERVING"``, ``"NOT_SERVING"`` (e.g. draining) or ``"SERVICE_UNKNOWN"``.
        Raises :class:`ArticleServiceError` when the server cannot be reached."""
        request = health_pb2.HealthCheckRequest(service=service)
        resp = self._call("Health/Check", self._health.Check, request, timeout, None)
        return str(health_pb2.HealthCheckResponse.ServingStatus.Name(resp.status))

    def _call(self, method: str, fn: Any, request: Any, timeout: float | None, metadata: Any) -> Any:
        deadline = self.timeout if timeout is None else timeout
        try:
            return fn(request, timeout=deadline, metadata=metadata)
        except grpc.RpcError as err:
            raise ArticleServiceError.from_rpc_error(method, err) from err

    # -- lifetime -------------------------------------------------------------------------

    def close(self) -> None:
        """Closes the channel; calls in flight are cancelled."""
        self._channel.close()

    def __enter__(self) -> ArticleClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
