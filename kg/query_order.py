"""A query's final ORDER BY, done in Python on the solutions Oxigraph gives unordered.

Why: Oxigraph's sort decodes the strings of the two terms it compares from its
store on every comparison.  At 1000x the seeds, ordering the 6,000 metrics of
one city took half of metric_evidence's time (0.35-0.6 s of 0.7-1.1 s); the
same rows sort in Python in a few milliseconds.

Only what is sure to come out in the same order is done here:

- the ORDER BY at the end of the query (after its last "}"), with no LIMIT,
  OFFSET or anything else after it;
- keys that are a projected variable, bare or in ASC(), DESC(), STR(), or
  ASC(STR())/DESC(STR());
- columns holding only IRIs, strings (plain or with a language) and unbound
  values; under STR(), any term (a blank node's STR is an error: as unbound).

As Oxigraph does: unbound before IRIs before literals; IRIs by their code
points; strings by their value, then datatype and language; DESC the reverse.
Rows whose keys are equal keep the order Oxigraph gave them unordered; Oxigraph's
own sort is not stable and puts them otherwise past a few dozen rows (SPARQL
leaves their order open; the same query on the same store always gives the
same rows in the same order).  Anything else (numbers, dates, blank nodes,
expressions) gives None, and the caller runs the query with its ORDER BY.
tests/test_query_order.py checks each case against Oxigraph's own sort.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# Where words and braces are no syntax: comments, strings and IRIs (an IRI may hold a #, a
# string a " or a #).  Matched from left to right, each from where it starts, as SPARQL's
# lexer reads them.
_NOT_SYNTAX = re.compile(r"""
      \#[^\n\r]*
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | "(?:[^"\\\n\r]|\\.)*"
    | '(?:[^'\\\n\r]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>
    """, re.VERBOSE | re.DOTALL)

_NAME = r"[^\W\d][\w\u00b7\u0300-\u036f\u203f-\u2040]*|\d[\w\u00b7\u0300-\u036f\u203f-\u2040]*"
# SPARQL's white space only, and its keywords in ASCII letters of either case (Python's \s and
# IGNORECASE also take a no-break space, or a "ſ" for an "s", which SPARQL refuses).
_WS = r"[ \t\r\n]"
_KEY = re.compile(rf"""{_WS}*(?:
      (?P<dir>(?ai:ASC|DESC)){_WS}*\({_WS}*(?:(?P<str1>(?ai:STR)){_WS}*\({_WS}*[?$](?P<v1>{_NAME}){_WS}*\)|[?$](?P<v2>{_NAME})){_WS}*\)
    | (?P<str2>(?ai:STR)){_WS}*\({_WS}*[?$](?P<v3>{_NAME}){_WS}*\)
    | [?$](?P<v4>{_NAME})
    )""", re.VERBOSE)
_ORDER_BY = re.compile(rf"(?ai:\bORDER{_WS}+BY\b)")


@dataclass(frozen=True)
class SortKey:
    variable: str
    descending: bool = False
    as_string: bool = False     # STR(?variable)


@dataclass(frozen=True)
class FinalOrder:
    unordered: str              # the query without its ORDER BY
    keys: tuple[SortKey, ...]


def syntax_only(sparql: str) -> str:
    """`sparql` with its comments, strings and IRIs blanked out, each character by a space:
    what is left are keywords, variables, braces, at the places they have in `sparql`."""
    return _NOT_SYNTAX.sub(lambda match: " " * len(match.group()), sparql)


def final_order(sparql: str) -> FinalOrder | None:
    """The query's final ORDER BY when it is one this module can do, else None."""
    masked = syntax_only(sparql)
    end = masked.rfind("}")
    if end < 0:
        return None
    if "<" in sparql[end + 1:]:
        return None             # a comparison in HAVING: in "<5)#>" the mask saw an IRI
    found = list(_ORDER_BY.finditer(masked, end + 1))
    if len(found) != 1:
        return None
    order = found[0]
    keys: list[SortKey] = []
    position = order.end()
    while (match := _KEY.match(masked, position)) is not None:
        variable = next(match.group(name) for name in ("v1", "v2", "v3", "v4") if match.group(name))
        keys.append(SortKey(variable,
                            descending=(match.group("dir") or "").upper() == "DESC",
                            as_string=bool(match.group("str1") or match.group("str2"))))
        position = match.end()
    if not keys or masked[position:].strip(" \t\r\n"):
        return None             # LIMIT, OFFSET, an expression: left to the engine
    return FinalOrder(sparql[:order.start()] + sparql[position:], tuple(keys))


def sorted_solutions(variables: Sequence[str], solutions: list[tuple],
                     keys: Sequence[SortKey]) -> list[tuple] | None:
    """`solutions` (tuples of pyoxigraph terms, None when unbound) ordered by `keys`, or None
    when a key's column holds terms whose SPARQL order this module does not reproduce."""
    from pyoxigraph import Literal as literal, NamedNode as named_node   # only ever with Oxigraph

    columns: list[tuple[int, SortKey]] = []
    for key in keys:
        if key.variable not in variables:
            return None
        columns.append((variables.index(key.variable), key))
    unbound = (0, "", "", "")
    ordered = list(solutions)
    # one stable pass per key, the last key first: ties keep the order of the keys after them
    for index, key in reversed(columns):
        ranks: list[tuple[int, str, str, str]] = []
        for solution in ordered:
            term = solution[index]
            kind = type(term)
            if term is None:
                ranks.append(unbound)
            elif key.as_string:
                if kind is named_node or kind is literal:
                    ranks.append((2, term.value, _XSD_STRING, ""))    # STR() gives a plain literal
                else:
                    ranks.append(unbound)         # STR(blank node) is an error: as unbound
            elif kind is named_node:
                ranks.append((1, term.value, "", ""))
            elif kind is literal and (term.language is not None or term.datatype.value == _XSD_STRING):
                # strings by their value, then their datatype and language (rdf:langString's IRI
                # sorts before xsd:string's), as Oxigraph orders terms its operators do not
                ranks.append((2, term.value, term.datatype.value, term.language or ""))
            else:
                return None
        order = sorted(range(len(ordered)), key=ranks.__getitem__, reverse=key.descending)
        ordered = [ordered[i] for i in order]
    return ordered
