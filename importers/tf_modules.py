"""Terraform `module` blocks with local sources, and `count`/`for_each` over known values.

A configuration is a tree of module instances (`Scope`s): the root module, and for each
`module "x" { source = "./..." }` block the module folder read from disk, its variables bound
from the block's arguments (then their defaults), once per instance of the block's
`count`/`for_each`. Resources are expanded the same way. Addresses follow Terraform's:
`aws_lambda_function.f[0]`, `module.x["key"].aws_sqs_queue.q`.

Values cross module boundaries both ways: a variable holds the value of its argument (or, when
only `terraform apply` knows it, the resources it mentions), and `module.x.out` gives the output's
value (or the resources its expression mentions) — which is how a function in one module is
wired to a queue in another.

What is not followed is one report line each: registry and remote sources (git::, github.com,
https://, s3::), a folder that is not on disk, a source outside the import's folder (absolute, or
leading out of it, by `..` or by a symlink). Nesting deeper than MAX_MODULE_DEPTH and a module
that contains itself are refused, as Terraform refuses them.
Meta-arguments: https://developer.hashicorp.com/terraform/language/meta-arguments/count and
https://developer.hashicorp.com/terraform/language/modules/sources
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from importers.common import ImportReport, TemplateError, TfModule, Unresolved, as_int
from importers.context import ImportContext
from importers.tf_expr import TfResolver, _split_path, _walk, interpolations
from models.messages import msg

MAX_MODULE_DEPTH = 10
MAX_INSTANCES = 1000  # resource and module instances in one import
#: module-block arguments that are not the module's variables
META_ARGUMENTS = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})
_REF = re.compile(r"""(?<![\w.])(?:
    (?P<rtype>aws_[a-z0-9_]+)\.(?P<rname>[A-Za-z_][\w-]*)
  | var\.(?P<var>[A-Za-z_][\w-]*)
  | local\.(?P<local>[A-Za-z_][\w-]*)
  | module\.(?P<module>[A-Za-z_][\w-]*)
)(?:\[(?P<index>\d+|"[^"\\]*"|count\.index|each\.key)\])?(?:\.(?P<attr>[A-Za-z_][\w-]*))?""", re.X)
_REMOTE = ("git::", "hg::", "s3::", "gcs::", "http://", "https://", "git@", "github.com/", "bitbucket.org/")
_NONE = object()


@dataclass
class ModuleFolders:
    """Where modules may be read: the import's folder (realpath; None when there is none, e.g. one
    uploaded file; no module source may lead outside it), the root module's folder, and a reader of
    a folder's `.tf` texts (the import's file limits applied)."""

    root: str | None
    base: str | None
    read: Callable[[str], tuple[dict[str, str], list[str]]]  # folder → (.tf texts, entries skipped)


@dataclass
class ModuleFiles(ModuleFolders):
    """ModuleFolders and the parser of a folder's texts into a TfModule."""

    parse: Callable[[dict[str, str]], TfModule] = field(default=lambda texts: TfModule())


@dataclass
class Placed:
    """One resource instance: its context (its scope's resolver and references), the module view
    the wiring readers see, its type, address, name for the design id, and body."""

    ctx: ImportContext
    module: TfModule
    rtype: str
    key: str
    name: str
    body: dict


@dataclass
class ScopedResolver(TfResolver):
    """A module instance's resolver: also `count.index`, `each.key`/`each.value` and `module.x.out`."""

    scope: Any = None
    index: Any = None
    each_value: Any = _NONE

    def _name(self, name: str, source: str) -> Any:
        head, _, rest = name.partition(".")
        if head == "count" and rest == "index":
            if isinstance(self.index, int) and self.each_value is _NONE:
                return self.index
            raise Unresolved("count.index: the count is not known")
        if head == "each":
            base, path = _split_path(rest)
            if self.each_value is _NONE:
                raise Unresolved(f"{name}: the for_each is not known")
            return _walk(self.index if base == "key" else self.each_value, path, name)
        if head == "module" and self.scope is not None:
            return self.scope.module_value(rest)
        if head in ("path", "terraform"):
            raise Unresolved(f"{name} is not evaluated (a path or workspace name)")
        return super()._name(name, source)

    def instance(self, index: Any, each_value: Any = _NONE) -> ScopedResolver:
        """The same scope's resolver for one instance (locals and the evaluation budget shared)."""
        return replace(self, index=index, each_value=each_value)


@dataclass
class Scope:
    """One module instance."""

    prefix: str  # "" for the root, 'module.x["k"].' inside
    path: list[str]  # name parts for design ids: ["x", "k"]
    module: TfModule
    resolver: ScopedResolver
    var_args: dict[str, Any] = field(default_factory=dict)  # variable → its argument in the module block
    parent: Scope | None = None
    index: Any = None  # this instance's count.index / each.key in the parent
    directory: str | None = None
    chain: tuple[str, ...] = ()  # folders of the enclosing modules (cycle check)
    instances: dict[str, dict[Any, str]] = field(default_factory=dict)  # "type.name" → index → address
    children: dict[str, dict[Any, Scope]] = field(default_factory=dict)  # module name → index → scope
    _local_refs: dict[str, set[str]] = field(default_factory=dict)
    _var_refs: dict[str, set[str]] = field(default_factory=dict)

    def refs(self, value: Any, index: Any = None) -> set[str]:
        """The resource addresses a value mentions, through variables, locals and module outputs."""
        found: set[str] = set()
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                for match in _REF.finditer(item):
                    found |= self._ref(match, index)
            elif isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
        return found

    def _ref(self, match: re.Match, index: Any) -> set[str]:
        written = match.group("index")
        wanted: Any = None
        if written in ("count.index", "each.key"):
            wanted = index
        elif written is not None:
            wanted = int(written) if written.isdigit() else written.strip('"')
        if match.group("rtype"):
            address = f"{match.group('rtype')}.{match.group('rname')}"
            known = self.instances.get(address)
            if not known:
                return {self.prefix + address}
            if wanted is not None and wanted in known:
                return {known[wanted]}
            return set(known.values())
        if match.group("var"):
            return self._var(match.group("var"))
        if match.group("local"):
            return self._local(match.group("local"))
        children = self.children.get(match.group("module"), {})
        chosen = [children[wanted]] if wanted is not None and wanted in children else list(children.values())
        output = match.group("attr")
        found: set[str] = set()
        for child in chosen:
            names = [output] if output else list(child.module.outputs)
            for name in names:
                found |= child.output_refs(name)
        return found

    def _local(self, name: str) -> set[str]:
        if name not in self._local_refs:
            self._local_refs[name] = set()  # a local that mentions itself adds nothing
            self._local_refs[name] = self.refs(self.module.locals.get(name))
        return self._local_refs[name]

    def _var(self, name: str) -> set[str]:
        """The resources a variable's argument mentions (in the parent's scope, when first asked: by
        then every module and resource is known)."""
        if name not in self._var_refs:
            self._var_refs[name] = set()  # modules whose values refer to each other add nothing more
            if self.parent is not None and name in self.var_args:
                self._var_refs[name] = self.parent.refs(self.var_args[name], self.index)
        return self._var_refs[name]

    def output_refs(self, name: str) -> set[str]:
        """The resources an output's value mentions."""
        spec = self.module.outputs.get(name)
        return self.refs(spec.get("value")) if isinstance(spec, dict) else set()

    def module_value(self, rest: str) -> Any:
        """The value of `module.<rest>` (`x.out`, `x[0].out`), when the child's output is known."""
        base, path = _split_path(rest)
        children = self.children.get(base)
        if not children:
            raise Unresolved(f"module.{base} is not a module of this configuration that was followed")
        if path and isinstance(path[0], int) and path[0] in children:
            child, path = children[path[0]], path[1:]
        elif len(children) == 1:
            child = next(iter(children.values()))
        else:
            raise Unresolved(f"module.{base} has several instances; name one")
        if not path or not isinstance(path[0], str) or path[0] not in child.module.outputs:
            raise Unresolved(f"module.{rest}: no such output")
        spec = child.module.outputs[path[0]]
        value = child.resolver.resolve(spec.get("value") if isinstance(spec, dict) else None)
        return _walk(value, path[1:], f"module.{rest}")

    def context(self, base: ImportContext, index: Any, each_value: Any = _NONE) -> ImportContext:
        """An ImportContext for one resource instance, sharing what was found and the report."""
        resolver = self.resolver.instance(index, each_value)
        return ImportContext(resolver, base.report, find_refs=lambda value: self.refs(value, index),
                             found=base.found, aliases=base.aliases)


class Expander:
    """Expands the root module into resource instances (`Placed`), following local modules."""

    def __init__(self, base: ImportContext, files: ModuleFiles):
        self.base = base
        self.files = files
        self.report: ImportReport = base.report
        self.placed: list[Placed] = []
        self.count = 0
        self.parsed: dict[str, TfModule] = {}
        self.skipped_functions: list[str] = []  # functions with count = 0 or an empty for_each

    def root(self, module: TfModule, resolver: TfResolver) -> list[Placed]:
        """Every resource instance of the configuration, the root module's first."""
        scoped = ScopedResolver(resolver.variables, resolver.missing, resolver.locals_raw, budget=resolver.budget)
        scope = Scope("", [], module, scoped, directory=self.files.base,
                      chain=(self.files.base,) if self.files.base else ())
        scoped.scope = scope
        self.expand(scope)
        return self.placed

    def expand(self, scope: Scope) -> None:
        """A scope's child modules (declaration order), then its resources."""
        for name in _dependency_order(scope.module.module_blocks):
            self._module(scope, name, scope.module.module_blocks[name])
        own: list[Placed] = []
        for rtype, name, body in scope.module.resources:
            where = f"{scope.prefix}{rtype}.{name}"
            known: dict[Any, str] = {}
            scope.instances[f"{rtype}.{name}"] = known
            instances = list(self._instances(scope, body, where))
            for index, each_value in instances:
                suffix = "" if index is None else f"[{_index_text(index)}]"
                known[index] = f"{where}{suffix}"
                shown = None if instances == [(0, _NONE)] else index  # count = 1: the id needs no number
                own.append(Placed(scope.context(self.base, index, each_value), scope.module, rtype,
                                  f"{where}{suffix}", _hint(scope.path, name, shown), body))
            if rtype == "aws_lambda_function" and not known:
                self.skipped_functions.append(where)
        # the module the wiring readers see: its resources named by their instance addresses
        view = replace(scope.module, prefix=scope.prefix,
                       resources=[(p.rtype, p.key.removeprefix(f"{scope.prefix}{p.rtype}."), p.body) for p in own])
        for placed in own:
            placed.module = view
        self.placed += own

    def _instances(self, scope: Scope, body: dict, where: str) -> Iterator[tuple[Any, Any]]:
        """(index, each.value) of each instance: (None, _NONE) for a single one."""
        if "for_each" in body:
            try:
                items = self._collection(scope, body["for_each"])
            except Unresolved as why:
                self.report.unresolved.append(f"{where}.for_each: {why}; imported as one resource")
                yield None, _NONE
                return
            if not items:
                self.report.notes.append(f"{where}: skipped, for_each is empty")
            self._spend(len(items), where)
            yield from items.items()
            return
        if "count" in body:
            try:
                count = as_int(self._count(scope, body["count"]))
            except Unresolved as why:
                self.report.unresolved.append(f"{where}.count: {why}; imported as one resource")
                yield None, _NONE
                return
            if count <= 0:
                self.report.notes.append(f"{where}: skipped, count = {count}")
                return
            self._spend(count, where)
            yield from ((i, _NONE) for i in range(count))
            return
        self._spend(1, where)
        yield None, _NONE

    def _spend(self, count: int, where: str) -> None:
        self.count += count
        if self.count > MAX_INSTANCES:
            raise TemplateError([msg("import.tf_instances", "{where}: the configuration expands to more than "
                                     "{limit:,} resource and module instances; too many to import", where=where,
                                     limit=MAX_INSTANCES)])

    def _count(self, scope: Scope, raw: Any) -> Any:
        """A count: a number, or `length(x)` of a known list or map."""
        inner = _call_argument(raw, "length")
        if inner is not None:
            value = self._literal(scope, inner)
            if not isinstance(value, (list, dict, str)):
                raise Unresolved(f"length() of {_shown(value)}: not a list, map or text")
            return len(value)
        return scope.resolver.resolve(raw)

    def _collection(self, scope: Scope, raw: Any) -> dict[Any, Any]:
        """A for_each: a map (key → value), or a set of strings (each → itself), incl. `toset(...)`."""
        inner = _call_argument(raw, "toset")
        value = self._literal(scope, inner) if inner is not None else scope.resolver.resolve(raw)
        if isinstance(value, dict):
            return {str(k): v for k, v in value.items()}
        if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                           for v in value):
            return {str(v): str(v) for v in value}
        raise Unresolved(f"{_shown(raw)} is not a map or a set of strings")

    def _literal(self, scope: Scope, inner: str) -> Any:
        """The value of an expression that may be a list literal (`["a", var.b]`)."""
        text = inner.strip()
        if text.startswith("["):
            try:
                parsed = self.files.parse({"for_each.tf": f"locals {{\n  __value__ = {text}\n}}\n"}).locals.get(
                    "__value__", _NONE)
            except TemplateError:
                parsed = _NONE
            if parsed is _NONE:
                raise Unresolved(f"{text} is not a list of known values")
            return scope.resolver.resolve(parsed)
        return scope.resolver.resolve("${" + text + "}")

    def _module(self, scope: Scope, name: str, block: dict) -> None:
        """One module block: followed (each instance) when its source is a local folder, else reported."""
        where = f"{scope.prefix}module.{name}"
        source = block.get("source")
        directory = self._folder(scope, where, source)
        if directory is None:
            return
        if directory in scope.chain:
            raise TemplateError([msg("import.tf_module_cycle", "{where}: source {source!r} is a module that "
                                     "contains this block (a cycle); Terraform refuses it too", where=where,
                                     source=source)])
        if len(scope.chain) > MAX_MODULE_DEPTH:
            raise TemplateError([msg("import.tf_module_depth", "{where}: modules nested more than {n} deep; "
                                     "too deep to import", where=where, n=MAX_MODULE_DEPTH)])
        module = self._parsed(directory, where)
        scope.children[name] = {}
        instances = list(self._instances(scope, block, where))
        for index, each_value in instances:
            suffix = "" if index is None else f"[{_index_text(index)}]"
            parent = scope.resolver.instance(index, each_value)
            child = self._child(scope, parent, module, block, f"{where}{suffix}", index)
            shown = index is not None and instances != [(0, _NONE)]  # count = 1: the ids need no number
            child.path = [*scope.path, name, *([str(index)] if shown else [])]
            child.directory, child.chain = directory, (*scope.chain, directory)
            scope.children[name][index] = child
            self.report.recognised.append(f"{where}{suffix}: module {source} followed "
                                          f"({len(module.resources)} resources declared)")
            self.expand(child)

    def _child(self, scope: Scope, parent: ScopedResolver, module: TfModule, block: dict, where: str,
               index: Any) -> Scope:
        """The child scope: each variable from the block's argument, else its default."""
        values: dict[str, Any] = {}
        missing: dict[str, str] = {}
        for arg in block:
            if arg not in META_ARGUMENTS and arg not in module.variables:
                self.report.notes.append(f"{where}: argument {arg} is not a variable of the module; ignored")
        for var, spec in module.variables.items():
            if var in block:
                try:
                    values[var] = parent.resolve(block[var])
                except Unresolved as why:
                    missing[var] = f"var.{var} of {where}: {why}"
            elif "default" in spec:
                values[var] = spec["default"]
            else:
                missing[var] = f"var.{var} of {where} has no value (not set in the module block, no default)"
        resolver = ScopedResolver(values, missing, module.locals, budget=scope.resolver.budget)
        child = Scope(f"{where}.", [], module, resolver, {v: block[v] for v in module.variables if v in block},
                      scope, index)
        resolver.scope = child
        return child

    def _folder(self, scope: Scope, where: str, source: Any) -> str | None:
        """The real folder of a local source inside the import's folder; None (reported) otherwise."""
        if not isinstance(source, str) or "${" in source:
            self.report.ignored.append(f"{where}: source {_shown(source)} is not a literal text; not followed")
            return None
        kind = _source_kind(source)
        if kind != "local":
            self.report.ignored.append(f"{where}: {source} ({kind}): not followed; only local ./ and ../ "
                                       "module folders are read")
            self.report.hidden.append(msg("import.hidden_remote", "{where} ({source}): a registry or remote module, "
                                          "not followed", where=where, source=source))
            return None
        if self.files.root is None or scope.directory is None:
            self.report.ignored.append(f"{where}: {source} (local): not followed; an uploaded file has no folder "
                                       "(import the folder, or upload it as a .zip)")
            self.report.hidden.append(msg("import.hidden_no_folder", "{where} ({source}): not followed, an uploaded "
                                          "file has no folder", where=where, source=source))
            return None
        target = os.path.realpath(os.path.join(scope.directory, source))
        if os.path.commonpath([self.files.root, target]) != self.files.root:
            self.report.ignored.append(f"{where}: {source} leads outside the imported folder ({target}); not "
                                       "followed (import a folder that holds both, or give --module-root)")
            self.report.hidden.append(msg("import.hidden_outside", "{where} ({source}): outside the imported folder, "
                                          "not followed", where=where, source=source))
            return None
        if not os.path.isdir(target):
            self.report.ignored.append(f"{where}: {source}: no such folder; not followed")
            self.report.hidden.append(msg("import.hidden_missing", "{where} ({source}): no such folder",
                                          where=where, source=source))
            return None
        return target

    def _parsed(self, directory: str, where: str) -> TfModule:
        """A module folder, read and parsed once however many blocks use it."""
        if directory not in self.parsed:
            texts, skipped = self.files.read(directory)
            self.report.ignored += [f"{where}: {line}" for line in skipped]
            if not texts:
                self.report.notes.append(f"{where}: the module folder holds no .tf files")
            self.parsed[directory] = self.files.parse(texts)
        return self.parsed[directory]


def note_hidden_functions(report: ImportReport, placed: list[Placed], skipped: list[str]) -> None:
    """When every declared function is skipped (count = 0 or an empty for_each with the values given),
    say so: the design would otherwise silently lack all compute."""
    if not skipped or any(p.rtype == "aws_lambda_function" for p in placed):
        return
    shown = ", ".join(skipped[:3]) + (f" and {len(skipped) - 3} more" if len(skipped) > 3 else "")
    report.notes.append(f"every Lambda function is skipped by count = 0 or an empty for_each with these variable "
                        f"values: {shown}; give --param to import them")
    report.hidden.append(msg("import.hidden_tf_functions", "{n} Lambda function(s) skipped by count = 0 or an empty "
                             "for_each ({shown})", n=len(skipped), shown=shown))


def _dependency_order(blocks: dict[str, dict]) -> list[str]:
    """Module names, each after the modules its arguments mention (`module.y.out`) when they form no
    cycle; declaration order otherwise (values from a module not yet read are then unresolved)."""
    mentions = {name: {m.group("module") for m in _REF.finditer(repr(block)) if m.group("module")} & set(blocks)
                for name, block in blocks.items()}
    ordered: list[str] = []
    while len(ordered) < len(blocks):
        ready = [n for n in blocks if n not in ordered and mentions[n] <= set(ordered) | {n}]
        if not ready:
            return ordered + [n for n in blocks if n not in ordered]
        ordered.append(ready[0])
    return ordered


def aliases(placed: list[Placed]) -> dict[str, str]:
    """Lambda alias addresses → the function they point to."""
    return {p.key: next(iter(sorted(p.ctx.find_refs(p.body.get("function_name")))), "")
            for p in placed if p.rtype == "aws_lambda_alias"}


def _source_kind(source: str) -> str:
    """"local", "an absolute path", "a remote module (git)", "a registry module" ..."""
    if source.startswith(("./", "../")) or source in (".", ".."):
        return "local"
    if source.startswith("/") or re.match(r"[A-Za-z]:[\\/]", source):
        return "an absolute path"
    if source.startswith(_REMOTE) or "::" in source:
        return "a remote module"
    return "a registry module"


def _call_argument(raw: Any, function: str) -> str | None:
    """The argument text of `${function(...)}` when the whole value is that call, else None."""
    if not isinstance(raw, str) or interpolations(raw) != [(0, len(raw))]:
        return None
    inner = raw[2:-1].strip()
    if inner.startswith(f"{function}(") and inner.endswith(")"):
        return inner[len(function) + 1:-1]
    return None


def _index_text(index: Any) -> str:
    return str(index) if isinstance(index, int) else f'"{index}"'


def _hint(path: list[str], name: str, index: Any) -> str:
    """A name for the design id: the module path, then the resource name unless it is `this`/`main`."""
    if not path:
        parts = [name]
    elif name in ("this", "main", "default") or name == path[-1]:
        parts = list(path)
    elif path[-1] in name:  # module "s3_bucket" { resource "aws_s3_bucket" "s3_bucket_logs" }
        parts = [*path[:-1], name]
    else:
        parts = [*path, name]
    if index is not None:
        parts.append(str(index))
    return "_".join(parts)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
