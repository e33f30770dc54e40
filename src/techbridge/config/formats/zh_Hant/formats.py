"""Traditional Chinese: Django's zh_Hant dates ("2026年12月5日 14:30"), digits grouped in threes.

Django's module groups nothing (NUMBER_GROUPING = 4, no separator) and pads the month in
MONTH_DAY_FORMAT ("09月5日"); only those are changed here.
"""

MONTH_DAY_FORMAT = "n月j日"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
