"""Turning records into plain dicts for storage, and back with validation.

Every record is a dataclass; ``from_dict`` checks each field's type against the
annotation (so a foreign or damaged file is refused with a message naming the
field) and the record's ``__post_init__`` cleans text and checks the rules.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Self

from ..errors import ValidationError
from ..ids import check_id


class Record:
    """Mixin for the model's dataclasses."""

    #: How the record is named in error messages ("idea", "decision" ...).
    noun: typing.ClassVar[str] = "record"
    #: Fields holding ids besides ``id``, ``*_id`` and ``*_ids`` (checked on loading).
    id_fields: typing.ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in _fields(type(self))}

    @classmethod
    def from_dict(cls, data: object) -> Self:
        if not isinstance(data, dict):
            raise ValidationError(f"A {cls.noun} should be a set of named fields.")
        values: dict[str, Any] = {}
        for name, required, load, where in _plan(cls):
            if name not in data:
                if required:
                    raise ValidationError(f"A {cls.noun} is missing its '{name}'.",
                                          field=name)
                continue
            values[name] = load(data[name], where)
        return cls(**values)

    def replace(self, **changes: Any) -> Self:
        """A validated copy with some fields changed."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


Loader = typing.Callable[[Any, str], Any]


def _fields(cls: type[Record]) -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(typing.cast(Any, cls))  # every model class is a dataclass


Plan = tuple[tuple[str, bool, Loader, str], ...]
_PLANS: dict[type[Record], Plan] = {}


def _plan(cls: type[Record]) -> Plan:
    """For each field: its name, whether it is required, its checker, and its name in
    messages. Worked out once per record type: the index alone holds a thousand rows."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _work_out_plan(cls)
    return plan


def _work_out_plan(cls: type[Record]) -> Plan:
    hints = typing.get_type_hints(cls)
    return tuple(
        (f.name,
         f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
         _id_checked(_loader(hints[f.name])) if _holds_ids(cls, f.name)
         else _loader(hints[f.name]), f"{cls.noun} '{f.name}'")
        for f in _fields(cls))


def _holds_ids(cls: type, name: str) -> bool:
    return (name == "id" or name.endswith(("_id", "_ids"))
            or name in getattr(cls, "id_fields", ()))


def _id_checked(load: Loader) -> Loader:
    """Ids read from a file must be ones coprod makes (see ``ids.py``): a file or
    an import holding ``../x``, an empty or upper-case id is refused here."""
    def checked(value: Any, where: str) -> Any:
        value = load(value, where)
        for one in (value if isinstance(value, list) else [value]):
            if one is not None:
                check_id(one, f"The {where}")
        return value
    return checked


def _loader(hint: Any) -> Loader:
    """``_load`` for one type hint, with the hint taken apart in advance."""
    try:
        return _compiled(hint)
    except TypeError:  # a hint that cannot be a cache key: check it the long way
        return lambda value, where: _load(hint, value, where)


@cache
def _compiled(hint: Any) -> Loader:
    # Each branch does what the same branch of _load does, with the same messages.
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        inner = [o for o in args if o is not type(None)]
        if len(inner) != 1:
            return lambda value, where: _load(hint, value, where)
        load_inner = _loader(inner[0])
        if type(None) not in args:
            return load_inner

        def optional(value: Any, where: str) -> Any:
            return None if value is None else load_inner(value, where)
        return optional
    if origin is list:
        if len(args) != 1:
            return lambda value, where: _load(hint, value, where)
        load_item = _loader(args[0])

        def a_list(value: Any, where: str) -> Any:
            if not isinstance(value, list):
                raise ValidationError(f"The {where} should be a list.")
            return [load_item(v, where) for v in value]
        return a_list
    if origin is dict:
        if len(args) != 2:
            return lambda value, where: _load(hint, value, where)
        load_key, load_value = _loader(args[0]), _loader(args[1])

        def a_dict(value: Any, where: str) -> Any:
            if not isinstance(value, dict):
                raise ValidationError(f"The {where} should be a set of named values.")
            return {load_key(k, where): load_value(v, where) for k, v in value.items()}
        return a_dict
    if isinstance(hint, type) and issubclass(hint, Record):
        return lambda value, where: hint.from_dict(value)
    if hint is Any:
        return lambda value, where: value
    if hint is int:
        def whole_number(value: Any, where: str) -> Any:
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValidationError(f"The {where} should be {_kind(hint)}.")
            return value
        return whole_number

    def simple(value: Any, where: str) -> Any:  # bool, str ...: bool has no subclasses
        if not isinstance(value, hint):
            raise ValidationError(f"The {where} should be {_kind(hint)}.")
        return value
    return simple


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        (inner,) = [o for o in options if o is not type(None)]
        return _load(inner, value, where)
    if origin is list:
        if not isinstance(value, list):
            raise ValidationError(f"The {where} should be a list.")
        (inner,) = typing.get_args(hint)
        return [_load(inner, v, where) for v in value]
    if origin is dict:
        if not isinstance(value, dict):
            raise ValidationError(f"The {where} should be a set of named values.")
        key_type, value_type = typing.get_args(hint)
        return {_load(key_type, k, where): _load(value_type, v, where)
                for k, v in value.items()}
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    if hint is Any:
        return value
    if hint is bool:
        ok = isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, hint)
    if not ok:
        raise ValidationError(f"The {where} should be {_kind(hint)}.")
    return value


def _kind(hint: Any) -> str:
    return {str: "text", int: "a whole number", bool: "yes or no"}.get(hint, str(hint))


def one_of(value: str, allowed: typing.Iterable[str], what: str,
           field: str | None = None) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValidationError(f"{what} must be one of: {', '.join(allowed)}.", field=field)
    return value
