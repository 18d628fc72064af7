"""Constants shared by the builder and the reader (kept apart so the app never imports sqlite-utils)."""

SCHEMA_VERSION = 1  # PRAGMA user_version of the catalogue; bump when the schema changes
APPLICATION_ID = 0x504F5346  # "POSF"

# Kinds of search terms; the search ranks them in this order.
TERM_TITLE, TERM_ALIAS, TERM_DISPLAY, TERM_PINYIN = "title", "alias", "display", "pinyin"
