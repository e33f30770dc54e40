"""Date, time and number formats per language (``FORMAT_MODULE_PATH``).

Only what differs from Django's own locale modules is set here; the rest falls through to
``django.conf.locale.<locale>.formats``. English follows British/Hong Kong usage (day before
month, 24-hour clock); both Chinese scripts use Django's ``2026年12月5日 14:30`` and group
digits in threes with a comma, as figures are printed in Hong Kong and on the mainland.
"""
