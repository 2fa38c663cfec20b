"""What ``kb import`` was asked to read: files, directories, globs, stdin, URLs."""
import glob
import os
import pathlib
from dataclasses import dataclass

from .fetch import fetch
from .read import ReadError

# Extensions a directory or glob import picks up; an explicitly named file is
# read whatever its name. ".gz" holds a compressed page or text file.
SUPPORTED_EXTENSIONS = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".gz")
GLOB_CHARS = set("*?[")


@dataclass
class Input:
    origin: str          # the path, URL or "-" as the user gave it
    kind: str            # file | url | stdin
    skipped: str | None = None  # why a directory entry is not imported


def expand_inputs(args):
    """Yield an Input per document to read, in the order given.

    Directories are searched recursively by extension; files of other types
    there are yielded as skipped, with the reason, so nothing vanishes
    silently. A glob matching nothing yields its pattern, which then fails to
    read like a missing file.
    """
    for arg in args:
        if arg == "-":
            yield Input("-", "stdin")
        elif arg.lower().startswith(("http://", "https://")):
            yield Input(arg, "url")
        elif GLOB_CHARS & set(arg) and not pathlib.Path(arg).exists():
            matches = sorted(glob.glob(arg, recursive=True))
            for match in matches:
                yield from _expand_path(pathlib.Path(match), in_directory=True)
            if not matches:
                yield Input(arg, "file")
        else:
            yield from _expand_path(pathlib.Path(arg), in_directory=False)


def _expand_path(path, in_directory):
    if path.is_dir():
        yield from (_directory_entry(child) for child in walk_files(path))
    elif in_directory:
        yield _directory_entry(path)
    else:
        yield Input(str(path), "file")


def walk_files(folder):
    """Files under ``folder`` in path order, hidden ones left out.

    One directory is listed at a time, so a corpus of a million files is
    never one list in memory.
    """
    with os.scandir(folder) as entries:
        children = sorted(entries, key=lambda entry: entry.name)
    for entry in children:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk_files(entry.path)
        elif not entry.is_dir():  # a link to a directory is not followed (it could loop)
            yield pathlib.Path(entry.path)


def _directory_entry(path):
    if path.name.lower().endswith(SUPPORTED_EXTENSIONS):
        return Input(str(path), "file")
    return Input(str(path), "file", skipped=f"not a supported file type ({path.suffix or 'no extension'})")


def load_input(item, stdin=None, max_bytes=None):
    """(raw bytes, URL) of one Input; raises ReadError with a one-line reason."""
    if item.kind == "url":
        fetched = fetch(item.origin, max_bytes=max_bytes) if max_bytes else fetch(item.origin)
        return fetched.raw, fetched.url
    if item.kind == "stdin":
        raw = stdin.read(max_bytes + 1) if max_bytes else stdin.read()
    else:
        raw = _read_file(pathlib.Path(item.origin), max_bytes)
    if max_bytes and len(raw) > max_bytes:
        raise ReadError(f"larger than the {max_bytes / 1024 / 1024:.0f} MB limit (--max-size)")
    return raw, None


def _read_file(path, max_bytes):
    try:
        if max_bytes and path.stat().st_size > max_bytes:
            size = path.stat().st_size / 1024 / 1024
            raise ReadError(f"{size:.1f} MB, larger than the {max_bytes / 1024 / 1024:.0f} MB limit (--max-size)")
        return path.read_bytes()
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except OSError as error:
        raise ReadError(error.strerror or str(error)) from None
