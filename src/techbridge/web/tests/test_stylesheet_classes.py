"""Every class a template names is styled: the site's stylesheet has a rule for it."""

from __future__ import annotations

import re
from pathlib import Path

import techbridge

PACKAGE = Path(techbridge.__file__).resolve().parent
STYLESHEET = PACKAGE / "web" / "static" / "web" / "site.css"

# class="..." in a template. Tags ({% if %}) and comments separate names; a name glued to a
# variable (pill-{{ stage }}) is made at run time and is not a literal name.
CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*(["'])(.*?)\1""", re.DOTALL)
TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.DOTALL)
TEMPLATE_VARIABLE = re.compile(r"\{\{.*?\}\}", re.DOTALL)
GLUE = "\x00"
CLASS_NAME = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def template_classes() -> dict[str, set[str]]:
    """Each literal class name used by a template, with the templates that use it."""
    used: dict[str, set[str]] = {}
    for template in sorted(PACKAGE.glob("*/templates/**/*.html")):
        source = template.read_text(encoding="utf-8")
        for match in CLASS_ATTRIBUTE.finditer(source):
            for token in literal_names(match.group(2)):
                used.setdefault(token, set()).add(str(template.relative_to(PACKAGE)))
    return used


def literal_names(attribute: str) -> list[str]:
    text = TEMPLATE_VARIABLE.sub(GLUE, TEMPLATE_TAG.sub(" ", attribute))
    return [token for token in text.split() if CLASS_NAME.fullmatch(token)]


STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)


def defined_classes() -> set[str]:
    """Class names appearing in a selector (``.name``) of the stylesheet, or of the <style> of
    a template that carries its own (the documents rendered as PDF)."""
    sheets = [STYLESHEET.read_text(encoding="utf-8")]
    for template in PACKAGE.glob("*/templates/**/*.html"):
        sheets += STYLE_ELEMENT.findall(template.read_text(encoding="utf-8"))
    css = COMMENT.sub("", "\n".join(sheets))
    selectors = re.findall(r"([^{}]+)\{", css)
    names: set[str] = set()
    for selector in selectors:
        if selector.strip().startswith("@"):
            continue
        names.update(re.findall(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)", selector))
    return names


def test_the_scanner_reads_literal_classes_only() -> None:
    sample = 'class="card {% if x %}open{% endif %} pill-{{ stage }} {{ rag }} big"'
    found = CLASS_ATTRIBUTE.search(sample)
    assert found is not None
    assert literal_names(found.group(2)) == ["card", "open", "big"]


def test_every_class_used_by_a_template_has_a_rule() -> None:
    used = template_classes()
    assert "result" in used and "result" in defined_classes()
    missing = sorted(set(used) - defined_classes())
    report = [f"{name} (in {', '.join(sorted(used[name]))})" for name in missing]
    assert not missing, "classes without a rule in site.css:\n" + "\n".join(report)
