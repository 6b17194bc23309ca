# English UI, Vietnamese dates (dd/mm/yyyy): only the number separators differ.
from tiendo.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
