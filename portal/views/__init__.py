from portal.views.public import (  # noqa: F401 - routed from urls.py
    article,
    category,
    directive_detail,
    directive_list,
    home,
    image,
    lookup,
    news,
    scoreboards,
    set_language,
)
from portal.views.staff import (  # noqa: F401 - routed from urls.py
    staff_article_delete,
    staff_article_edit,
    staff_article_images,
    staff_article_new,
    staff_article_publish,
    staff_articles,
)
