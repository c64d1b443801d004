"""Registry of event kinds: each namespaced kind maps to the pydantic model of its payload."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from types import UnionType
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import SchemaValidator

from eventlog.canonical import canonical_json, object_encoder
from eventlog.errors import PayloadError, UnknownKindError

__all__ = [
    "Payload",
    "payload_encoder",
    "payload_model",
    "register_kind",
    "registered_kinds",
    "validate_payload",
]

KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")

_MODELS: dict[str, type[BaseModel]] = {}

M = TypeVar("M", bound=type[BaseModel])


class Payload(BaseModel):
    """Base for event payloads: frozen; unknown fields, NaN and infinities are refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


def register_kind(kind: str) -> Callable[[M], M]:
    """Class decorator registering a payload model for a namespaced kind such as 'bart.pump'."""
    if not KIND_PATTERN.match(kind):
        raise ValueError(f"event kind {kind!r} is not namespaced like 'game.action'")

    def decorate(model: M) -> M:
        existing = _MODELS.get(kind)
        if existing is not None and existing.__qualname__ != model.__qualname__:
            raise ValueError(f"event kind {kind!r} is already registered to {existing.__qualname__}")
        _MODELS[kind] = model
        _CODECS.pop(kind, None)
        ENCODERS.pop(kind, None)
        return model

    return decorate


def payload_model(kind: str) -> type[BaseModel]:
    """Return the payload model of a kind, or raise UnknownKindError."""
    try:
        return _MODELS[kind]
    except KeyError:
        raise UnknownKindError(f"unknown event kind {kind!r}: no payload model is registered") from None


def registered_kinds() -> Mapping[str, type[BaseModel]]:
    """A read-only view of every registered kind and its model."""
    return dict(_MODELS)


_PLAIN = (str, int, float, bool, type(None))


def _is_plain(annotation: Any) -> bool:
    """Whether a field's validated value is already what JSON mode would dump: str, int, float, bool, None,
    their unions, and Literals of them."""
    if annotation in _PLAIN:
        return True
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return all(type(arg) in _PLAIN for arg in args)
    if origin in (Union, UnionType):
        return all(_is_plain(arg) for arg in args)
    return False


@cache
def _dumps_as_fields(model: type[BaseModel]) -> bool:
    """Whether the model's JSON-mode dump equals its validated fields (so the dump can be skipped): flat, plain
    fields, no extra fields, no custom serialisers, no computed fields. Decided once per model."""
    decorators = model.__pydantic_decorators__
    return (model.model_config.get("extra") != "allow" and not model.model_config.get("serialize_by_alias")
            and not model.model_computed_fields and not any(f.exclude for f in model.model_fields.values())
            and not decorators.field_serializers and not decorators.model_serializers
            and all(_is_plain(f.annotation) for f in model.model_fields.values()))


class _Codec:
    """How one kind's payloads are validated, worked out once per model (record() is the log's hottest path)."""

    __slots__ = ("fields", "kind", "model", "plain")

    def __init__(self, kind: str, model: type[BaseModel]) -> None:
        self.kind = kind
        self.model = model
        self.plain = _dumps_as_fields(model)  # the JSON-mode dump of an instance is its fields dict
        # Without model-level hooks (__init__, model_post_init), the fields validator alone gives the fields dict the
        # model's own validator would store on the instance: the model validator runs exactly it, then builds the
        # instance, which is all that is skipped.
        self.fields: SchemaValidator | None = _fields_validator(model) if self.plain else None

    def validate(self, payload: Mapping[str, Any] | BaseModel) -> dict[str, Any]:
        """The payload validated by the kind's model, as its JSON-mode dict; PayloadError names the field."""
        model = self.model
        if type(payload) is not dict:
            if isinstance(payload, model):
                return payload.model_dump(mode="json")
            if isinstance(payload, BaseModel):
                payload = payload.model_dump(mode="json")
        try:
            if self.fields is not None:
                data: dict[str, Any] = self.fields.validate_python(payload)[0]
                return data
            instance = model.__pydantic_validator__.validate_python(payload)
        except ValidationError as exc:
            raise _payload_error(self.kind, exc) from None
        if self.plain:
            return dict(instance.__dict__)
        data = model.__pydantic_serializer__.to_python(instance, mode="json")
        return data


def _fields_validator(model: type[BaseModel]) -> SchemaValidator | None:
    """The validator of a model's fields alone, or None when the model validates through more than them."""
    schema: Any = model.__pydantic_core_schema__
    if (schema.get("type") != "model" or schema.get("custom_init") or schema.get("root_model")
            or schema.get("post_init") or schema["schema"].get("type") != "model-fields"):
        return None
    return SchemaValidator(schema["schema"], schema.get("config"))


_CODECS: dict[str, _Codec] = {}


def _codec(kind: str) -> _Codec:
    """The kind's codec, made on first use (UnknownKindError for an unregistered kind)."""
    codec = _CODECS.get(kind)
    if codec is None:
        codec = _CODECS[kind] = _Codec(kind, payload_model(kind))
    return codec


def validate_payload(kind: str, payload: Mapping[str, Any] | BaseModel) -> dict[str, Any]:
    """Validate a payload against its kind's model and return its JSON-ready dict."""
    codec = _CODECS.get(kind)
    if codec is None:
        codec = _codec(kind)
    return codec.validate(payload)


ENCODERS: dict[str, Callable[[Mapping[str, Any] | BaseModel], str]] = {}  # kind -> payload_encoder(kind)


def payload_encoder(kind: str) -> Callable[[Mapping[str, Any] | BaseModel], str]:
    """A function from a payload to the canonical JSON of it validated for the kind (what record() stores), made
    once per kind and kept in ENCODERS: canonical_json(validate_payload(kind, payload)), with refused payloads as
    PayloadError, and a value canonical JSON cannot spell (a NaN a model allowed) as PayloadError too."""
    codec = _codec(kind)
    generic = codec.validate
    fields = codec.fields.validate_python if codec.fields is not None else None
    # fields() gives a dict of exactly the model's fields, which object_encoder spells
    spell_fields = object_encoder(codec.model.model_fields) if fields is not None else canonical_json

    def encode(payload: Mapping[str, Any] | BaseModel) -> str:
        if fields is not None and type(payload) is dict:
            try:
                data = fields(payload)[0]
            except ValidationError as exc:
                raise _payload_error(kind, exc) from None
            spell = spell_fields
        else:
            data, spell = generic(payload), canonical_json
        try:
            return spell(data)
        except ValueError as exc:
            raise PayloadError(kind, "(payload)", f"not representable as canonical JSON: {exc}") from None

    ENCODERS[kind] = encode
    return encode


def _payload_error(kind: str, exc: ValidationError) -> PayloadError:
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "(payload)"
    return PayloadError(kind, field, first["msg"])
