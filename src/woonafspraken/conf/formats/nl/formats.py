"""Dutch: 4 december 2026, 4 december 2026 om 14:05 (see core.formatting)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y \o\m H:i"
SHORT_DATETIME_FORMAT = r"j F Y \o\m H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
TIME_FORMAT = "H:i"
