from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from .models import ArticleTag, live_articles
from .queries import paginate


def tag_page(request, slug):
    """Từ khóa: every live article carrying one tag, newest first, paginated like a section."""
    tag = get_object_or_404(Tag, slug=slug)
    # EXISTS, not a join with DISTINCT: the database walks the date index newest first and
    # stops after one page, instead of collecting and sorting every article with the tag.
    articles = live_articles().filter(Exists(ArticleTag.objects.filter(content_object=OuterRef("pk"), tag=tag)))
    page_obj = paginate(request, articles, 12, count_name=f"tag:{tag.pk}")
    return render(request, "news/tag_page.html", {"tag": tag, "page_obj": page_obj})
