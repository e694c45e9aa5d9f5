"""Phone numbers: Dutch or international, checked and dialled with libphonenumber (answers kept: handboek.memo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handboek.memo import remembered

if TYPE_CHECKING:
    import phonenumbers

REGION = "NL"


def parse(text: str) -> phonenumbers.PhoneNumber | None:
    """Return the number if `text` is a valid Dutch, Dutch short or international number."""
    import phonenumbers     # imported only when a number is first asked about
    from phonenumbers import shortnumberinfo

    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number) or shortnumberinfo.is_valid_short_number_for_region(number, REGION):
        return number
    return None


@remembered("phonenumbers")
def is_valid(text: str) -> bool:
    """True when `text` is a phone number that can be dialled from the Netherlands."""
    return parse(text) is not None


@remembered("phonenumbers")
def tel_href(text: str) -> str:
    """The `tel:` link for a number, dialled as from a Dutch phone, e.g. `tel:08007000`."""
    import phonenumbers

    number = parse(text)
    if number is None:
        raise ValueError(f"not a phone number: {text!r}")
    digits = phonenumbers.format_number_for_mobile_dialing(number, REGION, with_formatting=False)
    return f"tel:{digits or phonenumbers.national_significant_number(number)}"


@remembered("phonenumbers")
def same_number(a: str, b: str) -> bool:
    """True when two texts are the same valid phone number, whatever the spacing or notation."""
    first, second = parse(a), parse(b)
    return first is not None and first == second
