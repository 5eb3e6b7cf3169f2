"""Django's JSON serialisation with full-precision times, for backups.

Django's JSON encoder cuts datetimes to milliseconds, so a backup would lose the microseconds of every
timestamp (and a restored database would differ from the original). This format keeps them; Django's
ordinary JSON deserialiser reads it back.

The output is still one JSON array, but with every object on a line of its own, so a restore can read a
large backup object by object instead of parsing it whole.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "FullPrecisionEncoder", "Serializer"]


class FullPrecisionEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def start_serialization(self) -> None:
        # Django's JSON serialiser passes its options to json.dump and only defaults ``cls``.
        self.options.setdefault("cls", FullPrecisionEncoder)
        super().start_serialization()

    def end_serialization(self) -> None:
        self.stream.write("\n]\n")

    def end_object(self, obj: Any) -> None:
        # One object a line: "[", then "{...}," lines, then the last "{...}" and "]".
        self.stream.write("\n" if self.first else ",\n")
        json.dump(self.get_dump_object(obj), self.stream, **self.json_kwargs)
        self._current = None
