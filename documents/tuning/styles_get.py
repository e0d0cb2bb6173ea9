"""A computed style's plain inherited and initial values without WeasyPrint's general path.

A ``ComputedStyle`` computes each property the first time it is read
(``ComputedStyle.__missing__``): ~44,000 times in a 50-page render, most of them for a
property the style's declarations do not set, whose value is the parent's (inherited
properties) or the initial value. WeasyPrint's ``__missing__`` takes them through all its
cases (pending ``var()``, logical properties, math functions, text decorations, ``page``,
the specified values of ``position``/``float``/``display``). Here, those properties
(known when the module is installed, from WeasyPrint's own tables) take the few steps that
apply to them; anything else, and any property the declarations set, goes to WeasyPrint's
``__missing__``. Measured at 1,250 rows: ~40 ms less CPU per render (12 interleaved runs).
"""

#: How a property the cascade does not set is computed: its parent's value, or its initial
#: value (stored as it is, or through its computer function).
INHERIT, INITIAL, COMPUTED_INITIAL = 1, 2, 3


def _kinds():
    from weasyprint.css.computed_values import COMPUTER_FUNCTIONS
    from weasyprint.css.functions import check_math
    from weasyprint.css.properties import INHERITED, INITIAL_NOT_COMPUTED, INITIAL_VALUES

    kinds = {}
    for key, initial in INITIAL_VALUES.items():
        if (
            key in ("float", "display", "page", "position")
            or key[:16] == "text_decoration_"
            or key[:2] == "__"
        ):
            continue
        if key in INHERITED:
            kinds[key] = INHERIT
        elif check_math(initial):
            continue
        elif key not in INITIAL_NOT_COMPUTED:
            kinds[key] = INITIAL
        else:
            kinds[key] = COMPUTED_INITIAL if key in COMPUTER_FUNCTIONS else INITIAL
    return kinds


def patches():
    from weasyprint.css import ComputedStyle
    from weasyprint.css.computed_values import COMPUTER_FUNCTIONS, PHYSICAL_FUNCTIONS
    from weasyprint.css.functions import check_math
    from weasyprint.css.properties import INITIAL_VALUES

    missing = vars(ComputedStyle)["__missing__"]
    kinds = _kinds()
    physical = {key: PHYSICAL_FUNCTIONS[key] for key in kinds if key in PHYSICAL_FUNCTIONS}

    def __missing__(self, key):
        """``ComputedStyle.__missing__`` (WeasyPrint 70.0), with a short way for the
        properties in ``kinds`` when the cascade does not set them."""
        kind = kinds.get(key)
        cascaded = self.cascaded
        if kind is None or key in cascaded:
            return missing(self, key)
        logical_function = physical.get(key)
        # As WeasyPrint does: a logical property set in the cascade wins.
        if (
            logical_function is not None
            and logical_function(block="ttb", inline=self["direction"]) in cascaded
        ):
            return missing(self, key)
        if kind == INHERIT:
            parent_style = self.parent_style
            if parent_style is None:
                return missing(self, key)
            value = parent_style[key]
            if check_math(value):
                return missing(self, key)
        elif kind == INITIAL:
            value = INITIAL_VALUES[key]
        else:
            value = COMPUTER_FUNCTIONS[key](self, key, INITIAL_VALUES[key])
        self[key] = value
        return value

    return [(ComputedStyle, "__missing__", __missing__)]
