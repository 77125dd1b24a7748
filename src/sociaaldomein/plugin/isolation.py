"""The pluggy plugin manager: pluggy calls the hooks, and each plugin is isolated.

:class:`PluginManager` is a :class:`pluggy.PluginManager` as pytest's
``PytestPluginManager`` is: hooks are called through ``pm.hook.<name>(...)``,
so ``tryfirst``/``trylast``, hook wrappers (``wrapper=True``) and tracing work
as in pytest. What it adds is isolation: a plugin that raises in a hook (even
``SystemExit``; ``KeyboardInterrupt`` is let through), returns something that
is not a list, prints to standard output (held back and quoted; what it
writes to file descriptor 1 directly goes to standard error instead) or does not fit the hook
specifications is reported in :attr:`PluginManager.problems` as a
:class:`~sociaaldomein.findings.Finding` whose ``rule`` is the plugin's name,
and the other plugins keep working.

Set ``SOCIAALDOMEIN_TRACE_PLUGINS=1`` to print every hook call, its
arguments and its result to standard error (pluggy's ``enable_tracing``),
as datasette's ``DATASETTE_TRACE_PLUGINS`` does.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import io
import os
import sys
import threading
import types
from collections.abc import Callable, Generator, Iterable
from typing import Any

import pluggy

from sociaaldomein.findings import Finding, Severity
from sociaaldomein.plugin import NAME, hookspecs

__all__ = ["TRACE", "PluginManager"]

#: Environment variable that, when set to anything but ``0`` or empty, traces hook calls to stderr.
TRACE = "SOCIAALDOMEIN_TRACE_PLUGINS"

_PREFIX = f"{NAME}_"
#: How much of a plugin's stray output a problem quotes.
_QUOTED = 200


def switched_on(variable: str) -> bool:
    """Whether the environment variable ``variable`` is set to anything but ``0`` or empty."""
    return os.environ.get(variable, "") not in ("", "0")


def describe(exc: BaseException) -> str:
    """``TypeName: message`` of an exception, as a problem quotes it."""
    try:
        message = str(exc)
    except Exception:  # a plugin's exception whose __str__ fails
        message = ""
    if len(message) > _QUOTED:
        message = message[:_QUOTED] + "..."
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def safe_repr(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters; a failing ``__repr__`` is not raised."""
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= limit else text[:limit] + "..."


def _write_stderr(text: str) -> None:
    # Looked up at each write, so that a redirected or captured stderr is honoured.
    sys.stderr.write(text)


def _is_function(plugin: object, name: str) -> bool:
    """Whether ``plugin.name`` is something pluggy can register as a hook implementation."""
    found = inspect.getattr_static(plugin, name, None)
    return inspect.isfunction(found) or isinstance(
        found, (staticmethod, classmethod, types.MethodType)
    )


class _WrongKind(Exception):
    """A hook implementation returned something that is not a list of items."""


class Guard:
    """Runs plugin code: holds back what it prints and turns what it raises into a problem.

    ``with manager.guard("plugin", "where") as guard: ...``; afterwards
    ``guard.failed`` says whether the code raised (and was reported, the
    message starting with ``failing``).
    """

    def __init__(
        self, manager: PluginManager, plugin: str, where: str, failing: str = "raised"
    ) -> None:
        self._manager, self._plugin, self._where = manager, plugin, where
        self._failing = failing
        self._output = io.StringIO()
        self._redirect = contextlib.redirect_stdout(self._output)
        self.failed = False

    def __enter__(self) -> Guard:
        _descriptor_1_to_stderr()
        self._redirect.__enter__()
        return self

    def __exit__(self, kind: object, exc: BaseException | None, traceback: object) -> bool:
        self._redirect.__exit__(None, None, None)
        _restore_descriptor_1()
        output = self._output.getvalue()
        if output:
            # Held back so that it cannot corrupt the caller's output (--format json),
            # and reported so that it is not lost either.
            quoted = output if len(output) <= _QUOTED else output[:_QUOTED] + "..."
            self._manager.report(
                self._plugin,
                self._where,
                f"wrote to standard output, which was held back: {quoted!r}",
                Severity.WARNING,
            )
        if exc is None or isinstance(exc, KeyboardInterrupt):
            return False
        self.failed = True
        cause = str(exc) if isinstance(exc, _WrongKind) else f"{self._failing} {describe(exc)}"
        self._manager.report(self._plugin, self._where, cause)
        return True


# Descriptor 1 is one per process: the first guard in points it at stderr, the
# last one out points it back, so that nested hooks (a hook calling a hook)
# and guards in several threads never restore a redirected descriptor as "the
# original". While any hook runs, every thread's writes to descriptor 1 go to stderr.
_DESCRIPTOR_LOCK = threading.Lock()
_descriptor_users = 0
_descriptor_saved: int | None = None


def _descriptor_1_to_stderr() -> None:
    """Point file descriptor 1 at standard error until :func:`_restore_descriptor_1`.

    ``redirect_stdout`` holds back what a plugin prints through ``sys.stdout``;
    what it writes below Python (``os.write(1, ...)``, a C library, a child
    process) goes to descriptor 1 itself, and would corrupt ``--format json``.
    Without a descriptor 1 (a closed stdout) nothing is changed.
    """
    global _descriptor_users, _descriptor_saved
    with _DESCRIPTOR_LOCK:
        _descriptor_users += 1
        if _descriptor_users > 1:
            return
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stdout.flush()  # what the caller printed goes out before the switch
        try:
            saved = os.dup(1)
        except OSError:
            return
        try:
            os.dup2(2, 1)
        except OSError:
            os.close(saved)
            return
        _descriptor_saved = saved


def _restore_descriptor_1() -> None:
    global _descriptor_users, _descriptor_saved
    with _DESCRIPTOR_LOCK:
        _descriptor_users -= 1
        if _descriptor_users > 0 or _descriptor_saved is None:
            return
        saved, _descriptor_saved = _descriptor_saved, None
        try:
            os.dup2(saved, 1)
        finally:
            os.close(saved)


def _items(result: object) -> tuple[object, ...]:
    if result is None:
        return ()
    if isinstance(result, (str, bytes)) or not isinstance(result, Iterable):
        raise _WrongKind(f"returned {type(result).__name__} {safe_repr(result)}, not a list")
    # A new tuple even when the plugin returned one, so that its identity
    # says which plugin produced it (see PluginManager.call).
    return tuple(list(result))


class PluginManager(pluggy.PluginManager):
    """pluggy's plugin manager for the ``sociaaldomein`` hooks, every plugin isolated.

    :meth:`register` never raises for a plugin that does not fit: it reports
    why in :attr:`problems` and leaves the plugin out. Every hook returns a
    list; a plugin's items reach hook wrappers and the caller as a tuple.
    """

    def __init__(self) -> None:
        super().__init__(NAME)
        self.add_hookspecs(hookspecs)
        #: Everything that went wrong with a plugin, in the order it happened.
        self.problems: list[Finding] = []
        self._unmarked: list[str] = []
        self._misnamed: list[str] = []
        self._produced: list[tuple[tuple[object, ...], str]] = []
        if switched_on(TRACE):
            self.trace.root.setwriter(_write_stderr)
            self.enable_tracing()

    def report(
        self, plugin: str, where: str, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        """Record a problem of ``plugin``; ``where`` names the hook, function or resource."""
        problem = Finding(severity, message, where=where, rule=plugin)
        self.problems.append(problem)
        self.trace("problem", str(problem))

    def guard(self, plugin: str, where: str, failing: str = "raised") -> Guard:
        """A context in which plugin code runs isolated (see :class:`Guard`)."""
        return Guard(self, plugin, where, failing)

    # -- registration ----------------------------------------------------------

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        """The hook options of ``plugin.name``, as pytest finds them.

        A function whose name starts with ``sociaaldomein_`` is a hook
        implementation, marked with ``@hookimpl`` or not (an unmarked one is
        reported); a marked function without the prefix is reported as
        misnamed, unless its ``specname`` names a hook.
        """
        opts = super().parse_hookimpl_opts(plugin, name)
        if not name.startswith(_PREFIX):
            if opts is not None and not (opts.get("specname") or "").startswith(_PREFIX):
                self._misnamed.append(name)
                return None
            return opts
        if opts is None and _is_function(plugin, name):
            self._unmarked.append(name)
            return pluggy.HookimplOpts(
                wrapper=False,
                hookwrapper=False,
                optionalhook=False,
                tryfirst=False,
                trylast=False,
                specname=None,
            )
        return opts

    def register(self, plugin: object, name: str | None = None) -> str | None:
        """Register ``plugin`` with each of its hook implementations isolated.

        :return: the plugin's name, or None when it does not fit the hook
            specifications (the reason is in :attr:`problems`).
        """
        name = name or self.get_canonical_name(plugin)
        self._unmarked, self._misnamed = [], []
        try:
            registered = super().register(plugin, name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            self.report(name, "", f"does not fit the hooks: {' '.join(str(exc).split())}")
            return None
        if registered is None:
            return None  # a blocked name
        unknown = [
            caller.name
            for caller in self.get_hookcallers(plugin) or ()
            if not caller.has_spec()
            and any(i.plugin is plugin and not i.optionalhook for i in caller.get_hookimpls())
        ]
        if unknown or self._misnamed:
            self.unregister(plugin)
            for function in sorted(unknown):
                self.report(name, function, f"is not a hook{self._did_you_mean(function)}")
            for function in sorted(self._misnamed):
                hint = self._did_you_mean(function)
                self.report(name, function, f"is marked @hookimpl but not named {_PREFIX}...{hint}")
            return None
        for function in sorted(self._unmarked):
            self.report(
                name,
                function,
                "is not marked @hookimpl (it is called anyway, as pytest does; mark it)",
                Severity.WARNING,
            )
        self._isolate(plugin)
        self.trace("registered", name)
        return registered

    def _did_you_mean(self, function: str) -> str:
        from sociaaldomein.text.suggest import did_you_mean

        hooks = [name for name in vars(self.hook) if getattr(self.hook, name).has_spec()]
        close = did_you_mean(function, hooks)
        if not close and not function.startswith(_PREFIX):
            close = did_you_mean(_PREFIX + function, hooks)
        return f" ({close})" if close else ""

    def _isolate(self, plugin: object) -> None:
        # Isolation has to be per implementation: pluggy calls all of a hook's
        # implementations in one loop, and one that raises ends the loop for the
        # others. A wrapper of the manager's own (or add_hookcall_monitoring)
        # sees only the whole call, so it cannot skip just the culprit. So each
        # implementation's function is replaced, once registered, by one that
        # runs it guarded. The HookImpl itself stays pluggy's: its options
        # (tryfirst, trylast, wrapper) and its place in the call order are
        # untouched, so ordering, wrappers and tracing work as in pytest.
        for caller in self.get_hookcallers(plugin) or ():
            for implementation in caller.get_hookimpls():
                if implementation.plugin is plugin:
                    isolated = self._isolated(implementation, caller.name)
                    # HookImpl.function is a plain (slotted) attribute; the
                    # argument names pluggy passes were read at registration.
                    object.__setattr__(implementation, "function", isolated)

    def _isolated(self, implementation: pluggy.HookImpl, hook: str) -> Callable[..., Any]:
        function = implementation.function
        plugin = implementation.plugin_name
        if implementation.wrapper or implementation.hookwrapper:
            return self._isolated_wrapper(function, plugin, hook, implementation.wrapper)

        @functools.wraps(function)
        def isolated(*args: Any, **kwargs: Any) -> tuple[object, ...] | None:
            with self.guard(plugin, hook) as guard:
                # Read inside the guard: a generator runs only when it is read.
                items = _items(function(*args, **kwargs))
            if guard.failed:
                return None  # pluggy leaves None out of the results
            self._produced.append((items, plugin))
            return items

        return isolated

    def _isolated_wrapper(
        self, function: Callable[..., Any], plugin: str, hook: str, new_style: bool
    ) -> Callable[..., Any]:
        @functools.wraps(function)
        def isolated(*args: Any, **kwargs: Any) -> Generator[None, Any, Any]:
            with self.guard(plugin, hook) as guard:
                teardown = function(*args, **kwargs)
                try:
                    next(teardown)
                except StopIteration:
                    raise _WrongKind("is a hook wrapper that does not yield") from None
            if guard.failed:
                return (yield)  # a broken wrapper is left out: the result passes unchanged
            try:
                result = yield
            except BaseException:
                # The implementations inside are isolated, so only KeyboardInterrupt
                # gets here; it ends the wrapper without giving it a say.
                teardown.close()
                raise
            with self.guard(plugin, hook) as guard:
                try:
                    teardown.send(result)
                except StopIteration as stop:
                    return stop.value if new_style else None
                teardown.close()
                raise _WrongKind("is a hook wrapper that yields more than once")
            return result  # it raised after yielding: the result passes unchanged

        return isolated

    # -- calling ---------------------------------------------------------------

    def call(self, hook: str, **kwargs: Any) -> list[tuple[str, object]]:
        """Call ``hook`` through pluggy: every item any plugin returned, with its plugin.

        Items a hook wrapper added are attributed to the hook's wrappers. A
        result a wrapper broke (not a list of lists) is reported and left out.
        """
        caller: pluggy.HookCaller = getattr(self.hook, hook)
        wrappers = ", ".join(
            sorted({i.plugin_name for i in caller.get_hookimpls() if i.wrapper or i.hookwrapper})
        )
        outer, self._produced = self._produced, []  # a hook may call a hook
        try:
            results = caller(**kwargs)
        finally:
            produced, self._produced = self._produced, outer
        if not isinstance(results, list):
            self.report(wrappers, hook, f"a hook wrapper returned {type(results).__name__}")
            return []
        # Whose is what: a plugin's own tuple by its identity; items in a tuple a
        # wrapper built (filtered, reordered) by theirs; anything new is the
        # wrappers'. ``produced`` keeps every object alive, so ids are unique.
        by_result = {id(items): plugin for items, plugin in produced}
        by_item: dict[int, str] = {}
        for items, plugin in produced:
            for item in items:
                by_item.setdefault(id(item), plugin)
        found: list[tuple[str, object]] = []
        for result in results:
            if id(result) in by_result:
                found.extend((by_result[id(result)], item) for item in result)
                continue
            with self.guard(wrappers, hook) as guard:
                items = _items(result)
            if not guard.failed:
                found.extend((by_item.get(id(item), wrappers), item) for item in items)
        return found
