from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from .models import live_articles
from .queries import paginate


def tag_page(request, slug):
    """Từ khóa: every live article carrying one tag, newest first, paginated like a section."""
    tag = get_object_or_404(Tag, slug=slug)
    articles = live_articles().filter(tagged_items__tag=tag).distinct()
    page_obj = paginate(request, articles, 12)
    return render(request, "news/tag_page.html", {"tag": tag, "page_obj": page_obj})
