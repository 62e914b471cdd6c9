"""How names sort and compare: the way a reader expects, whatever the database's collation.

SQLite compares bytes and PostgreSQL's order depends on the server's locale, so neither
puts "Ünïcødé Bäckerei" between "Thames" and "Zephyr". Clients and pilots store this key
beside their name and sort by it instead. The same key decides when two names are the
same name: "Lína Chow" and "lina  chow" are read alike, on a projector as in a list.
"""

import unicodedata

# Letters that have no accent to strip but are read as a plain one when sorting.
_PLAIN_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
SORT_KEY_MAX = 480


def name_sort_key(name: str) -> str:
    """The name without case, accents or extra spaces: "Ñandú  Bakery" as "nandu bakery"."""
    folded = unicodedata.normalize("NFKD", " ".join(name.split()).casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return plain.translate(_PLAIN_LETTERS)[:SORT_KEY_MAX]


def name_key(name: str) -> str:
    """A name as compared with others: case, accents and spacing make no difference."""
    return name_sort_key(name)


def cannot_tell_apart(name: str, role: str, other_name: str, other_role: str) -> bool:
    """Whether a person joining as `name` and `role` would be confused with one already
    asked: the same name, and no role, or the same role, to tell them apart."""
    if name_key(name) != name_key(other_name):
        return False
    return not name_key(role) or name_key(role) == name_key(other_role)


def same_email(email: str, other_email: str) -> bool:
    """Whether two emails given for people asked are one address; an empty one is none."""
    email = email.strip().casefold()
    return bool(email) and email == other_email.strip().casefold()
