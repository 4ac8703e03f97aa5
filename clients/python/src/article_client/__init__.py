"""Python client for the article.v1 gRPC service (article-server).

``ArticleClient`` wraps the generated stubs; the messages are the generated protobuf classes,
re-exported here as :mod:`article_client.pb` (``pb.Article``, ``pb.ExtractArticleResponse`` ...).
"""

from ._gen.article.v1 import article_pb2 as pb
from ._gen.article.v1 import article_pb2_grpc as pb_grpc
from .client import DEFAULT_MAX_RESPONSE_BYTES, SERVICE_NAME, ArticleClient, ArticleServiceError

__all__ = [
    "ArticleClient",
    "ArticleServiceError",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "SERVICE_NAME",
    "pb",
    "pb_grpc",
]
