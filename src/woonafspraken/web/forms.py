"""The project's form renderer: every ``{{ form.x.as_field_group }}`` renders one field template."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    """Django's renderer with the page shell's field template (label, help, errors, NL Design System)."""

    field_template_name = "web/field.html"
