"""The collections the API serves, in the order the index and the OpenAPI description list them."""

from .pages import Articles, Sections
from .records import Answers, Documents, Schedule

RESOURCES = [Articles(), Sections(), Documents(), Answers(), Schedule()]
