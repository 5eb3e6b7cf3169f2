"""Django's date formats for each page language (FORMAT_MODULE_PATH): the one style, '4 december 2026'.

So that ``{{ some_date }}`` and ``|date`` without an argument read as ``core.formatting.format_date``;
templates still show dates with ``|nl_date`` and ``|nl_datetime``. Input formats are Django's own.
"""
