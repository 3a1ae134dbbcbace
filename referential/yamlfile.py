"""Read a YAML data file safely, keeping the line of every value, and check it against its JSON Schema.

One style for every data file (the referential, the CV lines, scenarios, catalogue, places): read with
`read_yaml`, check the shape with `schema_problems` (a JSON Schema file beside the code), then the
meaning in the loader's own code; every problem is `file:line: message` in plain words, and hostile
input (binary, huge, alias bombs, deep nesting, wrong encoding) never crashes or blows up.
It lives in `referential`, the lowest layer that may read files (game.core does no I/O): the
referential may not import `game`, and `game.content` may import the referential.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import jsonschema
import yaml

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 60
_TOO_MANY = f"too many values (more than {MAX_NODES}); aliases that expand too much are refused"
# other Unicode encodings an editor may save in (longest marks first: UTF-32 LE starts like UTF-16 LE)
_OTHER_UNICODE = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                  (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a data file, printed as `file:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{one_line(self.path)}:{self.line}: {one_line(self.message)}"


# line breaks, terminal escapes and bidi overrides a hostile file could slip into a message
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """`text` as one plain line: what a file holds can never move the cursor or recolour a terminal."""
    return _UNSHOWABLE.sub(lambda m: " " if m.group() in "\n\r\t" else f"\\u{ord(m.group()):04x}", str(text))


class DataFileError(Exception):
    """A data file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class YamlDocument:
    """Plain Python data plus the line (1-based) of each value, keyed by its path."""

    path: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, keypath: tuple | list = ()) -> int:
        """Line of the value at `keypath`, or of its nearest ancestor that has one."""
        keypath = tuple(keypath)
        while keypath:
            if keypath in self.lines:
                return self.lines[keypath]
            keypath = keypath[:-1]
        return self.lines.get((), 1)

    def problem(self, keypath: tuple | list, message: str) -> Problem:
        return Problem(self.path, self.line_of(keypath), message)


class _Converter:
    def __init__(self, path: str):
        self.path = path
        self.lines: dict[tuple, int] = {}
        self.count = 0

    def fail(self, node: yaml.Node, message: str) -> DataFileError:
        return DataFileError([Problem(self.path, node.start_mark.line + 1, message)])

    def convert(self, node: yaml.Node, keypath: tuple, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, _TOO_MANY)
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep")
        self.lines.setdefault(keypath, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, "a key must be a plain word")
                key = key_node.value
                if key == "<<":
                    raise self.fail(key_node, "merge keys (<<) are not allowed")
                if key in result:
                    raise self.fail(key_node, f"duplicate key '{key}'")
                self.lines[keypath + (key,)] = key_node.start_mark.line + 1
                result[key] = self.convert(value_node, keypath + (key,), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, keypath + (i,), depth + 1) for i, item in enumerate(node.value)]
        return _SCALAR_LOADER.construct_scalar_value(node)


class _ScalarLoader(yaml.SafeLoader):
    """Only used to turn one scalar node into its safe Python value."""

    def __init__(self):  # no stream: we only call the constructors
        yaml.SafeLoader.__init__(self, "")

    def construct_scalar_value(self, node: yaml.ScalarNode) -> Any:
        constructor = self.yaml_constructors.get(node.tag)
        if constructor is None:
            raise DataFileError([Problem("", node.start_mark.line + 1, f"unsupported tag {node.tag}")])
        try:
            value = constructor(self, node)
        except Exception as exc:  # e.g. `!!bool maybe`, `!!timestamp soon`, `2024-13-45`
            detail = exc if isinstance(exc, (ValueError, yaml.YAMLError)) else f"'{node.value[:40]}' is not a {node.tag.rsplit(':', 1)[-1]}"
            raise DataFileError([Problem("", node.start_mark.line + 1, f"bad value: {detail}")]) from None
        # dates and times stay text: content only needs plain values
        if not isinstance(value, (str, int, float, bool, type(None))):
            value = node.value
        return value


_SCALAR_LOADER = _ScalarLoader()


def read_yaml(path: str | os.PathLike, display_path: str | None = None) -> YamlDocument:
    """Load one YAML file; raise DataFileError with file:line problems for anything unusable."""
    shown = display_path or str(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            raise DataFileError([Problem(shown, 1, "not a regular file")])
        if info.st_size > MAX_FILE_BYTES:
            raise DataFileError([Problem(shown, 1, f"file too large ({info.st_size} bytes, at most {MAX_FILE_BYTES})")])
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # never more, even if the file grows meanwhile
    except OSError as exc:
        raise DataFileError([Problem(shown, 1, f"cannot read the file: {exc.strerror or exc}")]) from None
    return parse_yaml(raw, shown)


def _deep_line(text: str) -> int:
    """Line where nesting first goes deeper than MAX_DEPTH (the event parser does not recurse)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return 1


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte order mark: ASCII text with a NUL byte beside every character."""
    head = raw[:200]
    return len(head) >= 8 and (head[1::2].count(0) >= len(head) // 2 - 1 or head[0::2].count(0) >= len(head) // 2 - 1)


_LIBYAML = getattr(yaml, "CSafeLoader", None) if getattr(yaml, "__with_libyaml__", False) else None


def _fast_compose(text: str, shown: str) -> list | None:
    """Compose with libyaml (ten times faster) when it is there and the text is safe for it: parsed whole,
    at most MAX_NODES values, no deeper than MAX_DEPTH (libyaml's composer recurses in C, so deeper
    nesting could crash the process). Otherwise None: the pure-Python parser words the problem."""
    if _LIBYAML is None:
        return None
    depth = count = 0
    try:
        for event in yaml.parse(text, Loader=_LIBYAML):  # an event stream: no recursion, even in C
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                continue
            elif not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
                continue
            count += 1
            if count > MAX_NODES:  # refused at once: the pure-Python parser would take many seconds
                raise DataFileError([Problem(shown, event.start_mark.line + 1, _TOO_MANY)])
        return list(yaml.compose_all(text, Loader=_LIBYAML))
    except yaml.YAMLError:
        return None


def parse_yaml(raw: bytes, shown: str) -> YamlDocument:
    """Parse YAML bytes (see read_yaml)."""
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError([Problem(shown, 1, f"file too large ({len(raw)} bytes, at most {MAX_FILE_BYTES})")])
    for mark, encoding in _OTHER_UNICODE:
        if raw.startswith(mark) or (encoding == "UTF-16" and _looks_utf16(raw)):
            raise DataFileError([Problem(shown, 1, f"saved as {encoding} text: save the file as UTF-8")])
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise DataFileError([Problem(shown, line, "not a text file (contains a NUL byte)")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError([Problem(shown, line, "not UTF-8 text: save the file as UTF-8")]) from None
    if not text.strip():
        raise DataFileError([Problem(shown, 1, "the file is empty")])
    try:
        nodes = _fast_compose(text, shown)
        if nodes is None:
            nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise DataFileError([Problem(shown, line, f"not valid YAML: {exc.problem or exc.context}")]) from None
    except yaml.reader.ReaderError as exc:  # a control character: PyYAML gives a position, not a line
        line = text.count("\n", 0, max(0, exc.position)) + 1
        raise DataFileError([Problem(shown, line, f"not valid YAML: character U+{exc.character:04X} is not allowed"
                                     if isinstance(exc.character, int) else "not valid YAML: a character is not allowed")]) from None
    except yaml.YAMLError as exc:
        raise DataFileError([Problem(shown, 1, f"not valid YAML: {exc}")]) from None
    except RecursionError:
        raise DataFileError([Problem(shown, _deep_line(text), "nested too deeply")]) from None
    nodes = [n for n in nodes if n is not None]
    if len(nodes) != 1:
        raise DataFileError([Problem(shown, 1, "expected exactly one YAML document")])
    converter = _Converter(shown)
    try:
        data = converter.convert(nodes[0], (), 0)
    except DataFileError as exc:
        raise DataFileError([Problem(shown, p.line, p.message) for p in exc.problems]) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise DataFileError([Problem(shown, 1, f"bad value: {exc}")]) from None
    return YamlDocument(shown, data, converter.lines)


# --------------------------------------------------------------------------- JSON Schema, file:line


def _inline(node: Any, defs: dict) -> Any:
    if isinstance(node, dict):
        if set(node) == {"$ref"}:
            return _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
        return {k: _inline(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def load_schema(path: str | os.PathLike, langs: Iterable[str]) -> dict:
    """A JSON Schema file with its `$defs` inlined (each part then stands on its own), its translated
    texts (the `text` and `short` definitions) asked in every one of `langs`."""
    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    defs = schema.pop("$defs", {})
    schema.pop("title", None)
    langs = list(langs)
    for key in ("text", "short"):
        if key in defs:
            template = next(iter(defs[key]["properties"].values()))
            defs[key] = {**defs[key], "properties": {lang: dict(template) for lang in langs}, "required": langs,
                         "translated": True}  # an annotation: a missing key is a missing translation
    return _inline(schema, defs)


_VALIDATORS: dict[int, tuple[dict, jsonschema.Draft202012Validator]] = {}


def _validator(schema: dict) -> jsonschema.Draft202012Validator:
    """One compiled validator per schema, made once (the schema is kept alive beside it)."""
    found = _VALIDATORS.get(id(schema))
    if found is None or found[0] is not schema:
        found = _VALIDATORS[id(schema)] = (schema, jsonschema.Draft202012Validator(schema))
    return found[1]


def _leaf_errors(errors):
    for error in errors:
        if error.context:
            yield from _leaf_errors(error.context)
        else:
            yield error


def where_path(path: tuple) -> str:
    """Where a value is, as its key path: `steps/3/choices/1` ("top level" for the whole file)."""
    return "/".join(str(p) for p in path) or "top level"


_LANGUAGE_NAMES = {"fr": "French", "en": "English"}
# what a kind of value is called, in an author's words (many authors never saw YAML before)
_KIND_OF_VALUE = {"integer": "a whole number (like 3)", "number": "a number (like 0.5)", "string": 'a text between quotes "..."',
                  "boolean": "true or false", "array": "a list (lines starting with '- ', or [a, b])",
                  "object": "a block of 'key: value' lines", "null": "empty"}


def kind_of(value: Any) -> str:
    """What an author wrote, in their words."""
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true or false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:30]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of 'key: value' lines"
    return "empty" if value is None else type(value).__name__


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _describe(error: jsonschema.ValidationError, path: tuple, where: Callable[[tuple], str]) -> tuple[tuple, str]:
    """The key path to point at and the message, in plain words, of one schema error. A pattern may
    carry its own words in a `problem` key beside it ("must look like #1f5fa8")."""
    at = where(path)
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        name = missing[0] if missing else error.message
        if error.schema.get("translated"):
            return path, f"{at}: missing {_LANGUAGE_NAMES.get(name, name)} text"
        return path, f"{at}: missing '{name}'"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(str(k) for k in error.instance if k not in allowed)
        key = unknown[0] if unknown else ""
        if error.schema.get("translated"):
            return path + (key,), f"{at}: unknown language '{key}' (use {', '.join(error.schema['required'])})"
        return path + (key,), f"{at}: unknown key '{key}'"
    if error.validator == "enum":
        return path, f"{at}: '{error.instance}' is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "const":
        return path, f"{at}: must be {_show(error.validator_value)}, not {_show(error.instance)}"
    if error.validator == "pattern":
        if isinstance(error.instance, str) and not error.instance.strip():
            return path, f"{at}: empty text"
        if "problem" in error.schema:
            return path, f"{at}: {error.schema['problem']}, not {_show(error.instance)}"
        return path, f"{at}: '{str(error.instance)[:40]}' is not a valid name (small letters without accents, digits, '-' or '_')"
    if error.validator in ("minLength", "maxLength") and isinstance(error.instance, str):
        if error.validator == "minLength":
            return path, f"{at}: empty text"
        return path, f"{at}: too long ({len(error.instance)} characters, at most {error.validator_value})"
    if error.validator in ("minItems", "maxItems"):
        n, limit = len(error.instance), error.validator_value
        wanted = f"at least {limit}" if error.validator == "minItems" else f"at most {limit}"
        return path, f"{at}: {n} in this list; write {wanted}"
    if error.validator == "uniqueItems":
        return path, f"{at}: the same value is written twice in this list"
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        should = " or ".join(_KIND_OF_VALUE.get(w, w) for w in wanted)
        if wanted == ["object"] and error.schema.get("translated"):
            should = "a translated text {" + ", ".join(f'{lang}: "..."' for lang in error.schema["required"]) + "}"
        if error.instance is None:
            return path, f"{at}: is empty; write {should}"
        return path, f"{at}: this should be {should}, not {kind_of(error.instance)}"
    if error.validator in ("minimum", "maximum"):
        side = "at least" if error.validator == "minimum" else "at most"
        return path, f"{at}: {error.instance} is too {'small' if side == 'at least' else 'large'}; write {side} {error.validator_value}"
    message = error.message if len(error.message) < 160 else error.message[:157] + "..."
    return path, f"{at}: {message}"


Explain = Callable[[jsonschema.ValidationError, tuple, str], "str | None"]


def schema_problems(doc: YamlDocument, schema: dict, data: Any = None, prefix: tuple = (),
                    where: Callable[[tuple], str] = where_path, explain: Explain | None = None) -> list[Problem]:
    """Every way `data` (default: the whole document; `prefix` is its key path) breaks `schema`, as
    file:line problems; `where` words a key path (default: `steps/3/choices/1`); `explain(error, path,
    words)` may say a file's own likely mistake better (None: the plain words above)."""
    problems = []
    for error in _leaf_errors(_validator(schema).iter_errors(doc.data if data is None else data)):
        path = prefix + tuple(error.absolute_path)
        better = explain(error, path, where(path)) if explain is not None else None
        problems.append(doc.problem(path, better) if better else doc.problem(*_describe(error, path, where)))
    return sorted(set(problems))


# NUL and other C0 controls (tab and newline aside) and lone UTF-16 surrogates ("\0", "\ud800" escapes in a
# quoted YAML string) pass YAML and the schemas, then break the game: SQLite, fonts and UTF-8 refuse them.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def unsafe_text_problems(doc: YamlDocument) -> list[Problem]:
    """One problem (file:line) per text or key holding a character no screen, file or store can take."""
    problems = []

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                walk(key, path + (key,))
                walk(child, path + (key,))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                walk(child, path + (i,))
        elif isinstance(value, str):
            bad = _UNSAFE_CHARS.search(value)
            if bad:
                char = bad.group()
                what = "a NUL character" if char == "\0" else (
                    "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character")
                problems.append(doc.problem(path, f"{what} (U+{ord(char):04X}) in a text: remove it"))

    walk(doc.data, ())
    return sorted(set(problems))


def read_checked(path: str | os.PathLike, schema: dict, display_path: str | None = None,
                 wording: Callable[[Any], Callable[[tuple], str]] = lambda data: where_path,
                 ) -> tuple[YamlDocument | None, list[Problem]]:
    """Read a YAML file and check its characters and its shape: (document, []) when its meaning can be
    checked next, else (None or the document, every problem as file:line). `wording(data)` words a key
    path of that file (default: `steps/3/choices/1`)."""
    try:
        doc = read_yaml(path, display_path)
    except DataFileError as exc:
        return None, list(exc.problems)
    return doc, unsafe_text_problems(doc) or schema_problems(doc, schema, where=wording(doc.data))


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """The problems in file order, each once."""
    return sorted(dict.fromkeys(problems), key=lambda p: p.line)


class MeaningChecker:
    """Checks the meaning of a document whose shape the schema found right; `where` words a key path."""

    def __init__(self, doc: YamlDocument, where: Callable[[tuple], str]):
        self.doc = doc
        self.problems: list[Problem] = []
        self.where = where

    def add(self, keypath: tuple, message: str, about: tuple | None = None) -> None:
        """A problem at the line of `keypath`, said of `about` (default: the same key path)."""
        words = self.where(keypath if about is None else about)
        self.problems.append(self.doc.problem(keypath, f"{words}: {message}"))
