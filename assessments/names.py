"""How names sort: the way a reader expects, whatever the database's own collation.

SQLite compares bytes and PostgreSQL's order depends on the server's locale, so neither
puts "Ünïcødé Bäckerei" between "Thames" and "Zephyr". Clients and pilots store this key
beside their name and sort by it instead.
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
