import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExtractArticlesRequest(_message.Message):
    __slots__ = ("id", "request")
    ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    id: str
    request: ExtractArticleRequest
    def __init__(self, id: _Optional[str] = ..., request: _Optional[_Union[ExtractArticleRequest, _Mapping]] = ...) -> None: ...

class ExtractArticlesResponse(_message.Message):
    __slots__ = ("id", "index", "status", "response")
    ID_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    id: str
    index: int
    status: ItemStatus
    response: ExtractArticleResponse
    def __init__(self, id: _Optional[str] = ..., index: _Optional[int] = ..., status: _Optional[_Union[ItemStatus, _Mapping]] = ..., response: _Optional[_Union[ExtractArticleResponse, _Mapping]] = ...) -> None: ...

class ItemStatus(_message.Message):
    __slots__ = ("code", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...

class ExtractArticleRequest(_message.Message):
    __slots__ = ("html", "url", "content_type", "reference_time", "default_time_zone")
    HTML_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_TIME_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    html: bytes
    url: str
    content_type: str
    reference_time: _timestamp_pb2.Timestamp
    default_time_zone: str
    def __init__(self, html: _Optional[bytes] = ..., url: _Optional[str] = ..., content_type: _Optional[str] = ..., reference_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., default_time_zone: _Optional[str] = ...) -> None: ...

class ExtractArticleResponse(_message.Message):
    __slots__ = ("article", "is_article", "final_url", "diagnostics")
    ARTICLE_FIELD_NUMBER: _ClassVar[int]
    IS_ARTICLE_FIELD_NUMBER: _ClassVar[int]
    FINAL_URL_FIELD_NUMBER: _ClassVar[int]
    DIAGNOSTICS_FIELD_NUMBER: _ClassVar[int]
    article: Article
    is_article: bool
    final_url: str
    diagnostics: Diagnostics
    def __init__(self, article: _Optional[_Union[Article, _Mapping]] = ..., is_article: _Optional[bool] = ..., final_url: _Optional[str] = ..., diagnostics: _Optional[_Union[Diagnostics, _Mapping]] = ...) -> None: ...

class Article(_message.Message):
    __slots__ = ("title", "authors", "published_time", "published_time_local", "published_time_raw", "modified_time", "modified_time_local", "language", "site_name", "canonical_url", "description", "section", "tags", "lead_image", "text", "html", "markdown", "word_count", "published_time_has_time")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    AUTHORS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_TIME_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_TIME_LOCAL_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_TIME_RAW_FIELD_NUMBER: _ClassVar[int]
    MODIFIED_TIME_FIELD_NUMBER: _ClassVar[int]
    MODIFIED_TIME_LOCAL_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SITE_NAME_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_URL_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SECTION_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    LEAD_IMAGE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    HTML_FIELD_NUMBER: _ClassVar[int]
    MARKDOWN_FIELD_NUMBER: _ClassVar[int]
    WORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_TIME_HAS_TIME_FIELD_NUMBER: _ClassVar[int]
    title: str
    authors: _containers.RepeatedScalarFieldContainer[str]
    published_time: _timestamp_pb2.Timestamp
    published_time_local: str
    published_time_raw: str
    modified_time: _timestamp_pb2.Timestamp
    modified_time_local: str
    language: str
    site_name: str
    canonical_url: str
    description: str
    section: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    lead_image: Image
    text: str
    html: str
    markdown: str
    word_count: int
    published_time_has_time: bool
    def __init__(self, title: _Optional[str] = ..., authors: _Optional[_Iterable[str]] = ..., published_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_time_local: _Optional[str] = ..., published_time_raw: _Optional[str] = ..., modified_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., modified_time_local: _Optional[str] = ..., language: _Optional[str] = ..., site_name: _Optional[str] = ..., canonical_url: _Optional[str] = ..., description: _Optional[str] = ..., section: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., lead_image: _Optional[_Union[Image, _Mapping]] = ..., text: _Optional[str] = ..., html: _Optional[str] = ..., markdown: _Optional[str] = ..., word_count: _Optional[int] = ..., published_time_has_time: _Optional[bool] = ...) -> None: ...

class Image(_message.Message):
    __slots__ = ("url", "caption", "credit")
    URL_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    CREDIT_FIELD_NUMBER: _ClassVar[int]
    url: str
    caption: str
    credit: str
    def __init__(self, url: _Optional[str] = ..., caption: _Optional[str] = ..., credit: _Optional[str] = ...) -> None: ...

class Diagnostics(_message.Message):
    __slots__ = ("encoding", "input_bytes", "parse_micros", "extract_micros")
    ENCODING_FIELD_NUMBER: _ClassVar[int]
    INPUT_BYTES_FIELD_NUMBER: _ClassVar[int]
    PARSE_MICROS_FIELD_NUMBER: _ClassVar[int]
    EXTRACT_MICROS_FIELD_NUMBER: _ClassVar[int]
    encoding: str
    input_bytes: int
    parse_micros: int
    extract_micros: int
    def __init__(self, encoding: _Optional[str] = ..., input_bytes: _Optional[int] = ..., parse_micros: _Optional[int] = ..., extract_micros: _Optional[int] = ...) -> None: ...

class ListHeadlinesRequest(_message.Message):
    __slots__ = ("html", "url", "content_type", "all_links", "reference_time", "default_time_zone")
    HTML_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    ALL_LINKS_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_TIME_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    html: bytes
    url: str
    content_type: str
    all_links: bool
    reference_time: _timestamp_pb2.Timestamp
    default_time_zone: str
    def __init__(self, html: _Optional[bytes] = ..., url: _Optional[str] = ..., content_type: _Optional[str] = ..., all_links: _Optional[bool] = ..., reference_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., default_time_zone: _Optional[str] = ...) -> None: ...

class ListHeadlinesResponse(_message.Message):
    __slots__ = ("headlines", "pagination_next", "final_url", "diagnostics")
    HEADLINES_FIELD_NUMBER: _ClassVar[int]
    PAGINATION_NEXT_FIELD_NUMBER: _ClassVar[int]
    FINAL_URL_FIELD_NUMBER: _ClassVar[int]
    DIAGNOSTICS_FIELD_NUMBER: _ClassVar[int]
    headlines: _containers.RepeatedCompositeFieldContainer[Headline]
    pagination_next: str
    final_url: str
    diagnostics: Diagnostics
    def __init__(self, headlines: _Optional[_Iterable[_Union[Headline, _Mapping]]] = ..., pagination_next: _Optional[str] = ..., final_url: _Optional[str] = ..., diagnostics: _Optional[_Union[Diagnostics, _Mapping]] = ...) -> None: ...

class Headline(_message.Message):
    __slots__ = ("title", "url", "group", "rank", "published_time", "published_time_local", "image_url", "summary")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_TIME_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_TIME_LOCAL_FIELD_NUMBER: _ClassVar[int]
    IMAGE_URL_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    title: str
    url: str
    group: str
    rank: int
    published_time: _timestamp_pb2.Timestamp
    published_time_local: str
    image_url: str
    summary: str
    def __init__(self, title: _Optional[str] = ..., url: _Optional[str] = ..., group: _Optional[str] = ..., rank: _Optional[int] = ..., published_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_time_local: _Optional[str] = ..., image_url: _Optional[str] = ..., summary: _Optional[str] = ...) -> None: ...
