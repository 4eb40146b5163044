"""A Pratt parser for XMILE equations, driven by the table in ``grammar.toml``.

The token patterns, keywords, operator binding powers and the builtin function table live
in the data file; this module only knows the shape of the grammar (prefix, infix, calls,
subscripts, ``IF THEN ELSE``). :func:`parse_equation` returns an :mod:`.ir` expression.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import EquationError
from .ir import Binary, Call, Expr, If, Num, Ref, Unary, canonical


@dataclass(frozen=True)
class Grammar:
    """The parsed contents of ``grammar.toml``."""

    token_re: re.Pattern[str]
    keywords: frozenset[str]
    binary: dict[str, tuple[int, str, str]]  # op -> (power, assoc, canonical op)
    unary: dict[str, tuple[int, str]]  # op -> (power, canonical op)
    functions: dict[str, dict[str, Any]]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """Load the grammar table shipped as package data."""
    text = resources.files(__package__).joinpath("grammar.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    tok = data["tokens"]
    pattern = "|".join(f"(?P<{k}>{tok[k]})" for k in tok["order"])
    binary = {
        op.upper(): (int(v["power"]), str(v["assoc"]), str(v.get("as", op)).upper())
        for op, v in data["binary"].items()
    }
    unary = {
        op.upper(): (int(v["power"]), str(v.get("as", op)).upper())
        for op, v in data["unary"].items()
    }
    return Grammar(
        token_re=re.compile(pattern),
        keywords=frozenset(w.upper() for w in data["keywords"]["words"]),
        binary=binary,
        unary=unary,
        functions={k.upper(): v for k, v in data["functions"].items()},
    )


@dataclass(frozen=True)
class Token:
    kind: str  # "number" | "name" | "op" | "kw" | "end"
    text: str
    pos: int


def tokenize(src: str, where: str = "") -> list[Token]:
    """Split an equation into tokens; raise :class:`EquationError` on a stray character."""
    g = grammar()
    out: list[Token] = []
    pos = 0
    while pos < len(src):
        m = g.token_re.match(src, pos)
        if m is None or m.end() == pos:
            raise EquationError(
                f"{where}: cannot read the equation at character {pos + 1} "
                f"({src[pos : pos + 12]!r}) in {src.strip()!r}; fix the equation's syntax"
            )
        kind = m.lastgroup or ""
        text = m.group(0)
        if kind == "name" and text.upper() in g.keywords:
            out.append(Token("kw", text.upper(), pos))
        elif kind == "quoted":
            out.append(Token("name", text, pos))
        elif kind != "ws":
            out.append(Token(kind, text, pos))
        pos = m.end()
    out.append(Token("end", "", pos))
    return out


class _Parser:
    def __init__(self, src: str, where: str):
        self.src = src
        self.where = where
        self.toks = tokenize(src, where)
        self.i = 0
        self.g = grammar()

    # -- helpers --------------------------------------------------------------------------
    def peek(self) -> Token:
        return self.toks[self.i]

    def next(self) -> Token:
        t = self.toks[self.i]
        self.i += 1
        return t

    def fail(self, msg: str, tok: Token | None = None) -> EquationError:
        tok = tok or self.peek()
        return EquationError(
            f"{self.where}: {msg} at character {tok.pos + 1} of {self.src.strip()!r}; "
            "fix the equation's syntax"
        )

    def expect(self, text: str) -> Token:
        t = self.next()
        if t.text.upper() != text:
            raise self.fail(f"expected {text!r} but found {t.text or 'the end'!r}", t)
        return t

    # -- Pratt core -------------------------------------------------------------------------
    def infix_op(self, tok: Token) -> str | None:
        if tok.kind in ("op", "kw") and tok.text.upper() in self.g.binary:
            return tok.text.upper()
        return None

    def expr(self, min_power: int = 0) -> Expr:
        left = self.prefix()
        while True:
            op = self.infix_op(self.peek())
            if op is None:
                break
            power, assoc, canon = self.g.binary[op]
            if power < min_power or (power == min_power and assoc == "left"):
                break
            self.next()
            right = self.expr(power if assoc == "left" else power - 1)
            left = Binary(canon, left, right)
        return left

    def prefix(self) -> Expr:
        t = self.next()
        up = t.text.upper()
        if t.kind == "number":
            return Num(float(t.text))
        if t.kind in ("op", "kw") and up in self.g.unary:
            power, canon = self.g.unary[up]
            operand = self.expr(power)
            if isinstance(operand, Num) and canon == "-":
                return Num(-operand.value)
            return Unary(canon, operand)
        if t.text == "(":
            e = self.expr()
            self.expect(")")
            return e
        if t.kind == "kw" and up == "IF":
            cond = self.expr()
            self.expect("THEN")
            then = self.expr()
            self.expect("ELSE")
            orelse = self.expr()
            return If(cond, then, orelse)
        if t.kind == "name":
            return self.name(t)
        raise self.fail(f"unexpected {t.text or 'end of equation'!r}", t)

    def name(self, t: Token) -> Expr:
        if self.peek().text == "(":
            self.next()
            args: list[Expr] = []
            if self.peek().text != ")":
                args.append(self.expr())
                while self.peek().text == ",":
                    self.next()
                    args.append(self.expr())
            self.expect(")")
            up = t.text.upper()
            if up in self.g.functions:
                spec = self.g.functions[up]
                return Call(str(spec.get("as", up)).upper(), tuple(args))
            # a graphical function called by name, or an unknown function (checked later)
            return Call(canonical(t.text), tuple(args))
        if self.peek().text == "[":
            self.next()
            subs = [self.subscript()]
            while self.peek().text == ",":
                self.next()
                subs.append(self.subscript())
            self.expect("]")
            return Ref(canonical(t.text), tuple(subs))
        up = t.text.upper()
        if up in self.g.functions and self.g.functions[up]["args"][1] == 0:
            spec = self.g.functions[up]
            return Call(str(spec.get("as", up)).upper(), ())
        return Ref(canonical(t.text))

    def subscript(self) -> str:
        t = self.next()
        if t.text == "*":
            return "*"
        if t.kind == "number":
            return t.text if "." not in t.text else str(int(float(t.text)))
        if t.kind == "name":
            text = t.text
            if self.peek().text == "!":  # Dim! (the whole dimension, XMILE 3.7.1.3)
                self.next()
                return "*"
            if self.peek().text == ":":
                raise self.fail("subscript ranges (a:b) are not supported")
            return canonical(text)
        raise self.fail(f"unexpected {t.text!r} in a subscript", t)


def parse_equation(src: str, where: str = "equation") -> Expr:
    """Parse one XMILE equation into an :mod:`.ir` expression.

    Parameters
    ----------
    src
        The equation text.
    where
        Where it comes from (file and variable), used in error messages.
    """
    from ..xmlsafety import LIMITS, equation_nesting

    if len(src) > LIMITS.equation_chars or equation_nesting(src) > LIMITS.nesting:
        raise EquationError(
            f"{where}: the equation is {len(src):,} characters nested "
            f"{equation_nesting(src)} deep, over the limits of {LIMITS.equation_chars:,} and "
            f"{LIMITS.nesting}; split it into intermediate variables"
        )
    p = _Parser(src, where)
    if p.peek().kind == "end":
        raise EquationError(f"{where}: the equation is empty; give it a value or an expression")
    try:
        e = p.expr()
    except RecursionError:  # a long chain of right-associative operators (a ^ b ^ c ...)
        raise EquationError(
            f"{where}: the equation is too deeply nested to read; split it into intermediate "
            "variables"
        ) from None
    if p.peek().kind != "end":
        raise p.fail(f"unexpected {p.peek().text!r} after a complete expression")
    return e
