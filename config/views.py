from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """For load balancers and monitors: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


ROBOTS = "User-agent: *\nAllow: /\nDisallow: /admin/\nSitemap: {sitemap}\n"


def robots_txt(request):
    """Touches no database, so the benchmark also uses it as its ceiling:
    the fastest any page can be through the same middleware."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    return HttpResponse(ROBOTS.format(sitemap=sitemap), content_type="text/plain")
