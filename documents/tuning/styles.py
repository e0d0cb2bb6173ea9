"""The cascade: each distinct element matched once, pseudo-element styles made when asked.

Two costs of ``StyleFor.__init__`` (the cascade) grow with a long table:

- every element is matched against every stylesheet (cssselect2), although the cells of a
  table have the same tag, attributes and ancestors, and so match the same selectors;
- WeasyPrint's user-agent stylesheet has six rules for pseudo-elements of every element
  (``::marker``, ``::footnote-call``, ``::footnote-marker``, ``::note-call``,
  ``::note-marker``, ``::note-callback``): their declarations are cascaded, and a
  ``ComputedStyle`` made, for each element: 30,600 styles at 50 pages, of which a document
  without lists, footnotes or notes reads none.

Here, ``StyleFor.__init__`` is WeasyPrint's own (70.0) with these changes:

- an element's matches are reused for the next element with the same tag, attributes and
  ancestors (tags and attributes), if every selector cssselect2 tried on it looks only at
  those (judged from the names its compiled test uses); a selector that looks at siblings,
  children, text or position (``:nth-child``, ``+``, ``:empty``...) makes the elements it
  is tried on be matched one by one, as before;
- an element whose style WeasyPrint shares (same parent style, style attribute and matched
  selectors: WeasyPrint's own cache key) is not cascaded: the shared style is all it needs;
- pseudo-element declarations are cascaded once per list of matched pseudo-element
  selectors, and a pseudo-element's ``ComputedStyle`` is made when
  ``style_for(element, pseudo_type)`` first asks for it, from the same parent style and the
  same declarations (its values are computed when read, as before). One whose declarations
  set ``anchor`` is made at once, in WeasyPrint's order, as its anchor is collected then.

Measured at 1,250 rows (CPU, interleaved with WeasyPrint's own, 10 each): the cascade
~180 -> ~30 ms; the whole render ~190 ms less (also fewer objects to make and free).
"""

from math import inf
from weakref import WeakKeyDictionary

#: The cssselect2 whose compiled selectors ``_only_looks_up`` reads (WeasyPrint 70.0 accepts
#: others; with another, every element is matched, as WeasyPrint does).
CSSSELECT2 = "0.10.1"


def patches():
    from weasyprint.css import StyleFor

    return [
        (StyleFor, "__init__", style_for_init),
        (StyleFor, "__call__", style_for_call(vars(StyleFor)["__call__"])),
    ]


def _cascade(style, origin, specificity, layer_order, declarations, precedence):
    for name, values, importance in declarations:
        weight = (precedence(origin, importance), layer_order, specificity)
        old_weight = style.get(name, (None, None))[1]
        if old_weight is None or old_weight <= weight:
            style[name] = values, weight


def style_for_init(self, html, sheets, presentational_hints, font_config, target_collector):
    """``weasyprint.css.StyleFor.__init__`` (70.0) with the changes in the module docstring."""
    import cssselect2
    from weasyprint.css import (
        PROGRESS_LOGGER,
        declaration_precedence,
        find_style_attributes,
        preprocess_declarations,
    )

    self._cascaded_styles = cascaded_styles = {}
    self._computed_styles = computed_styles = {}
    self.initial_page_sizes = {"box": None, "area": None}
    self._sheets = sheets
    self.font_config = font_config
    # (etree element) -> {pseudo_type: cascaded declarations}, for pseudo-elements whose
    # computed style is made on demand; what that needs besides.
    self._pseudo_cascades = pseudo_cascades = {}
    self._pseudo_context = (html.etree_element, html.base_url, target_collector)

    PROGRESS_LOGGER.info("Step 3 - Applying CSS")
    layer_order = inf
    elements_declarations = {}
    for specificity, element, declarations, base_url in find_style_attributes(
        html.etree_element, presentational_hints, html.base_url
    ):
        style = cascaded_styles.setdefault((element, None), {})
        elements_declarations[element] = tuple(declarations)
        for name, values, importance in preprocess_declarations(base_url, declarations):
            precedence = declaration_precedence("author", importance)
            weight = (precedence, layer_order, specificity)
            old_weight = style.get(name, (None, None))[1]
            if old_weight is None or old_weight <= weight:
                style[name] = values, weight

    computed_cache = {}
    # Matched pseudo-element selectors -> {pseudo_type: cascaded declarations}.
    pseudo_cache = {}
    # An element's tag and attributes, and its parent's signature -> a number; the
    # selectors an element matches, when they look at nothing else, by that number.
    signatures, numbers, by_signature = {}, {}, {}
    reuse = cssselect2.__version__ == CSSSELECT2
    # Pseudo-elements made at once (their declarations set an anchor), in WeasyPrint's order.
    eager = []
    for element in html.wrapper_element.iter_subtree():
        etree_element = element.etree_element
        parent = element.parent.etree_element if element.parent else None
        parent_id = id(computed_styles[parent, None]) if element.parent else None
        element_declarations = elements_declarations.get(etree_element)
        signature = signatures[etree_element] = numbers.setdefault(
            (signatures.get(parent), etree_element.tag, tuple(etree_element.attrib.items())),
            len(numbers),
        )
        found = by_signature.get(signature)
        if found is None:
            found, local = _match(element, sheets, pseudo_cache, declaration_precedence, reuse)
            if local and reuse:
                by_signature[signature] = found
        selectors_keys, matched, cascades, anchored = found
        if cascades:
            pseudo_cascades[etree_element] = cascades
            for pseudo_type in anchored:
                eager.append((etree_element, pseudo_type))

        key = (parent_id, element_declarations, selectors_keys)
        if key in computed_cache:
            computed_styles[etree_element, None] = computed_cache[key]
        else:
            style = None
            for origin, specificity, layer_order, declarations in matched:
                if style is None:
                    style = cascaded_styles.setdefault((etree_element, None), {})
                _cascade(
                    style, origin, specificity, layer_order, declarations, declaration_precedence
                )
            self.set_computed_styles(
                etree_element,
                root=html.etree_element,
                parent=parent,
                base_url=html.base_url,
                target_collector=target_collector,
            )
            computed_cache[key] = computed_styles[etree_element, None]

    for element, pseudo_type in eager:
        _make_pseudo_style(self, element, pseudo_type)

    self._cascaded_styles.clear()


def _match(element, sheets, pseudo_cache, precedence, reuse):
    """The selectors ``element`` matches, as ``StyleFor.__init__`` uses them, and whether
    they depend only on its tag and attributes and those of its ancestors (never asked, and
    False, unless ``reuse``: that reads cssselect2's internals)."""
    selectors_keys = []
    matched = []
    pseudo_matched = []
    local = reuse
    for sheet, origin, sheet_specificity in sheets:
        local = local and _only_looks_up(sheet.matcher, element)
        for selector in sheet.matcher.match(element):
            specificity, _order, pseudo_type, (declarations, layer) = selector
            layer_order = inf if layer is None else sheet.layers.index(layer)
            selectors_keys.append((sheet, specificity, id(declarations), layer_order))
            specificity = sheet_specificity or specificity
            if pseudo_type is None:
                matched.append((origin, specificity, layer_order, declarations))
            else:
                pseudo_matched.append((pseudo_type, origin, specificity, layer_order, declarations))
    cascades, anchored = None, ()
    if pseudo_matched:
        # The declarations are the stylesheets' own objects, alive as long as they are.
        pseudo_key = tuple((*match[:4], id(match[4])) for match in pseudo_matched)
        found = pseudo_cache.get(pseudo_key)
        if found is None:
            cascades = {}
            for pseudo_type, origin, specificity, layer_order, declarations in pseudo_matched:
                _cascade(
                    cascades.setdefault(pseudo_type, {}),
                    origin,
                    specificity,
                    layer_order,
                    declarations,
                    precedence,
                )
            anchored = tuple(pt for pt, cascaded in cascades.items() if "anchor" in cascaded)
            found = pseudo_cache[pseudo_key] = cascades, anchored
        cascades, anchored = found
    return (tuple(selectors_keys), matched, cascades, anchored), local


#: What a selector test (cssselect2 compiles each to a lambda) may look at for its result to
#: depend only on the element's tag and attributes and those of its ancestors (and the
#: document's language): no siblings, children, text or position.
_LOOKS_UP = frozenset((
    "local_name", "namespace_url", "in_html_document", "etree_element", "tag", "get",
    "attrib", "id", "classes", "lang", "parent", "ancestors", "any", "all", "next", "lower",
    "ascii_lower", "split_whitespace", "startswith", "endswith", "urlparse", "scheme",
))  # fmt: skip
#: test -> whether it looks only upwards (weakly: a document's own stylesheets, and so their
#: tests, are made again for each render).
_looks_up: WeakKeyDictionary = WeakKeyDictionary()


def _names(code) -> set:
    names = set(code.co_names)
    for constant in code.co_consts:
        if hasattr(constant, "co_names"):
            names |= _names(constant)
    return names


def _test_looks_up(test) -> bool:
    looks_up = _looks_up.get(test)
    if looks_up is None:
        looks_up = _looks_up[test] = _names(test.__code__) <= _LOOKS_UP
    return looks_up


def _only_looks_up(matcher, element) -> bool:
    """Whether the selectors ``matcher.match(element)`` tries all look only upwards."""
    from webencodings import ascii_lower

    groups = [matcher.other_selectors]
    if element.id is not None and element.id in matcher.id_selectors:
        groups.append(matcher.id_selectors[element.id])
    groups.extend(matcher.class_selectors.get(name, ()) for name in element.classes)
    groups.append(matcher.lower_local_name_selectors.get(ascii_lower(element.local_name), ()))
    groups.append(matcher.namespace_selectors.get(element.namespace_url, ()))
    if "lang" in element.etree_element.attrib:
        groups.append(matcher.lang_attr_selectors)
    return all(_test_looks_up(entry[0]) for group in groups for entry in group)


def _make_pseudo_style(self, element, pseudo_type):
    """What ``set_computed_styles`` does for a pseudo-element, from its kept declarations."""
    from weasyprint.css import ComputedStyle

    root, base_url, target_collector = self._pseudo_context
    computed_styles = self._computed_styles
    computed = computed_styles[element, pseudo_type] = ComputedStyle(
        computed_styles[element, None],
        self._pseudo_cascades[element][pseudo_type],
        pseudo_type,
        computed_styles[root, None],
        base_url,
        self.font_config,
        self.initial_page_sizes,
    )
    if target_collector and computed["anchor"]:
        target_collector.collect_anchor(computed["anchor"])
    return computed


def style_for_call(call):
    def __call__(self, element, pseudo_type=None):
        """``StyleFor.__call__``, making a pseudo-element's computed style when first asked."""
        if (
            pseudo_type is not None
            and (element, pseudo_type) not in self._computed_styles
            and pseudo_type in self.__dict__.get("_pseudo_cascades", {}).get(element, ())
        ):
            _make_pseudo_style(self, element, pseudo_type)
        return call(self, element, pseudo_type)

    return __call__
