from django.shortcuts import render


def tag_page(request, slug):
    """Từ khóa: every live article carrying one tag, newest first, paginated like a section."""
    from django.shortcuts import get_object_or_404
    from taggit.models import Tag

    from .listings import paginate
    from .models import live_articles

    tag = get_object_or_404(Tag, slug=slug)
    articles = live_articles().filter(tagged_items__tag=tag).distinct()
    page_obj = paginate(request, articles, 12)
    return render(request, "news/tag_page.html", {"tag": tag, "page_obj": page_obj})
