"""Querysets compiled to SQL once per database, then only executed.

The requests a founder makes most often (an autosave, a questionnaire page, the
results page) run the same dozen reads every time. Django builds each read's SQL
afresh on every call, and for these small indexed reads building the SQL costs
several times what the database takes to answer. A `PreparedQuery` builds its
queryset once, from placeholder arguments, remembers the SQL and where each argument
sits among its parameters, and from then on only swaps the arguments in and executes.

The queryset stays the single description of the read, so the SQL follows the models;
rows pass through the same converters and model constructors the ORM uses, and the
query goes through the connection's own cursor, so query counting and logging see it.

Arguments are ids and strings, checked by type: an integer outside the 64-bit range
matches nothing and runs no query (the tables' keys are 64-bit, and the ORM's lookup
by primary key does the same); None is refused, since `= NULL` would match nothing
where the ORM writes `IS NULL`.

Only reads that return rows are supported: a queryset of model instances (with
`select_related` and annotations) or a plain `values_list()` queryset, whose rows are
tuples. `values()`, `flat`/`named` lists and `prefetch_related()` are refused, as is an
argument that Django writes into the SQL itself (a slice bound, say), when the query
is first compiled.
"""

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

# Placeholder values that no real argument or constant in a query is expected to
# equal; each compile checks that every placeholder reaches the SQL's parameters.
_BIGINT = range(-(2**63), 2**63)
_PLACEHOLDERS: dict[type, Callable[[int], Any]] = {
    int: lambda i: 1_987_654_301 + i,
    str: lambda i: f"\u2063prepared-argument-{i}\u2063",
}


class PreparedQueryError(Exception):
    """The queryset cannot be prepared: a programming error, raised on first use."""


@dataclass
class _Compiled:
    sql: str
    # Columns the caller asked for; DISTINCT may add ordering columns after them.
    width: int
    trim: bool
    # For each SQL parameter: the index of the argument it takes, or None for a constant.
    slots: list[int | None]
    constants: list[Any]
    converters: list[tuple[int, list[Callable], Any]]
    # Set for a queryset of model instances.
    model: type[Model] | None = None
    model_cols: tuple[int, int] = (0, 0)
    init_list: list[str] = field(default_factory=list)
    related_populators: list = field(default_factory=list)
    annotations: dict[str, int] = field(default_factory=dict)
    fetch_mode: Any = None


class PreparedQuery[M: Model]:
    """A read built once from `build(*placeholders)` and run as `rows(...)` or `objects(...)`.

    `arg_types` gives the type of each argument `build` takes (int or str).
    """

    def __init__(self, build: Callable[..., QuerySet[M]], *arg_types: type) -> None:
        unknown = [t for t in arg_types if t not in _PLACEHOLDERS]
        if unknown:
            raise PreparedQueryError(f"unsupported argument types: {unknown}")
        self._build = build
        self._arg_types = arg_types
        self._model: type[Model] | None = None
        self._for_update = False
        # Compiled once per database alias (and its backend). The SQL and converters do
        # not depend on which thread's connection compiled them: converters are handed
        # the connection that runs the query.
        self._compiled: dict[tuple[str, str], _Compiled] = {}

    def _placeholders(self) -> list[Any]:
        return [_PLACEHOLDERS[t](i) for i, t in enumerate(self._arg_types)]

    def _connection(self) -> BaseDatabaseWrapper:
        if self._model is None:
            queryset = self._build(*self._placeholders())
            self._model = queryset.model
            self._for_update = queryset.query.select_for_update
        if self._for_update:
            return connections[router.db_for_write(self._model)]
        return connections[router.db_for_read(self._model)]

    def _compile(self, connection: BaseDatabaseWrapper) -> _Compiled:
        placeholders = self._placeholders()
        queryset = self._build(*placeholders).using(connection.alias)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots: list[int | None] = []
        constants: list[Any] = []
        for param in params:
            index = next((i for i, p in enumerate(placeholders) if param == p), None)
            slots.append(index)
            constants.append(None if index is not None else param)
        missing = set(range(len(placeholders))) - {s for s in slots if s is not None}
        if missing:
            raise PreparedQueryError(
                f"arguments {sorted(missing)} do not reach the SQL as parameters: {sql}"
            )
        select = compiler.select
        converters = [
            (position, functions, expression)
            for position, (functions, expression) in compiler.get_converters(
                [column for column, _sql, _alias in select]
            ).items()
        ]
        compiled = _Compiled(
            sql, compiler.col_count, compiler.has_extra_select, slots, constants, converters
        )
        if queryset._prefetch_related_lookups:
            raise PreparedQueryError("prefetch_related() querysets cannot be prepared")
        if queryset._iterable_class is ModelIterable:
            klass_info = compiler.klass_info
            fields = klass_info["select_fields"]
            start, end = fields[0], fields[-1] + 1
            compiled.model = klass_info["model"]
            compiled.model_cols = (start, end)
            compiled.init_list = [column[0].target.attname for column in select[start:end]]
            compiled.fetch_mode = queryset._fetch_mode
            compiled.related_populators = get_related_populators(
                klass_info, select, connection.alias, compiled.fetch_mode
            )
            compiled.annotations = dict(compiler.annotation_col_map)
        elif queryset._iterable_class is not ValuesListIterable:
            raise PreparedQueryError("only model and plain values_list() querysets can be prepared")
        return compiled

    def rows(self, *args: Any) -> list[tuple]:
        """The rows, each value converted as the ORM would convert it."""
        return self._run(args)[0]

    def objects(self, *args: Any) -> list[M]:
        """Model instances, with their select_related objects and annotations attached."""
        rows, compiled, connection = self._run(args)
        if compiled.model is None:
            raise PreparedQueryError("objects() needs a queryset of model instances")
        start, end = compiled.model_cols
        found: list[M] = []
        peers: list = []
        track_peers = compiled.fetch_mode.track_peers
        for row in rows:
            obj = compiled.model.from_db(
                connection.alias,
                compiled.init_list,
                row[start:end],
                fetch_mode=compiled.fetch_mode,
            )
            if track_peers:
                peers.append(weakref.ref(obj))
                obj._state.peers = peers
            for populator in compiled.related_populators:
                populator.populate(row, obj)
            for name, position in compiled.annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def first(self, *args: Any) -> M | None:
        """The first instance in the queryset's own order, or None."""
        found = self.objects(*args)
        return found[0] if found else None

    def _compiled_for(self, connection: BaseDatabaseWrapper) -> _Compiled:
        key = (connection.alias, connection.vendor)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(connection)
        return compiled

    def _run(self, args: Sequence[Any]) -> tuple[list[tuple], _Compiled, BaseDatabaseWrapper]:
        if len(args) != len(self._arg_types):
            raise TypeError(f"expected {len(self._arg_types)} arguments, got {len(args)}")
        for arg, expected in zip(args, self._arg_types, strict=True):
            if type(arg) is not expected:
                raise TypeError(f"expected {expected.__name__}, got {arg!r}")
        connection = self._connection()
        compiled = self._compiled_for(connection)
        if any(type(a) is int and a not in _BIGINT for a in args):
            return [], compiled, connection
        params = [
            constant if slot is None else args[slot]
            for slot, constant in zip(compiled.slots, compiled.constants, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.trim:
            rows = [row[: compiled.width] for row in rows]
        if compiled.converters:
            converted = []
            for row in rows:
                values = list(row)
                for position, functions, expression in compiled.converters:
                    value = values[position]
                    for function in functions:
                        value = function(value, expression, connection)
                    values[position] = value
                converted.append(tuple(values))
            rows = converted
        return rows, compiled, connection
