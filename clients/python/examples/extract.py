#!/usr/bin/env python3
"""Extract the article of an HTML file (or stdin with "-") and print it as protobuf JSON.

    python clients/python/examples/extract.py page.html --url https://example.com/news/1
    python clients/python/examples/extract.py page.html --headlines --addr 127.0.0.1:50051
"""

from __future__ import annotations

import argparse
import sys

from google.protobuf.json_format import MessageToJson
from google.protobuf.message import Message

from article_client import ArticleClient, ArticleServiceError


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help='HTML file, or "-" for stdin')
    p.add_argument("--url", default="", help="the page's absolute URL")
    p.add_argument("--addr", default="127.0.0.1:50051", help="server address (gRPC target)")
    p.add_argument("--content-type", default="", help="HTTP Content-Type the page came with")
    p.add_argument("--timeout", type=float, default=10.0, help="deadline in seconds")
    p.add_argument("--headlines", action="store_true", help="list headlines instead")
    args = p.parse_args(argv)

    if args.file == "-":
        html = sys.stdin.buffer.read()
    else:
        with open(args.file, "rb") as f:
            html = f.read()

    resp: Message
    try:
        with ArticleClient(args.addr, timeout=args.timeout) as client:
            if args.headlines:
                resp = client.list_headlines(html, url=args.url, content_type=args.content_type)
            else:
                resp = client.extract_article(html, url=args.url, content_type=args.content_type)
    except ArticleServiceError as err:
        print(f"error: {err.code.name}: {err.details}", file=sys.stderr)
        return 1
    print(MessageToJson(resp, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
