"""The release a process runs: a digest of the package's code, templates and translations.

Kept responses and values (cymuned.caching) are named by it beside the data version. A deployment
changes pages without changing any data, and the cache is shared between processes and outlives
them: named by the data alone, a page rendered by the previous release (and its ETag, in the
browser) would go on being served until something in the data changed.
"""

import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# what a response is made from: code, templates, translations and the definitions shipped as data
MADE_FROM = {".py", ".html", ".txt", ".mo", ".json", ".toml", ".yaml", ".yml", ".csv"}


@functools.cache
def code_version() -> str:
    """Read once per process (about 2 MB of files; a few milliseconds)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in MADE_FROM and "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
