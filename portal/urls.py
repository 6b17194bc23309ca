from django.urls import path

from portal import views
from portal.cache import public_page
from portal.feeds import NewsFeed

app_name = "portal"
# The public site (no login): also served at "/" on settings.PUBLIC_HOST (portal.public_host_urls).
public_patterns = [
    path("", views.home, name="home"),
    path("tin-tuc/", views.news, name="news"),
    path("tin-tuc/rss/", public_page(NewsFeed()), name="rss"),
    path("tin-tuc/chuyen-muc/<slug:slug>/", views.category, name="category"),
    path("tin-tuc/<slug:slug>/", views.article, name="article"),
    path("anh/<int:pk>/", views.image, name="image"),
    path("ket-qua/", views.scoreboards, name="scoreboards"),
    path("chi-dao/", views.directive_list, name="directives"),
    path("chi-dao/<int:pk>/", views.directive_detail, name="directive"),
    path("tra-cuu-ho-so/", views.lookup, name="lookup"),
    path("ngon-ngu/", views.set_language, name="set_language"),
]
# The newsroom (login; the communications role).
staff_patterns = [
    path("bien-tap/", views.staff_articles, name="staff_articles"),
    path("bien-tap/moi/", views.staff_article_new, name="staff_article_new"),
    path("bien-tap/<int:pk>/", views.staff_article_edit, name="staff_article_edit"),
    path("bien-tap/<int:pk>/anh/", views.staff_article_images, name="staff_article_images"),
    path("bien-tap/<int:pk>/dang/", views.staff_article_publish, name="staff_article_publish"),
    path("bien-tap/<int:pk>/xoa/", views.staff_article_delete, name="staff_article_delete"),
]
urlpatterns = public_patterns + staff_patterns
