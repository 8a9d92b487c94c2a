"""Errors as JSON: one shape for every refusal, in Vietnamese and in English.

``{"error": {"code": "bad_parameter", "parameter": "limit", "message": "<tiếng Việt>",
"message_en": "<English>"}}``. The English text is the gettext msgid, so the Vietnamese
one comes from the portal's catalog like every other string; a client program reads
``code`` (stable), people read the messages.
"""

import json

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext


class ApiError(Exception):
    def __init__(self, status, code, message, parameter=None, **values):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message  # an English msgid with %(name)s placeholders
        self.parameter = parameter
        self.values = values

    def body(self):
        with translation.override("vi"):
            vietnamese = gettext(self.message) % self.values
        error = {"code": self.code, "message": vietnamese, "message_en": self.message % self.values}
        if self.parameter is not None:
            error["parameter"] = self.parameter
        return {"error": error}


def bad_parameter(parameter, message, **values):
    return ApiError(400, "bad_parameter", message, parameter=parameter, **values)


# <, > and & written as JSON escapes: the same data to any JSON reader, but no markup a
# browser could ever sniff and run (an unknown parameter's name is echoed in its error;
# an answer carries HTML). Django's json_script does the same.
_MARKUP_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_response(data, status=200):
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_MARKUP_ESCAPES).encode()
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def error_response(error):
    return json_response(error.body(), status=error.status)
